package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The live status page at {@code /status} ({@code switchboard.status-page}, env {@code ADMIN_PASSWORD}): served behind
 * HTTP Basic authentication as user {@code admin}, and only when a password is set. {@link #toString()} hides it.
 */
public record StatusPageConfig(Optional<String> password) {
  public static final String USER = "admin";

  public StatusPageConfig {
    requireNonNull(password, "password");
  }

  public boolean enabled() {
    return password.isPresent();
  }

  @Override
  public String toString() {
    return "StatusPageConfig[password=" + (password.isPresent() ? "<hidden>" : "<none>") + "]";
  }
}
