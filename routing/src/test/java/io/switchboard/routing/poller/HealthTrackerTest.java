package io.switchboard.routing.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthTrackerTest {
  private static final Health ONLINE = new Health(true, 0, 0);
  private static final Health OFFLINE = new Health(false, 0, 0);

  @ParameterizedTest(name = "unhealthy threshold {0}")
  @ValueSource(ints = {1, 2, 3})
  void goesOfflineOnExactlyTheThresholdthConsecutiveFailure(int threshold) {
    Health health = ONLINE;
    for (int failure = 1; failure < threshold; failure++) {
      PollVerdict verdict = HealthTracker.onFailure(health, threshold);
      assertThat(verdict).isEqualTo(new PollVerdict(new Health(true, 0, failure), true, false, false));
      health = verdict.next();
    }
    assertThat(HealthTracker.onFailure(health, threshold))
        .as("panic: counters reset, offline, no load")
        .isEqualTo(new PollVerdict(OFFLINE, false, true, false));
  }

  @ParameterizedTest(name = "healthy threshold {0}")
  @ValueSource(ints = {1, 2, 3})
  void comesOnlineOnExactlyTheThresholdthConsecutiveSuccess(int threshold) {
    Health health = OFFLINE;
    for (int success = 1; success < threshold; success++) {
      PollVerdict verdict = HealthTracker.onSuccess(health, threshold);
      assertThat(verdict).isEqualTo(new PollVerdict(new Health(false, success, 0), false, false, false));
      health = verdict.next();
    }
    assertThat(HealthTracker.onSuccess(health, threshold))
        .as("both counters reset, online, load stored")
        .isEqualTo(new PollVerdict(ONLINE, true, false, true));
  }

  @Test
  void aThresholdOfZeroActsOnTheFirstPollAsInScalelite() {
    assertThat(HealthTracker.onFailure(ONLINE, 0).wentOffline()).isTrue();
    assertThat(HealthTracker.onSuccess(OFFLINE, 0).cameOnline()).isTrue();
  }

  @Test
  void anOnlineServerThatFlapsNeverGoesOffline() {
    Health health = ONLINE;
    for (int round = 0; round < 5; round++) {
      PollVerdict failed = HealthTracker.onFailure(health, 2);
      assertThat(failed).isEqualTo(new PollVerdict(new Health(true, 0, 1), true, false, false));
      PollVerdict succeeded = HealthTracker.onSuccess(failed.next(), 1);
      assertThat(succeeded).isEqualTo(new PollVerdict(ONLINE, true, false, false));
      health = succeeded.next();
    }
  }

  @Test
  void anOfflineServerThatFlapsStartsCountingAgain() {
    PollVerdict verdict = HealthTracker.onSuccess(OFFLINE, 3);
    verdict = HealthTracker.onSuccess(verdict.next(), 3);
    assertThat(verdict.next()).isEqualTo(new Health(false, 2, 0));
    verdict = HealthTracker.onFailure(verdict.next(), 2);
    assertThat(verdict).isEqualTo(new PollVerdict(OFFLINE, false, false, false));
    verdict = HealthTracker.onSuccess(verdict.next(), 3);
    verdict = HealthTracker.onSuccess(verdict.next(), 3);
    assertThat(verdict.next().online()).isFalse();
    assertThat(HealthTracker.onSuccess(verdict.next(), 3).cameOnline()).isTrue();
  }

  @Test
  void aSuccessResetsOnlyTheUnhealthyCounterOfAnOnlineServer() {
    assertThat(HealthTracker.onSuccess(new Health(true, 4, 1), 1))
        .isEqualTo(new PollVerdict(new Health(true, 4, 0), true, false, false));
  }

  @Test
  void aSuccessResetsTheUnhealthyCounterOfAnOfflineServer() {
    assertThat(HealthTracker.onSuccess(new Health(false, 0, 1), 2).next()).isEqualTo(new Health(false, 1, 0));
  }

  @Test
  void aFailureOfAnOfflineServerResetsOnlyTheHealthyCounter() {
    assertThat(HealthTracker.onFailure(new Health(false, 2, 1), 2))
        .isEqualTo(new PollVerdict(new Health(false, 0, 1), false, false, false));
  }

  @Test
  void aFailureOfAnOnlineServerResetsTheHealthyCounter() {
    assertThat(HealthTracker.onFailure(new Health(true, 3, 0), 2).next()).isEqualTo(new Health(true, 0, 1));
  }

  @Test
  void rejectsNegativeCounters() {
    assertThatThrownBy(() -> new Health(true, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("healthyCount: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new Health(true, 0, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unhealthyCount: -2 (expected: >= 0)");
  }
}
