package io.switchboard.conf;

import static io.switchboard.conf.Checks.nonNegative;

import java.time.Duration;

/**
 * How a Switchboard process stops on SIGTERM ({@code switchboard.shutdown}): {@code gracePeriod} is how long requests
 * already received may take to be answered once the listener is closed; connections still busy after it are cut. 0
 * cuts them at once. A supervisor's own stop timeout (Kubernetes' {@code terminationGracePeriodSeconds}, systemd's
 * {@code TimeoutStopSec}) must be longer, or it kills the process before the requests are answered.
 */
public record ShutdownConfig(Duration gracePeriod) {
  /** The default of {@code reference.conf}. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(20);

  public ShutdownConfig {
    nonNegative(gracePeriod, "gracePeriod");
  }
}
