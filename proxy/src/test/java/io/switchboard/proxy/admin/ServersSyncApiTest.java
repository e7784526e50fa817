package io.switchboard.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /scalelite/api/syncServers} against a real Switchboard over two simulated BBB servers. */
class ServersSyncApiTest {
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

  /** Both configured servers back as the fixture made them, no other server, no meeting. */
  @AfterEach
  void reset() {
    for (ServerRecord server : servers()) {
      if (!server.id().equals("bbb0") && !server.id().equals("bbb1")) {
        switchboard.stores().servers().remove(server.id()).toCompletableFuture().join();
      }
    }
    for (int i = 0; i < 2; i++) {
      SimulatedBbb bbb = switchboard.bbb(i);
      bbb.setMode(SimulatedBbb.Mode.NORMAL);
      switchboard.stores().servers().save(new ServerRecord("bbb" + i, bbb.apiUrl(), bbb.secret(), ServerState.ENABLED,
          false, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, "")).toCompletableFuture().join();
      bbb.meetings().stream().map(meeting -> meeting.meetingID()).toList().forEach(bbb::endMeeting);
    }
    for (MeetingRecord meeting : meetings()) {
      switchboard.stores().meetings().remove(meeting.id()).toCompletableFuture().join();
    }
    switchboard.pollNow();
  }

  private static URI url(String call, String secret) {
    String checksum = SwitchboardFixture.checksum(call + secret, "SHA-256");
    return URI.create("http://127.0.0.1:" + switchboard.port() + "/scalelite/api/" + call + "?checksum=" + checksum);
  }

