package io.switchboard.routing.poller;

import static java.util.Objects.requireNonNull;

/**
 * Scalelite's online/offline state machine of {@code poll:servers} (spec §6.1) as pure functions of the stored
 * {@link Health}: a server goes offline after {@code unhealthyThreshold} consecutive failed polls and comes back after
 * {@code healthyThreshold} consecutive successful ones. Any poll resets the opposite counter, so flapping never
 * accumulates. A threshold of 1 or less acts on the first poll, as in Scalelite.
 */
public final class HealthTracker {

  private HealthTracker() {}

  /** A {@code getMeetings} poll that succeeded. */
  public static PollVerdict onSuccess(Health health, int healthyThreshold) {
    requireNonNull(health, "health");
    if (health.online()) {
      return new PollVerdict(new Health(true, health.healthyCount(), 0), true, false, false);
    }
    int healthy = health.healthyCount() + 1;
    if (healthy < healthyThreshold) {
      return new PollVerdict(new Health(false, healthy, 0), false, false, false);
    }
    return new PollVerdict(new Health(true, 0, 0), true, false, true);
  }

  /** A poll that failed: timeout, connection error, BBB {@code FAILED} or an unparsable reply. */
  public static PollVerdict onFailure(Health health, int unhealthyThreshold) {
    requireNonNull(health, "health");
    if (!health.online()) {
      return new PollVerdict(new Health(false, 0, health.unhealthyCount()), false, false, false);
    }
    int unhealthy = health.unhealthyCount() + 1;
    if (unhealthy < unhealthyThreshold) {
      return new PollVerdict(new Health(true, 0, unhealthy), true, false, false);
    }
    return new PollVerdict(new Health(false, 0, 0), false, true, false);
  }
}
