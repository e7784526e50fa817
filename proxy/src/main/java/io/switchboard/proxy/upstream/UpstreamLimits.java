package io.switchboard.proxy.upstream;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Bounds of an {@link UpstreamClient}, fixed at construction (built from {@code UpstreamConfig}). Pools are per
 * event loop, so the connection and pending-acquire limits apply per server <em>and per event loop</em>.
 *
 * @param maxConnectionsPerServer open connections (idle or busy) to one server from one event loop
 * @param maxPendingAcquiresPerServer calls that may wait for a free connection; more fail with {@code CONNECT}
 * @param maxConnectTimeout the bootstrap's TCP connect timeout and the longest wait for a pool slot; a request's own
 *     {@link UpstreamRequest#connectTimeout()} can only shorten it
 * @param idleTimeout how long a pooled keep-alive connection may stay unused before it is closed
 * @param maxResponseBytes largest response body accepted; larger ones fail with {@code TOO_LARGE}
 */
public record UpstreamLimits(
    int maxConnectionsPerServer,
    int maxPendingAcquiresPerServer,
    Duration maxConnectTimeout,
    Duration idleTimeout,
    int maxResponseBytes) {

  /** 16 MiB: a getMeetings or getRecordings answer of a busy server is a few MiB at most. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  // Below NGINX's default keepalive_timeout (75 s) in front of BBB, so Switchboard closes an idle connection before
  // BBB does and rarely writes a request into a connection that is being closed.
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  static final int DEFAULT_MAX_PENDING_ACQUIRES = 1024;

  public UpstreamLimits {
    requireNonNull(maxConnectTimeout, "maxConnectTimeout");
    requireNonNull(idleTimeout, "idleTimeout");
    requireAtLeastOne(maxConnectionsPerServer, "maxConnectionsPerServer");
    requireAtLeastOne(maxPendingAcquiresPerServer, "maxPendingAcquiresPerServer");
    requireAtLeastOne(maxResponseBytes, "maxResponseBytes");
    if (maxConnectTimeout.isNegative() || maxConnectTimeout.isZero()
        || maxConnectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("maxConnectTimeout: " + maxConnectTimeout + " (expected: > 0 and < 24 days)");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
    }
  }

  /** Limits with a 30 s idle timeout, 1024 pending acquires and a 16 MiB response cap. */
  public static UpstreamLimits of(int maxConnectionsPerServer, Duration maxConnectTimeout) {
    return new UpstreamLimits(
        maxConnectionsPerServer,
        DEFAULT_MAX_PENDING_ACQUIRES,
        maxConnectTimeout,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_RESPONSE_BYTES);
  }

  private static void requireAtLeastOne(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
    }
  }
}