  private static HttpRequest request(String body) {
    return HttpRequest.newBuilder(url("syncServers", SwitchboardFixture.SECRET))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static HttpResponse<String> sync(String body) {
    return switchboard.send(request(body));
  }

  private static HttpResponse<String> sync(ObjectNode servers, String mode, boolean dryRun) {
    ObjectNode body = JSON.createObjectNode();
    body.set("servers", servers);
    body.put("mode", mode).put("dry_run", dryRun);
    return sync(body.toString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture's server {@code index} as the file would list it. */
  private static ObjectNode listed(ObjectNode servers, int index) {
    SimulatedBbb bbb = switchboard.bbb(index);
    return servers.putObject("bbb" + index).put("url", bbb.apiUrl().toString()).put("secret", bbb.secret());
  }

  private static List<ServerRecord> servers() {
    return switchboard.stores().servers().all().toCompletableFuture().join();
  }

  private static List<MeetingRecord> meetings() {
    return switchboard.stores().meetings().all().toCompletableFuture().join().stream()
        .sorted(Comparator.comparing(MeetingRecord::id)).toList();
  }

  private static ServerRecord stored(String id) {
    return switchboard.stores().servers().find(id).toCompletableFuture().join().orElseThrow();
  }

  /** A meeting created through Switchboard; the index of the server it landed on. */
  private static int create(String meetingId) {
    switchboard.get("create", "meetingID=" + meetingId + "&name=Room&moderatorPW=mp&attendeePW=ap");
    return switchboard.hostOf(meetingId) == switchboard.bbb(0) ? 0 : 1;
  }

  private static List<String> changes(JsonNode answer) {
    return answer.get("changes").valueStream()
        .map(change -> change.get("id").asText() + " " + change.get("action").asText()).toList();
  }

  @Test
  void appliesCreatesUpdatesAndCordonsABusyUnlistedServer() {
    int busy = create("sync-busy");
    int other = 1 - busy;
    ObjectNode servers = JSON.createObjectNode();
    listed(servers, other).put("load_multiplier", 2.0).put("tag", "big");
    servers.putObject("bbb9.example.com").put("secret", "s9").put("enabled", false);

    HttpResponse<String> response = sync(servers, "cordon", false);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json(response);
    assertThat(answer.get("dry_run").asBoolean()).isFalse();
    assertThat(answer.get("mode").asText()).isEqualTo("cordon");
    assertThat(changes(answer)).containsExactly("bbb" + other + " update", "bbb9.example.com create",
        "bbb" + busy + " cordon");
    assertThat(answer.get("changes").get(0).get("detail").asText())
        .isEqualTo("load_multiplier 1.0 -> 2.0, tag '' -> 'big'");
    assertThat(stored("bbb" + other).loadMultiplier()).isEqualTo(2.0);
    assertThat(stored("bbb" + other).tags()).containsExactly("big");
    ServerRecord created = stored("bbb9.example.com");
    assertThat(created.url()).isEqualTo(URI.create("https://bbb9.example.com/bigbluebutton/api"));
    assertThat(created.state()).as("listed with enabled: false").isEqualTo(ServerState.DISABLED);
    assertThat(stored("bbb" + busy).state()).isEqualTo(ServerState.CORDONED);
    assertThat(switchboard.bbb(busy).meeting("sync-busy")).as("cordon ends nothing").isPresent();

    JsonNode again = json(sync(servers, "cordon", false));
    assertThat(again.get("changes")).as("a second sync has nothing left to do").isEmpty();
  }

  @Test
  void cordonRemovesAnUnlistedServerWithoutMeetings() {
    ObjectNode servers = JSON.createObjectNode();
    listed(servers, 0);

    JsonNode answer = json(sync(servers, "cordon", false));

    assertThat(changes(answer)).containsExactly("bbb1 remove");
    assertThat(servers()).extracting(ServerRecord::id).containsExactly("bbb0");
  }

  @Test
  void keepLeavesUnlistedServersAlone() {
    JsonNode answer = json(sync(JSON.createObjectNode(), "keep", false));

    assertThat(answer.get("changes")).isEmpty();
    assertThat(servers()).hasSize(2);
  }

  @Test
  void aDryRunChangesNothing() {
    int busy = create("sync-dry");
    int other = 1 - busy;
    switchboard.stores().servers().update("bbb" + other, server -> server.withState(ServerState.CORDONED))
        .toCompletableFuture().join();
    List<ServerRecord> serversBefore = servers();
    List<MeetingRecord> meetingsBefore = meetings();
    ObjectNode servers = JSON.createObjectNode();
    listed(servers, other).put("secret", "rotated");
    servers.putObject("new").put("url", "https://new.example.com/bigbluebutton/api").put("secret", "s");

    HttpResponse<String> response = sync(servers, "force", true);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json(response);
    assertThat(answer.get("dry_run").asBoolean()).isTrue();
    assertThat(changes(answer)).containsExactly("bbb" + other + " update", "bbb" + other + " enable", "new create",
        "bbb" + busy + " cordon", "bbb" + busy + " end_meetings", "bbb" + busy + " remove");
    assertThat(servers()).isEqualTo(serversBefore);
    assertThat(meetings()).isEqualTo(meetingsBefore);
    assertThat(switchboard.hostOf("sync-dry").meeting("sync-dry")).isPresent();
  }

  @Test
  void forceEndsTheMeetingsOnBbbThenRemovesTheServer() {
    int busy = create("sync-force");
    ObjectNode servers = JSON.createObjectNode();
    listed(servers, 1 - busy);

    JsonNode answer = json(sync(servers, "force", false));

    String id = "bbb" + busy;
    assertThat(changes(answer)).containsExactly(id + " cordon", id + " end_meetings", id + " remove");
    assertThat(answer.get("changes").get(1).get("detail").asText()).isEqualTo("1 meeting ended and forgotten");
    assertThat(switchboard.bbb(busy).meeting("sync-force")).as("ended on BBB").isEmpty();
    assertThat(meetings()).isEmpty();
    assertThat(servers()).extracting(ServerRecord::id).containsExactly("bbb" + (1 - busy));
  }

  @Test
  void forceStopsWithA409WhenAMeetingAppearsBeforeTheRemoval() throws Exception {
    int busy = create("sync-race");
    String id = "bbb" + busy;
    switchboard.bbb(busy).setSlowDelay(Duration.ofMillis(1200));
    switchboard.bbb(busy).setMode(SimulatedBbb.Mode.SLOW);
    ObjectNode servers = JSON.createObjectNode();
    listed(servers, 1 - busy);
    ObjectNode body = JSON.createObjectNode();
    body.set("servers", servers);
    body.put("mode", "force");

    int endsBefore = switchboard.bbb(busy).callCount("end");
    CompletableFuture<HttpResponse<String>> pending = switchboard.http()
        .sendAsync(request(body.toString()), HttpResponse.BodyHandlers.ofString());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (switchboard.bbb(busy).callCount("end") == endsBefore) {
      assertThat(Instant.now()).as("the sync sent its end call within 10 s").isBefore(deadline);
      Thread.sleep(10);
    }
    switchboard.stores().meetings().createIfAbsent(new MeetingRecord("sync-late", id, "mp", "71234", "",
        Instant.now())).toCompletableFuture().join();
    HttpResponse<String> response = pending.get();

    assertThat(response.statusCode()).isEqualTo(409);
    JsonNode answer = json(response);
    assertThat(answer.get("error").asText()).isEqualTo("Server id=" + id
        + " got 1 new meeting(s) meanwhile (sync-late); it was not removed; applied: cordon " + id + ", end_meetings "
        + id);
    assertThat(changes(answer)).containsExactly(id + " cordon", id + " end_meetings");
    assertThat(stored(id).state()).isEqualTo(ServerState.CORDONED);
    assertThat(meetings()).extracting(MeetingRecord::id).containsExactly("sync-late");
  }

  @Test
  void aBadBodyIs400AndChangesNothing() {
    List<ServerRecord> before = servers();

    assertBadRequest(sync("{\"mode\":\"cordon\"}"), "servers: missing (expected: an object of servers by id)");
    assertBadRequest(sync("{\"servers\":[]}"), "servers: [] (expected: an object of servers by id)");
    assertBadRequest(sync("{\"servers\":{\"ok\":{\"secret\":\"s\"},\"x\":{\"url\":\"https://x/api\"}}}"),
        "servers.x.secret: missing (expected: the server's shared secret)");
    assertBadRequest(sync("{\"servers\":{},\"mode\":\"purge\"}"),
        "mode: \"purge\" (expected: one of keep, cordon, force)");
    assertBadRequest(sync("{\"servers\":{},\"dry_run\":\"yes\"}"), "dry_run: \"yes\" (expected: true or false)");
    assertBadRequest(sync("[1]"), "The request body must be a JSON object");

    assertThat(servers()).isEqualTo(before);
  }

  @Test
  void aWrongChecksumIsTheBbbXmlError() {
    List<ServerRecord> before = servers();
    HttpResponse<String> response = switchboard.send(HttpRequest.newBuilder(url("syncServers", "wrong"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"servers\":{}}")).build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<returncode>FAILED</returncode>").contains("checksumError");
    assertThat(servers()).isEqualTo(before);
  }

  private static void assertBadRequest(HttpResponse<String> response, String error) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo(error);
  }
}
