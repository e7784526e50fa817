package io.switchboard.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.simulator.RecordedRequest;
import io.switchboard.simulator.SimMeeting;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.storage.MeetingRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API's meeting endpoints (getMeetings, getMeetingInfo, endMeeting) over two simulated BBB servers. */
class MeetingsAdminTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SwitchboardFixture switchboard;

  @BeforeAll
  static void start() {
    switchboard = SwitchboardFixture.start(2);
  }

  @AfterAll
  static void stop() {
    switchboard.close();
  }

  /** Ends and forgets every meeting, and brings both servers back. */
  @AfterEach
  void reset() {
    for (MeetingRecord meeting : switchboard.stores().meetings().all().toCompletableFuture().join()) {
      switchboard.stores().meetings().remove(meeting.id()).toCompletableFuture().join();
    }
    for (int i = 0; i < 2; i++) {
      switchboard.bbb(i).reset();
    }
  }

  private static URI url(String call, String query) {
    String checksum = SwitchboardFixture.checksum(call + query + SwitchboardFixture.SECRET, "SHA-256");
    return URI.create("http://127.0.0.1:" + switchboard.port() + "/scalelite/api/" + call + "?"
        + (query.isEmpty() ? "" : query + "&") + "checksum=" + checksum);
  }

  private static HttpResponse<String> get(String call, String query) {
    return switchboard.get(url(call, query));
  }

  private static HttpResponse<String> post(String call, String json) {
    return switchboard.send(HttpRequest.newBuilder(url(call, ""))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the meeting through Switchboard's BBB API, as a front-end does. */
  private static SimMeeting create(String id, String extraQuery) {
    HttpResponse<String> created = switchboard.get("create", "meetingID=" + id + "&name=Room+" + id + extraQuery);
    assertThat(created.body()).contains("<returncode>SUCCESS</returncode>");
    return switchboard.hostOf(id).meeting(id).orElseThrow();
  }

  private static Optional<MeetingRecord> stored(String id) {
    return switchboard.stores().meetings().find(id).toCompletableFuture().join();
  }

  @Test
  void getMeetingsListsTheRecordsByServerThenIdWithoutThePassword() {
    List<SimMeeting> created = new ArrayList<>();
    for (String id : List.of("m-d", "m-b", "m-c", "m-a")) {
      created.add(create(id, ""));
    }

    HttpResponse<String> response = get("getMeetings", "");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode meetings = json(response);
    assertThat(meetings).hasSize(4);
    List<String> order = new ArrayList<>();
    meetings.forEach(meeting -> order.add(meeting.get("server_id").asText() + "/" + meeting.get("id").asText()));
    assertThat(order).as("by server, then by meeting id").isSorted();
    JsonNode first = meetings.get(0);
    assertThat(first.properties()).extracting(Map.Entry::getKey)
        .containsExactly("id", "server_id", "server_url", "tenant_id", "voice_bridge", "created_at");
    MeetingRecord record = stored(first.get("id").asText()).orElseThrow();
    assertThat(first.get("server_url").asText())
        .isEqualTo(switchboard.hostOf(record.id()).apiUrl().toString());
    assertThat(first.get("voice_bridge").asText()).isEqualTo(record.voiceBridge());
    assertThat(Instant.parse(first.get("created_at").asText())).isEqualTo(record.createdAt());
    for (SimMeeting meeting : created) {
      assertThat(response.body()).as("the moderator password lets anyone end the meeting")
          .doesNotContain(meeting.moderatorPW());
    }
  }

  @Test
  void getMeetingsOfOneServerAndOfAnUnknownOne() {
    for (String id : List.of("s-1", "s-2", "s-3")) {
      create(id, "");
    }
    String server = stored("s-1").orElseThrow().serverId();

    JsonNode meetings = json(get("getMeetings", "server_id=" + server));

    assertThat(meetings).isNotEmpty();
    meetings.forEach(meeting -> assertThat(meeting.get("server_id").asText()).isEqualTo(server));
    HttpResponse<String> unknown = get("getMeetings", "server_id=bbb9");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText()).isEqualTo("Couldn't find server with id=bbb9");
  }

  @Test
  void getMeetingInfoAddsWhatTheServerSaysNow() {
    SimMeeting meeting = create("lecture", "&meta_bbb-context-name=Algebra&meta_bbb-origin=Greenlight"
        + "&meta_not-shown=x");
    meeting.setParticipants(3);
    meeting.setModerators(1);

    HttpResponse<String> response = get("getMeetingInfo", "id=lecture");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode info = json(response);
    assertThat(info.get("id").asText()).isEqualTo("lecture");
    assertThat(info.get("server_id").asText()).isEqualTo(stored("lecture").orElseThrow().serverId());
    assertThat(info.get("meetingName").asText()).isEqualTo("Room lecture");
    assertThat(info.get("internalMeetingID").asText()).isEqualTo(meeting.internalMeetingID());
    assertThat(info.get("createDate").asText()).isEqualTo(meeting.createDate());
    assertThat(info.get("running").asBoolean()).isTrue();
    assertThat(info.get("recording").asBoolean()).isFalse();
    assertThat(info.get("participantCount").asInt()).isEqualTo(3);
    assertThat(info.get("moderatorCount").asInt()).isEqualTo(1);
    assertThat(info.get("metadata").properties()).extracting(Map.Entry::getKey)
        .as("the keys Scalelite's meetings:info shows").containsExactly("bbb-context-name", "bbb-origin");
    assertThat(info.get("metadata").get("bbb-context-name").asText()).isEqualTo("Algebra");
    assertThat(info.has("error")).isFalse();
    assertThat(response.body()).doesNotContain(meeting.moderatorPW());
  }

  @Test
  void getMeetingInfoOfAMeetingItsServerForgotOrOfAnOfflineServer() {
    SimMeeting meeting = create("gone", "");
    SimulatedBbb host = switchboard.hostOf("gone");
    host.endMeeting(meeting.meetingID());

    JsonNode forgotten = json(get("getMeetingInfo", "id=gone"));

    assertThat(forgotten.get("id").asText()).isEqualTo("gone");
    assertThat(forgotten.get("running").asBoolean()).isFalse();
    assertThat(forgotten.get("error").asText()).contains("notFound");

    create("unreachable", "");
    switchboard.hostOf("unreachable").setMode(SimulatedBbb.Mode.OFFLINE);

    HttpResponse<String> offline = get("getMeetingInfo", "id=unreachable");

    assertThat(offline.statusCode()).isEqualTo(200);
    JsonNode info = json(offline);
    assertThat(info.get("voice_bridge").asText()).isEqualTo(stored("unreachable").orElseThrow().voiceBridge());
    assertThat(info.get("running").asBoolean()).isFalse();
    assertThat(info.get("error").asText()).contains("could not be reached");
  }

  @Test
  void getMeetingInfoOfAnUnknownMeetingIs404() {
    HttpResponse<String> response = get("getMeetingInfo", "id=nope");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"Couldn't find meeting with id=nope\"}");
  }

  @Test
  void endMeetingEndsItOnItsServerWithTheModeratorPasswordAndForgetsIt() {
    SimMeeting meeting = create("to-end", "");
    SimulatedBbb host = switchboard.hostOf("to-end");
    host.clearRequests();

    HttpResponse<String> response = post("endMeeting", "{\"id\": \"to-end\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"success\":\"Meeting id=to-end was ended\"}");
    assertThat(host.meeting("to-end")).as("ended on the BBB server").isEmpty();
    assertThat(stored("to-end")).isEmpty();
    RecordedRequest end = host.requests().stream().filter(request -> request.callName().equals("end"))
        .findFirst().orElseThrow();
    assertThat(end.params()).containsEntry("meetingID", "to-end").containsEntry("password", meeting.moderatorPW());
  }

  @Test
  void endMeetingOnAnOfflineServerForgetsItAndSays502() {
    create("stranded", "");
    SimulatedBbb host = switchboard.hostOf("stranded");
    host.setMode(SimulatedBbb.Mode.OFFLINE);

    HttpResponse<String> response = post("endMeeting", "{\"id\": \"stranded\"}");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(json(response).get("error").asText()).startsWith("Meeting id=stranded was forgotten; server id=")
        .contains("could not be reached");
    assertThat(stored("stranded")).as("forgotten anyway, as Scalelite's end").isEmpty();
  }

  @Test
  void endMeetingOfAnUnknownMeetingIs404AndEndsNothing() {
    create("keep", "");

    HttpResponse<String> response = post("endMeeting", "{\"id\": \"nope\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).isEqualTo("Couldn't find meeting with id=nope");
    assertThat(stored("keep")).isPresent();
    assertThat(switchboard.hostOf("keep").callCount("end")).isZero();
  }

  @Test
  void aWrongChecksumIsTheBbbChecksumErrorAndChangesNothing() {
    create("guarded", "");
    String wrong = SwitchboardFixture.checksum("endMeeting" + "not-the-secret", "SHA-256");

    HttpResponse<String> end = switchboard.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + switchboard.port() + "/scalelite/api/endMeeting?checksum=" + wrong))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"guarded\"}")).build());
    HttpResponse<String> list = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port()
        + "/scalelite/api/getMeetings?checksum=" + SwitchboardFixture.checksum("getMeetings", "SHA-256")));

    assertThat(end.statusCode()).isEqualTo(200);
    assertThat(end.body()).contains("<messageKey>checksumError</messageKey>");
    assertThat(list.body()).contains("<messageKey>checksumError</messageKey>");
    assertThat(stored("guarded")).isPresent();
  }
}
