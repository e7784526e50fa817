package io.switchboard.routing.poller;

/**
 * A server's health as the poller tracks it (spec §6.1, §7.1): whether it is online, and Scalelite's
 * {@code healthy_counter} / {@code unhealthy_counter}, which count consecutive successful polls of an offline server and
 * consecutive failed polls of an online one. Advanced by {@link HealthTracker}.
 */
public record Health(boolean online, int healthyCount, int unhealthyCount) {

  public Health {
    if (healthyCount < 0) {
      throw new IllegalArgumentException("healthyCount: " + healthyCount + " (expected: >= 0)");
    }
    if (unhealthyCount < 0) {
      throw new IllegalArgumentException("unhealthyCount: " + unhealthyCount + " (expected: >= 0)");
    }
  }
}
