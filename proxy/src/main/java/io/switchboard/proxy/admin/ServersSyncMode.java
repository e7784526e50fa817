package io.switchboard.proxy.admin;

import java.util.Arrays;
import java.util.Optional;

/**
 * What {@code servers sync} does with a stored server the file does not list (spec §10.4). The constants are the
 * words operators type ({@code --mode cordon}) and the API carries ({@code "mode":"cordon"}).
 */
public enum ServersSyncMode {
  /** Leave it alone. */
  keep,
  /** Remove it when it runs no meeting, else cordon it so it drains; the default. */
  cordon,
  /** End its meetings on BBB, forget them and remove it. */
  force;

  public static Optional<ServersSyncMode> parse(String text) {
    return Arrays.stream(values()).filter(mode -> mode.name().equals(text)).findFirst();
  }
}
