package io.switchboard.conf;

import static io.switchboard.conf.Checks.between;
import static io.switchboard.conf.Checks.nonNegative;
import static io.switchboard.conf.Checks.positive;

import java.time.Duration;

/**
 * The server poller and the load formula ({@code switchboard.poller}, spec §5.3 and §6): Scalelite's
 * {@code POLL_INTERVAL}, {@code SERVER_HEALTHY_THRESHOLD}, {@code SERVER_UNHEALTHY_THRESHOLD},
 * {@code POLLER_WAIT_TIMEOUT}, {@code LOAD_MIN_USER_COUNT} and {@code LOAD_JOIN_BUFFER_TIME}.
 */
public record PollerConfig(Duration interval, int healthyThreshold, int unhealthyThreshold, Duration waitTimeout,
                           int loadMinUserCount, Duration loadJoinBufferTime) {
  public PollerConfig {
    positive(interval, "interval");
    between(healthyThreshold, 1, Integer.MAX_VALUE, "healthyThreshold");
    between(unhealthyThreshold, 1, Integer.MAX_VALUE, "unhealthyThreshold");
    positive(waitTimeout, "waitTimeout");
    between(loadMinUserCount, 0, Integer.MAX_VALUE, "loadMinUserCount");
    nonNegative(loadJoinBufferTime, "loadJoinBufferTime");
  }
}
