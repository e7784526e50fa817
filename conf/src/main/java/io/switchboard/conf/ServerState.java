package io.switchboard.conf;

import java.util.Locale;
import java.util.Optional;

/**
 * The administrative state of a BBB server, as Scalelite keeps it in the {@code state} field of the server hash.
 * Enabled servers take new meetings; cordoned servers keep theirs (and their joins) but take no new ones and are
 * disabled by the poller once drained; disabled servers take neither meetings nor joins.
 */
public enum ServerState {
  ENABLED,
  CORDONED,
  DISABLED;

  /** The lower-case word Scalelite stores and prints. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ServerState> parse(String wireName) {
    for (ServerState state : values()) {
      if (state.wireName().equalsIgnoreCase(wireName.trim())) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
