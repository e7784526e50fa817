package io.switchboard.conf;

import static io.switchboard.conf.Checks.between;
import static io.switchboard.conf.Checks.positive;

import java.time.Duration;

/**
 * Outbound calls to BBB servers ({@code switchboard.upstream}, spec §3.6): Scalelite's {@code CONNECT_TIMEOUT} and
 * {@code RESPONSE_TIMEOUT}, the shortened timeouts used for servers marked offline, and the size of the connection
 * pool kept per server.
 */
public record UpstreamConfig(Duration connectTimeout, Duration responseTimeout, int maxConnectionsPerServer) {
  private static final Duration OFFLINE_CONNECT_FLOOR = Duration.ofMillis(200);
  private static final Duration OFFLINE_RESPONSE_FLOOR = Duration.ofMillis(500);

  public UpstreamConfig {
    positive(connectTimeout, "connectTimeout");
    positive(responseTimeout, "responseTimeout");
    between(maxConnectionsPerServer, 1, Integer.MAX_VALUE, "maxConnectionsPerServer");
  }

  /** Scalelite's connect timeout for a server marked offline: clamp(R/10, 0.2s, R), R = {@link #responseTimeout()}. */
  public Duration offlineConnectTimeout() {
    return clampedTenth(OFFLINE_CONNECT_FLOOR);
  }

  /** Scalelite's response timeout for a server marked offline: clamp(R/10, 0.5s, R), R = {@link #responseTimeout()}. */
  public Duration offlineResponseTimeout() {
    return clampedTenth(OFFLINE_RESPONSE_FLOOR);
  }

  private Duration clampedTenth(Duration floor) {
    Duration tenth = responseTimeout.dividedBy(10);
    Duration atLeastFloor = tenth.compareTo(floor) < 0 ? floor : tenth;
    return atLeastFloor.compareTo(responseTimeout) > 0 ? responseTimeout : atLeastFloor;
  }
}
