package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The Prometheus endpoint ({@code switchboard.metrics}): served at {@code path} on the main listener when {@code port}
 * is 0, else on a listener of its own on that port (so it can stay off the public interface); protected by HTTP Basic
 * authentication when {@code password} is set. {@link #toString()} hides the password.
 */
public record MetricsConfig(boolean enabled, String path, int port, String username, Optional<String> password) {
  public MetricsConfig {
    requireNonNull(path, "path");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    if (!isPath(path)) {
      throw Checks.invalid("path", path, "an absolute path such as /metrics");
    }
    Checks.between(port, 0, 65535, "port");
  }

  /** An absolute path of at least one segment, without query or fragment. */
  static boolean isPath(String path) {
    return path.startsWith("/") && path.length() > 1 && !path.contains("?") && !path.contains("#")
        && !path.contains(" ");
  }

  @Override
  public String toString() {
    return "MetricsConfig[enabled=" + enabled + ", path=" + path + ", port=" + port + ", username=" + username
        + ", password=" + (password.isPresent() ? "<hidden>" : "<none>") + "]";
  }
}
