package io.switchboard.conf;

import static io.switchboard.conf.Checks.between;
import static io.switchboard.conf.Checks.nonBlank;
import static io.switchboard.conf.Checks.positive;

import java.time.Duration;

/**
 * The front-end HTTP listener ({@code switchboard.http}): where Switchboard listens (Scalelite's {@code PORT}) and the
 * limits of the request decoder. Port 0 asks the operating system for a free port, which is what tests do.
 */
public record HttpConfig(String bindAddress, int port, int maxInitialLineLength, int maxHeaderSize,
                         int maxContentLength, Duration idleTimeout) {
  public HttpConfig {
    nonBlank(bindAddress, "bindAddress");
    between(port, 0, 65535, "port");
    between(maxInitialLineLength, 1, Integer.MAX_VALUE, "maxInitialLineLength");
    between(maxHeaderSize, 1, Integer.MAX_VALUE, "maxHeaderSize");
    between(maxContentLength, 1, Integer.MAX_VALUE, "maxContentLength");
    positive(idleTimeout, "idleTimeout");
  }
}
