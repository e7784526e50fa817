package io.switchboard.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import io.switchboard.simulator.SimMeeting;
import io.switchboard.simulator.SimulatedBbb;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/**
 * create and join through Switchboard land on real (simulated) BBB servers, signed with each server's own secret — on
 * either kind of store ({@link CreateJoinEmbeddedTest}, {@link CreateJoinSharedTest}).
 */
abstract class CreateJoinTest {

  /** The stores the Switchboard under test keeps its state in. */
  abstract StoreKind kind();

  private SwitchboardFixture start(int servers) {
    return SwitchboardFixture.start(kind(), servers);
  }

  @Test
  void createLandsOnAServerThatAcceptsItsChecksumAndJoinRedirectsThere() {
    try (SwitchboardFixture switchboard = start(2)) {
      HttpResponse<String> created = switchboard.get("create",
          "meetingID=room-1&name=Room+One&attendeePW=ap&moderatorPW=mp&record=true");

      assertThat(created.body()).contains("<returncode>SUCCESS</returncode>").contains("<meetingID>room-1</meetingID>");
      SimulatedBbb host = switchboard.hostOf("room-1");
      SimMeeting meeting = host.meeting("room-1").orElseThrow();
      assertThat(meeting.name()).isEqualTo("Room One");
      assertThat(meeting.moderatorPW()).isEqualTo("mp");
      assertThat(meeting.createParams()).containsEntry("record", "true").doesNotContainKey("checksum");

      HttpResponse<String> join = switchboard.get("join", "meetingID=room-1&fullName=Ada+Lovelace&password=mp");
      assertThat(join.statusCode()).isEqualTo(302);
      URI location = URI.create(join.headers().firstValue("location").orElseThrow());
      assertThat(location.getPort()).isEqualTo(host.port());
      assertThat(location.getPath()).isEqualTo("/bigbluebutton/api/join");
      assertThat(location.getRawQuery()).contains("fullName=Ada+Lovelace");

      HttpResponse<String> followed = switchboard.get(location);
      assertThat(followed.statusCode()).as("the server accepts the re-signed join").isEqualTo(302);
      assertThat(followed.headers().firstValue("location").orElseThrow()).contains("/html5client/");
      assertThat(meeting.participants()).isEqualTo(1);
    }
  }

  @Test
  void repeatedCreateGoesToTheSameServer() {
    try (SwitchboardFixture switchboard = start(3)) {
      switchboard.get("create", "meetingID=again&name=Room+A");
      SimulatedBbb first = switchboard.hostOf("again");

      HttpResponse<String> second = switchboard.get("create", "meetingID=again&name=Room+A");

      assertThat(second.body()).contains("<messageKey>duplicateWarning</messageKey>");
      assertThat(first.callCount("create")).isEqualTo(2);
    }
  }

  @Test
  void voiceBridgeIsAllocatedAndModeratorPasswordGenerated() {
    try (SwitchboardFixture switchboard = start(1)) {
      switchboard.get("create", "meetingID=phone&name=Room+P&voiceBridge=12345");

      SimMeeting meeting = switchboard.bbb(0).meeting("phone").orElseThrow();
      assertThat(meeting.voiceBridge()).hasSize(9).isNotEqualTo("12345");
      assertThat(meeting.moderatorPW()).hasSize(8).matches("[A-Za-z0-9]+");
    }
  }

  @Test
  void createWithAPresentationBodyIsForwardedAsPost() {
    try (SwitchboardFixture switchboard = start(1)) {
      String slides = "<modules><module name=\"presentation\"><document url=\"https://example.org/a.pdf\"/></module></modules>";
      HttpResponse<String> response = switchboard.send(HttpRequest.newBuilder(
              switchboard.signed("create", "meetingID=slides&name=Room+S"))
          .header("Content-Type", "application/xml")
          .POST(HttpRequest.BodyPublishers.ofString(slides)).build());

      assertThat(response.body()).contains("<returncode>SUCCESS</returncode>");
      assertThat(new String(switchboard.bbb(0).meeting("slides").orElseThrow().createBody())).isEqualTo(slides);
    }
  }

