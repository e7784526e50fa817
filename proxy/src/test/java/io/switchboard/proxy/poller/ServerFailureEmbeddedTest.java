package io.switchboard.proxy.poller;

import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import org.junit.jupiter.api.Test;

/** {@link ServerFailureTest} on the embedded in-memory stores, and what a restart loses and relearns with them. */
class ServerFailureEmbeddedTest extends ServerFailureTest {
  @Override
  StoreKind kind() {
    return StoreKind.EMBEDDED;
  }

  /**
   * With embedded stores the configuration is all a restart starts from: a server disabled there is disabled, and the
   * first poll finds its meetings again — parked, as they cannot move. (With shared stores, the state an operator set
   * on a server Redis already holds is kept over a restart instead.)
   */
  @Test
  void restartWithTheServerDisabledInTheConfigurationParksItsMeetings() {
    SwitchboardFixture first = start(1);
    first.get("create", "meetingID=parked&name=Room+P");
    try (SwitchboardFixture restarted = first.restart("switchboard.servers.bbb0.enabled = false")) {
      assertDisabledServerParksItsMeeting(restarted);
    }
  }

  /** A restart empties the embedded stores; the first poll learns again which meeting runs where. */
  @Test
  void restartRecoversWhichMeetingRunsWhere() {
    SwitchboardFixture first = start(3);
    for (int i = 0; i < 5; i++) {
      first.get("create", "meetingID=kept-" + i + "&name=Room+K");
    }
    try (SwitchboardFixture restarted = first.restart()) {
      assertKeptMeetingsJoinTheirServers(restarted, 5);
    }
  }
}
