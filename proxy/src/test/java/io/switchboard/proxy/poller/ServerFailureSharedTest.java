package io.switchboard.proxy.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import io.switchboard.storage.MeetingRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerFailureTest} on Redis and PostgreSQL (skipped, or failed with CI=true, when either is unreachable), and
 * what a restart keeps with them.
 */
class ServerFailureSharedTest extends ServerFailureTest {
  @Override
  StoreKind kind() {
    return StoreKind.SHARED;
  }

  /**
   * With Redis nothing needs relearning: the meetings survive the restart as they were written at create (a poll's
   * adoption would have rebuilt them from BBB's answer instead, with BBB's creation time).
   */
  @Test
  void restartKeepsTheMeetingsInRedis() {
    SwitchboardFixture first = start(3);
    for (int i = 0; i < 5; i++) {
      first.get("create", "meetingID=kept-" + i + "&name=Room+K&moderatorPW=mp" + i + "&voiceBridge=7000" + i);
    }
    List<MeetingRecord> before = meetings(first, 5);
    try (SwitchboardFixture restarted = first.restart()) {
      assertThat(meetings(restarted, 5)).as("the restarted instance reads the meetings from Redis, unchanged")
          .isEqualTo(before);
      assertKeptMeetingsJoinTheirServers(restarted, 5);
    }
  }

  private static List<MeetingRecord> meetings(SwitchboardFixture switchboard, int count) {
    List<MeetingRecord> meetings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      meetings.add(switchboard.stores().meetings().find("kept-" + i).toCompletableFuture().join()
          .orElseThrow(() -> new AssertionError("a meeting is missing from the stores")));
    }
    return meetings;
  }
}
