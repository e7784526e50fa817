package io.switchboard.proxy.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.ServerState;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.simulator.SimulatedBbb.Mode;
import io.switchboard.storage.ServerRecord;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * What users notice when a BBB server dies: new meetings avoid it, and its meetings can start again elsewhere — on
 * either kind of store ({@link ServerFailureEmbeddedTest}, {@link ServerFailureSharedTest}, which also hold what a
 * restart of Switchboard keeps, as that differs between the two).
 */
abstract class ServerFailureTest {

  /** The stores the Switchboard under test keeps its state in. */
  abstract StoreKind kind();

  SwitchboardFixture start(int servers) {
    return SwitchboardFixture.start(kind(), servers);
  }

  @Test
  void deadServerIsOfflineAfterTheThresholdAndItsMeetingsMoveOnCreate() {
    try (SwitchboardFixture switchboard = start(2)) {
      switchboard.get("create", "meetingID=survivor&name=Room+S");
      SimulatedBbb doomed = switchboard.hostOf("survivor");
      int doomedIndex = switchboard.fleet().servers().indexOf(doomed);
      doomed.setMode(Mode.OFFLINE);

      switchboard.pollNow();
      assertThat(server(switchboard, doomedIndex).online()).as("one failed poll is not enough (threshold 2)").isTrue();
      switchboard.pollNow();
      assertThat(server(switchboard, doomedIndex).online()).as("offline after the second failed poll").isFalse();

      assertThat(switchboard.get("join", "meetingID=survivor&fullName=U").body())
          .as("the dead server's meetings are forgotten").contains("<messageKey>notFound</messageKey>");
      for (int i = 0; i < 4; i++) {
        switchboard.get("create", "meetingID=new-" + i + "&name=Room+N");
        assertThat(doomed.meeting("new-" + i)).as("new meetings avoid the offline server").isEmpty();
      }
      assertThat(switchboard.get("create", "meetingID=survivor&name=Room+S").body())
          .contains("<returncode>SUCCESS</returncode>");
      SimulatedBbb healthy = switchboard.bbb(1 - doomedIndex);
      assertThat(healthy.meeting("survivor")).as("the meeting starts afresh on the healthy server").isPresent();
      var rejoin = switchboard.get("join", "meetingID=survivor&fullName=User");
      assertThat(rejoin.statusCode()).isEqualTo(302);
      assertThat(URI.create(rejoin.headers().firstValue("location").orElseThrow()).getPort()).isEqualTo(healthy.port());

      doomed.setMode(Mode.NORMAL);
      switchboard.pollNow();
      assertThat(server(switchboard, doomedIndex).online()).as("back online after one good poll").isTrue();
    }
  }

  /** The server is disabled in the stores, as an operator's {@code servers disable} (or Scalelite's rake task) does. */
  @Test
  void meetingsOnADisabledServerRefuseJoinsAndMoveOnCreate() {
    try (SwitchboardFixture switchboard = start(1)) {
      switchboard.get("create", "meetingID=parked&name=Room+P");
      switchboard.stores().servers().update("bbb0", server -> server.withState(ServerState.DISABLED))
          .toCompletableFuture().join().orElseThrow();

      assertDisabledServerParksItsMeeting(switchboard);
    }
  }

  /** The join of {@code parked}, whose only server is disabled, is refused, and so is its move by create. */
  static void assertDisabledServerParksItsMeeting(SwitchboardFixture switchboard) {
    assertThat(switchboard.get("join", "meetingID=parked&fullName=U").body())
        .contains("<messageKey>serverUnavailable</messageKey>"
            + "<message>The server for this meeting is disabled/offline.</message>");
    assertThat(switchboard.get("create", "meetingID=parked&name=Room+P").body())
        .as("the only server is disabled, so there is nowhere to move it")
        .contains("<message>Could not find any available servers.</message>");
  }

  @Test
  void createFailsOverWhenTheChosenServerAnswersWithAnError() {
    try (SwitchboardFixture switchboard = start(2)) {
      switchboard.bbb(0).setMode(Mode.FAILING);

      assertThat(switchboard.get("create", "meetingID=failover&name=Room+F").body())
          .contains("<returncode>SUCCESS</returncode>");
      assertThat(switchboard.bbb(1).meeting("failover")).isPresent();
      assertThat(switchboard.bbb(0).callCount("create")).as("the least-loaded server was tried first").isEqualTo(1);
    }
  }

  @Test
  void createFailsOverWhenTheChosenServerHangs() {
    try (SwitchboardFixture switchboard = start(2)) {
      switchboard.bbb(0).setMode(Mode.HANGING);

      assertThat(switchboard.get("create", "meetingID=patience&name=Room+P").body())
          .contains("<returncode>SUCCESS</returncode>");
      assertThat(switchboard.bbb(1).meeting("patience")).isPresent();
    }
  }

  @Test
  void noAnsweringServerIsAnErrorNotA5xx() {
    try (SwitchboardFixture switchboard = start(2)) {
      switchboard.bbb(0).setMode(Mode.FAILING);
      switchboard.bbb(1).setMode(Mode.FAILING);

      var response = switchboard.get("create", "meetingID=doomed&name=Room+D");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("<messageKey>internalError</messageKey>"
          + "<message>Unable to create meeting on server.</message>");
    }
  }

  /** Every {@code kept-<i>} meeting joins on the server that runs it. */
  static void assertKeptMeetingsJoinTheirServers(SwitchboardFixture switchboard, int meetings) {
    for (int i = 0; i < meetings; i++) {
      var join = switchboard.get("join", "meetingID=kept-" + i + "&fullName=U");
      assertThat(join.statusCode()).as("kept-%d is still joinable after a restart", i).isEqualTo(302);
      int port = URI.create(join.headers().firstValue("location").orElseThrow()).getPort();
      assertThat(port).isEqualTo(switchboard.hostOf("kept-" + i).port());
    }
  }

  static ServerRecord server(SwitchboardFixture switchboard, int index) {
    return switchboard.stores().servers().find("bbb" + index).toCompletableFuture().join().orElseThrow();
  }
}