  @Test
  void concurrentCreatesSpreadInInverseProportionToTheMultipliers() {
    // Generous timeouts: on a loaded machine a create that times out fails over to another server, and the placement
    // it cost the first one (rightly counted) would skew the proportions this test is about.
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(kind(), List.of(1.0, 1.0, 2.0),
        "switchboard.upstream.connect-timeout = 20s\nswitchboard.upstream.response-timeout = 30s")) {
      List<CompletableFuture<HttpResponse<String>>> creates = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        creates.add(switchboard.http().sendAsync(
            HttpRequest.newBuilder(switchboard.signed("create", "meetingID=burst-" + i + "&name=Room+B")).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      creates.forEach(create -> assertThat(create.join().body()).contains("<returncode>SUCCESS</returncode>"));

      Map<Integer, Integer> perServer = new java.util.TreeMap<>();
      for (int i = 0; i < 3; i++) {
        perServer.put(i, switchboard.bbb(i).meetings().size());
      }
      assertThat(perServer.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
      assertThat(perServer.get(0)).as("multiplier 1: %s", perServer).isBetween(39, 41);
      assertThat(perServer.get(1)).as("multiplier 1: %s", perServer).isBetween(39, 41);
      assertThat(perServer.get(2)).as("multiplier 2 takes half as many: %s", perServer).isBetween(19, 21);
    }
  }

  @Test
  void endForgetsTheMeetingAndTellsItsServer() {
    try (SwitchboardFixture switchboard = start(2)) {
      switchboard.get("create", "meetingID=over&name=Room+O&moderatorPW=mp");
      SimulatedBbb host = switchboard.hostOf("over");

      HttpResponse<String> end = switchboard.get("end", "meetingID=over&password=mp");

      assertThat(end.body()).contains("<messageKey>sentEndMeetingRequest</messageKey>");
      assertThat(host.meeting("over")).isEmpty();
      assertThat(switchboard.get("join", "meetingID=over&fullName=Late").body())
          .contains("<messageKey>notFound</messageKey>");
    }
  }

  @Test
  void meetingCallsAreProxiedToTheMeetingsServer() {
    try (SwitchboardFixture switchboard = start(2)) {
      switchboard.get("create", "meetingID=info&name=Info+Room");

      assertThat(switchboard.get("getMeetingInfo", "meetingID=info").body())
          .contains("<meetingName>Info Room</meetingName>");
      assertThat(switchboard.get("isMeetingRunning", "meetingID=info").body())
          .contains("<returncode>SUCCESS</returncode>");

      HttpResponse<String> inserted = switchboard.send(HttpRequest.newBuilder(
              switchboard.signed("insertDocument", "meetingID=info"))
          .header("Content-Type", "application/xml")
          .POST(HttpRequest.BodyPublishers.ofString("<modules/>")).build());
      assertThat(inserted.body()).contains("<returncode>SUCCESS</returncode>");
      assertThat(switchboard.hostOf("info").meeting("info").orElseThrow().documents())
          .extracting(String::new).containsExactly("<modules/>");
    }
  }

  @Test
  void getMeetingsMergesEveryServer() {
    try (SwitchboardFixture switchboard = start(3)) {
      for (int i = 0; i < 6; i++) {
        switchboard.get("create", "meetingID=merged-" + i + "&name=Room+M" + i);
      }

      String body = switchboard.get("getMeetings", "").body();

      assertThat(body).contains("<returncode>SUCCESS</returncode>");
      for (int i = 0; i < 6; i++) {
        assertThat(body).contains("<meetingID>merged-" + i + "</meetingID>");
      }
      long serversUsed = switchboard.fleet().servers().stream().filter(bbb -> !bbb.meetings().isEmpty()).count();
      assertThat(serversUsed).as("six meetings spread over three servers").isEqualTo(3);
    }
  }

  @Test
  void getMeetingsWithNothingRunningSaysNoMeetings() {
    try (SwitchboardFixture switchboard = start(1)) {
      assertThat(switchboard.get("getMeetings", "").body()).contains("<messageKey>noMeetings</messageKey>");
    }
  }
}
