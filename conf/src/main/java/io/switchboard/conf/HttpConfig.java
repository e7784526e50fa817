package io.switchboard.conf;

import static io.switchboard.conf.Checks.between;
import static io.switchboard.conf.Checks.nonBlank;
import static io.switchboard.conf.Checks.positive;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The front-end HTTP listener ({@code switchboard.http}): where Switchboard listens (Scalelite's {@code PORT}), the
 * limits of the request decoder, and TLS (empty = plain HTTP). Port 0 asks the operating system for a free port,
 * which is what tests do.
 */
public record HttpConfig(String bindAddress, int port, int maxInitialLineLength, int maxHeaderSize,
                         int maxContentLength, Duration idleTimeout, Optional<TlsConfig> tls) {
  public HttpConfig {
    nonBlank(bindAddress, "bindAddress");
    between(port, 0, 65535, "port");
    between(maxInitialLineLength, 1, Integer.MAX_VALUE, "maxInitialLineLength");
    between(maxHeaderSize, 1, Integer.MAX_VALUE, "maxHeaderSize");
    between(maxContentLength, 1, Integer.MAX_VALUE, "maxContentLength");
    positive(idleTimeout, "idleTimeout");
    requireNonNull(tls, "tls");
  }
}
