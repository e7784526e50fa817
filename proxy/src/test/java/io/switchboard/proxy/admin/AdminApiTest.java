package io.switchboard.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.storage.ServerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scalelite's admin API (spec §10.1) against a real Switchboard over two simulated BBB servers. */
class AdminApiTest {
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

  /** Puts both configured servers back as the fixture made them, and forgets servers the test added. */
  @AfterEach
  void reset() {
    for (ServerRecord server : switchboard.stores().servers().all().toCompletableFuture().join()) {
      if (!server.id().startsWith("bbb")) {
        switchboard.stores().servers().remove(server.id()).toCompletableFuture().join();
      }
    }
    for (int i = 0; i < 2; i++) {
      SimulatedBbb bbb = switchboard.bbb(i);
      switchboard.stores().servers().update("bbb" + i, current -> new ServerRecord(current.id(), bbb.apiUrl(),
          bbb.secret(), ServerState.ENABLED, current.online(), 1.0, java.util.Set.of(), 0, 0, current.meetings(),
          current.users(), current.largestMeeting(), current.videos(), current.bbbVersion()))
          .toCompletableFuture().join();
      bbb.meetings().stream().map(meeting -> meeting.meetingID()).toList().forEach(bbb::endMeeting);
    }
    switchboard.pollNow();
  }

  static URI url(String call, String query) {
    String checksum = SwitchboardFixture.checksum(call + query + SwitchboardFixture.SECRET, "SHA-256");
    return URI.create("http://127.0.0.1:" + switchboard.port() + "/scalelite/api/" + call + "?"
        + (query.isEmpty() ? "" : query + "&") + "checksum=" + checksum);
  }

  static HttpResponse<String> get(String call, String query) {
    return switchboard.get(url(call, query));
  }

  static HttpResponse<String> post(String call, String json) {
    return switchboard.send(HttpRequest.newBuilder(url(call, ""))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  static JsonNode json(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ServerRecord stored(String id) {
    return switchboard.stores().servers().find(id).toCompletableFuture().join().orElseThrow();
  }

  static Map<String, Double> loads() {
    return switchboard.stores().load().snapshot().toCompletableFuture().join();
  }

  /** A meeting created through Switchboard, with the simulated BBB it landed on and that server's id. */
  record Hosted(SimulatedBbb host, String serverId) {}

  static Hosted create(String meetingId) {
    HttpResponse<String> created = switchboard.get("create",
        "meetingID=" + meetingId + "&name=Room&moderatorPW=mp&attendeePW=ap");
    assertThat(created.body()).contains("<returncode>SUCCESS</returncode>");
    SimulatedBbb host = switchboard.hostOf(meetingId);
    return new Hosted(host, host == switchboard.bbb(0) ? "bbb0" : "bbb1");
  }

  @Test
  void getServersListsEveryServerWithScalelitesFields() {
    HttpResponse<String> response = get("getServers", "");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode servers = json(response);
    assertThat(servers).hasSize(2);
    JsonNode first = servers.get(0);
    assertThat(first.properties()).extracting(Map.Entry::getKey).containsExactly(
        "id", "url", "secret", "tag", "bbb_version", "state", "load", "load_multiplier", "online", "tags");
    assertThat(first.get("id").asText()).isEqualTo("bbb0");
    assertThat(first.get("url").asText()).isEqualTo(switchboard.bbb(0).apiUrl().toString());
    assertThat(first.get("secret").asText()).isEqualTo(switchboard.bbb(0).secret());
    assertThat(first.get("tag").asText()).isEmpty();
    assertThat(first.get("tags")).as("Switchboard's list of every tag").isEmpty();
    assertThat(first.get("state").asText()).isEqualTo("enabled");
    assertThat(first.get("load").isNumber()).as("an enabled online server has a load").isTrue();
    assertThat(first.get("load_multiplier").asText()).isEqualTo("1.0");
    assertThat(first.get("online").asText()).isEqualTo("online");
  }

  @Test
  void verboseGetServersAddsThePollStatistics() {
    JsonNode server = json(get("getServers", "verbose=true")).get(0);

    assertThat(server.has("meetings")).isTrue();
    assertThat(server.has("largest_meeting")).isTrue();
    assertThat(json(get("getServers", "")).get(0).has("meetings")).as("not without verbose").isFalse();
  }

  @Test
  void getServerInfoAndUnknownId() {
    HttpResponse<String> found = get("getServerInfo", "id=bbb1");
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(json(found).get("id").asText()).isEqualTo("bbb1");

    HttpResponse<String> missing = get("getServerInfo", "id=nonexistent-id");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("error").asText()).isEqualTo("Couldn't find server with id=nonexistent-id");
  }

  @Test
  void aServerWithSeveralTagsListsThemSortedNextToScalelitesJoinedTag() {
    switchboard.stores().servers().update("bbb1", current -> new ServerRecord(current.id(), current.url(),
        current.secret(), current.state(), current.online(), current.loadMultiplier(), java.util.Set.of("b", "a"),
        current.healthyCounter(), current.unhealthyCounter(), current.meetings(), current.users(),
        current.largestMeeting(), current.videos(), current.bbbVersion())).toCompletableFuture().join();

    JsonNode server = json(get("getServerInfo", "id=bbb1"));

    assertThat(server.get("tag").asText()).isEqualTo("a,b");
    assertThat(server.get("tags")).extracting(JsonNode::asText).containsExactly("a", "b");
  }

  @Test
  void noServersIs404() {
    try (SwitchboardFixture empty = SwitchboardFixture.start(1)) {
      empty.stores().servers().remove("bbb0").toCompletableFuture().join();
      String checksum = SwitchboardFixture.checksum("getServers" + SwitchboardFixture.SECRET, "SHA-256");
      HttpResponse<String> response = empty.get(URI.create("http://127.0.0.1:" + empty.port()
          + "/scalelite/api/getServers?checksum=" + checksum));
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).isEqualTo("{\"error\":\"No servers are configured\"}");
    }
  }

  @Test
  void aWrongOrMissingChecksumIsTheBbbChecksumError() {
    String wrong = SwitchboardFixture.checksum("getServers" + "not-the-secret", "SHA-256");
    HttpResponse<String> response = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port()
        + "/scalelite/api/getServers?checksum=" + wrong));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<messageKey>checksumError</messageKey>");

    HttpResponse<String> none = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port()
        + "/scalelite/api/getServers"));
    assertThat(none.body()).contains("<messageKey>checksumError</messageKey>");

    // The checksum of another call does not open this one.
    HttpResponse<String> other = switchboard.get(URI.create(url("getServerInfo", "").toString()
        .replace("getServerInfo", "getServers")));
    assertThat(other.body()).contains("<messageKey>checksumError</messageKey>");
  }

  @Test
  void theSecondLoadBalancerSecretAndSha1AreAccepted() {
    String checksum = SwitchboardFixture.checksum("getServers" + "second-secret", "SHA-1");
    HttpResponse<String> response = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port()
        + "/scalelite/api/getServers?checksum=" + checksum));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).as("the server list, not a checksumError (also answered 200)").hasSize(2);
  }

  @Test
  void theBodyIsNotHashed() {
    // sha256("addServer" + secret): what Scalelite's users compute (its #1025, #1158).
    String checksum = SwitchboardFixture.checksum("addServer" + SwitchboardFixture.SECRET, "SHA-256");
    HttpResponse<String> response = switchboard.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + switchboard.port() + "/scalelite/api/addServer?checksum=" + checksum))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"server\":{\"url\":\"https://bbb9.example.com/bigbluebutton/api\",\"secret\":\"s9\"}}"))
        .build());
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).get("url").asText()).isEqualTo("https://bbb9.example.com/bigbluebutton/api");
  }

  @Test
  void addServerAddsItDisabledAndOffline() {
    HttpResponse<String> response = post("addServer", """
        {"server": {"url": "https://bbb7.example.com/bigbluebutton/api", "secret": "s7",
                    "load_multiplier": "1.5", "tag": "big"}}""");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode server = json(response);
    assertThat(server.get("state").asText()).isEqualTo("disabled");
    assertThat(server.get("online").asText()).isEqualTo("offline");
    assertThat(server.get("load").asText()).isEqualTo("unavailable");
    assertThat(server.get("load_multiplier").asText()).isEqualTo("1.5");
    assertThat(server.get("tag").asText()).isEqualTo("big");
    String id = server.get("id").asText();
    assertThat(id).as("a random UUID").hasSize(36);
    ServerRecord stored = stored(id);
    assertThat(stored.state()).isEqualTo(ServerState.DISABLED);
    assertThat(stored.online()).isFalse();
    assertThat(stored.tags()).containsExactly("big");
    assertThat(stored.secret()).isEqualTo("s7");
  }

  @Test
  void addServerWithoutEnvelopeOrMultiplier() {
    HttpResponse<String> response = post("addServer",
        "{\"url\": \"https://bbb8.example.com/bigbluebutton/api\", \"secret\": \"s8\", \"load_multiplier\": 0}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).get("load_multiplier").asText()).as("0 means 1.0").isEqualTo("1.0");
    assertThat(json(response).get("tag").asText()).isEmpty();
  }

  @Test
  void addServerErrors() {
    HttpResponse<String> noSecret = post("addServer", "{\"server\": {\"url\": \"https://x.example.com/api\"}}");
    assertThat(noSecret.statusCode()).isEqualTo(400);
    assertThat(noSecret.body()).isEqualTo("{\"error\":\"Server needs a URL and a secret\"}");

    HttpResponse<String> badUrl = post("addServer", "{\"server\": {\"url\": \"bbb.example.com\", \"secret\": \"s\"}}");
    assertThat(badUrl.statusCode()).isEqualTo(400);
    assertThat(json(badUrl).get("error").asText()).contains("http://");

    HttpResponse<String> badJson = post("addServer", "{\"server\": {");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(json(badJson).get("error").asText()).startsWith("Invalid JSON");

    HttpResponse<String> notAnObject = post("addServer", "[1, 2]");
    assertThat(notAnObject.statusCode()).isEqualTo(400);

    HttpResponse<String> empty = post("addServer", "{}");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.body()).contains("<messageKey>internalError</messageKey>")
        .contains("param is missing or the value is empty: server");

    HttpResponse<String> form = switchboard.send(HttpRequest.newBuilder(url("addServer", ""))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("url=https://x.example.com/api&secret=s")).build());
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("<messageKey>unsupportedContentType</messageKey>");

    HttpResponse<String> noType = switchboard.send(HttpRequest.newBuilder(url("addServer", ""))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(noType.body()).contains("<messageKey>unsupportedContentType</messageKey>");

    assertThat(switchboard.stores().servers().all().toCompletableFuture().join()).as("nothing was added").hasSize(2);
  }

  @Test
  void wrongMethodOrUnknownCallIsUnsupportedRequest() {
    assertThat(get("addServer", "").body()).contains("<messageKey>unsupportedRequest</messageKey>");
    assertThat(get("nonsense", "").body()).contains("<messageKey>unsupportedRequest</messageKey>");
    assertThat(post("getServers", "{}").body()).contains("<messageKey>unsupportedRequest</messageKey>");
  }

  @Test
  void tenantEndpointsSayMultitenancyIsDisabled() {
    HttpResponse<String> response = get("getTenants", "");
    assertThat(response.statusCode()).isEqualTo(412);
    assertThat(response.body()).isEqualTo("{\"message\":\"Multitenancy is disabled\"}");
  }

  @Test
  void serverIdIsHostnameUsesTheLowerCasedHostAndRefusesDuplicates() {
    try (SwitchboardFixture hostnames = SwitchboardFixture.start(1, "switchboard.server-id-is-hostname = true")) {
      String checksum = SwitchboardFixture.checksum("addServer" + SwitchboardFixture.SECRET, "SHA-256");
      HttpRequest add = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostnames.port()
              + "/scalelite/api/addServer?checksum=" + checksum))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"server\":{\"url\":\"https://BBB5.Example.com/bigbluebutton/api\",\"secret\":\"s5\"}}"))
          .build();
      HttpResponse<String> first = hostnames.send(add);
      assertThat(first.statusCode()).isEqualTo(201);
      assertThat(json(first).get("id").asText()).isEqualTo("bbb5.example.com");

      HttpResponse<String> again = hostnames.send(add);
      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(json(again).get("error").asText()).isEqualTo("Server with id=bbb5.example.com already exists");
    }
  }

  @Test
  void updateServerStates() {
    assertThat(loads()).containsKey("bbb0");

    HttpResponse<String> cordoned = post("updateServer", "{\"id\":\"bbb0\",\"server\":{\"state\":\"cordon\"}}");
    assertThat(cordoned.statusCode()).isEqualTo(200);
    assertThat(json(cordoned).get("state").asText()).isEqualTo("cordoned");
    assertThat(stored("bbb0").state()).isEqualTo(ServerState.CORDONED);
    assertThat(loads()).as("a cordoned server takes no new meetings").doesNotContainKey("bbb0");

    HttpResponse<String> disabled = post("updateServer", "{\"id\":\"bbb0\",\"server\":{\"state\":\"disable\"}}");
    assertThat(json(disabled).get("state").asText()).isEqualTo("disabled");
    assertThat(json(disabled).get("load").asText()).isEqualTo("unavailable");

    HttpResponse<String> enabled = post("updateServer", "{\"id\":\"bbb0\",\"state\":\"enable\"}");
    assertThat(json(enabled).get("state").asText()).as("without the envelope too").isEqualTo("enabled");
    assertThat(loads()).as("waits for its next poll").doesNotContainKey("bbb0");
    switchboard.pollNow();
    assertThat(loads()).containsKey("bbb0");
  }

  @Test
  void updateServerMultiplierSecretTagAndUrl() {
    JsonNode updated = json(post("updateServer", """
        {"id": "bbb1", "server": {"load_multiplier": "2.5", "secret": "new-secret", "tag": "big",
                                  "url": "https://moved.example.com/bigbluebutton/api"}}"""));
    assertThat(updated.get("load_multiplier").asText()).isEqualTo("2.5");
    assertThat(updated.get("secret").asText()).isEqualTo("new-secret");
    assertThat(updated.get("tag").asText()).isEqualTo("big");
    assertThat(updated.get("url").asText()).isEqualTo("https://moved.example.com/bigbluebutton/api");
    assertThat(stored("bbb1").loadMultiplier()).isEqualTo(2.5);

    JsonNode untagged = json(post("updateServer", "{\"id\": \"bbb1\", \"server\": {\"tag\": \"\"}}"));
    assertThat(untagged.get("tag").asText()).isEmpty();
    assertThat(stored("bbb1").tags()).isEmpty();
  }

  @Test
  void updateServerErrors() {
    HttpResponse<String> state = post("updateServer", "{\"id\":\"bbb0\",\"server\":{\"state\":\"invalid_state\"}}");
    assertThat(state.statusCode()).isEqualTo(400);
    assertThat(state.body()).isEqualTo("{\"error\":\"Invalid state parameter: invalid_state\"}");

    HttpResponse<String> zero = post("updateServer", "{\"id\":\"bbb0\",\"server\":{\"load_multiplier\":0}}");
    assertThat(zero.statusCode()).isEqualTo(400);
    assertThat(zero.body()).isEqualTo("{\"error\":\"Load-multiplier must be a non-zero number\"}");

    HttpResponse<String> half = post("updateServer",
        "{\"id\":\"bbb0\",\"server\":{\"state\":\"cordon\",\"load_multiplier\":\"x\"}}");
    assertThat(half.statusCode()).isEqualTo(400);
    assertThat(stored("bbb0").state()).as("nothing half-done").isEqualTo(ServerState.ENABLED);

    HttpResponse<String> unknown = post("updateServer", "{\"id\":\"nope\",\"server\":{\"state\":\"cordon\"}}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"Couldn't find server with id=nope\"}");

    HttpResponse<String> nothing = switchboard.send(HttpRequest.newBuilder(url("updateServer", "id=bbb0"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(nothing.body()).contains("param is missing or the value is empty: server");
  }

  @Test
  void deleteServer() {
    String id = json(post("addServer",
        "{\"server\":{\"url\":\"https://gone.example.com/bigbluebutton/api\",\"secret\":\"s\"}}")).get("id").asText();

    HttpResponse<String> deleted = post("deleteServer", "{\"id\":\"" + id + "\"}");
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{\"success\":\"Server id=" + id + " was destroyed\"}");
    assertThat(get("getServerInfo", "id=" + id).statusCode()).isEqualTo(404);

    HttpResponse<String> unknown = post("deleteServer", "{\"id\":\"nonexistent-id\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"Couldn't find server with id=nonexistent-id\"}");
  }

  @Test
  void panicEndsTheMeetingsOnBbbForgetsThemAndDisablesTheServer() {
    Hosted meeting = create("panic-1");
    SimulatedBbb host = meeting.host();
    String id = meeting.serverId();

    HttpResponse<String> response = post("panicServer", "{\"id\":\"" + id + "\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(
        "{\"success\":\"Server id=" + id + " has been disabled and the meetings have been destroyed\"}");
    assertThat(host.meeting("panic-1")).as("ended on BBB").isEmpty();
    assertThat(switchboard.stores().meetings().find("panic-1").toCompletableFuture().join()).isEmpty();
    assertThat(stored(id).state()).isEqualTo(ServerState.DISABLED);
    assertThat(loads()).doesNotContainKey(id);
  }

  @Test
  void panicWithKeepStateKeepsTheServerEnabled() {
    Hosted meeting = create("panic-2");
    SimulatedBbb host = meeting.host();
    String id = meeting.serverId();

    HttpResponse<String> response = post("panicServer", "{\"id\":\"" + id + "\",\"keep_state\":true}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(host.meeting("panic-2")).isEmpty();
    assertThat(stored(id).state()).isEqualTo(ServerState.ENABLED);
  }

  @Test
  void panicWithSkipEndCallsForgetsTheMeetingsButLeavesThemRunningOnBbb() {
    Hosted meeting = create("panic-4");
    SimulatedBbb host = meeting.host();
    String id = meeting.serverId();

    HttpResponse<String> response = post("panicServer", "{\"id\":\"" + id + "\",\"skip_end_calls\":true}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(
        "{\"success\":\"Server id=" + id + " has been disabled and the meetings have been destroyed\"}");
    assertThat(switchboard.stores().meetings().find("panic-4").toCompletableFuture().join()).isEmpty();
    assertThat(host.meeting("panic-4")).as("no end was sent").isPresent();
    assertThat(stored(id).state()).isEqualTo(ServerState.DISABLED);
  }

  @Test
  void panicWithSkipEndCallsSucceedsOnAnUnreachableServerAndStillHonoursKeepState() {
    Hosted meeting = create("panic-5");
    SimulatedBbb host = meeting.host();
    String id = meeting.serverId();
    host.setMode(SimulatedBbb.Mode.FAILING);
    try {
      HttpResponse<String> response = switchboard.send(HttpRequest.newBuilder(
              url("panicServer", "keep_state=yes&skip_end_calls=false"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\"}"))
          .header("Content-Type", "application/json").build());

      assertThat(response.statusCode()).as("any non-empty value is set, as for keep_state").isEqualTo(200);
      assertThat(switchboard.stores().meetings().find("panic-5").toCompletableFuture().join()).isEmpty();
      assertThat(stored(id).state()).as("keep_state").isEqualTo(ServerState.ENABLED);
    } finally {
      host.setMode(SimulatedBbb.Mode.NORMAL);
    }
    assertThat(host.meeting("panic-5")).isPresent();

    Hosted otherMeeting = create("panic-6");
    SimulatedBbb other = otherMeeting.host();
    String otherId = otherMeeting.serverId();
    HttpResponse<String> empty = post("panicServer", "{\"id\":\"" + otherId + "\",\"skip_end_calls\":\"\"}");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(other.meeting("panic-6")).as("an empty skip_end_calls is not set: ended on BBB").isEmpty();
  }

  @Test
  void panicErrors() {
    assertThat(post("panicServer", "{\"id\":\"nope\"}").statusCode()).isEqualTo(404);

    Hosted meeting = create("panic-3");
    SimulatedBbb host = meeting.host();
    String id = meeting.serverId();
    host.setMode(SimulatedBbb.Mode.FAILING);
    try {
      HttpResponse<String> response = post("panicServer", "{\"id\":\"" + id + "\"}");
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEqualTo("{\"error\":\"Couldn't disable server id=" + id + "\"}");
      assertThat(stored(id).state()).as("the state is left as it was").isEqualTo(ServerState.ENABLED);
    } finally {
      host.setMode(SimulatedBbb.Mode.NORMAL);
    }
  }

  @Test
  void cordonedServerTakesNoNewMeetingsKeepsItsJoinsAndIsDisabledOnceDrained() {
    Hosted meeting = create("drain-1");
    SimulatedBbb host = meeting.host();
    String id = meeting.serverId();

    assertThat(post("updateServer", "{\"id\":\"" + id + "\",\"server\":{\"state\":\"cordon\"}}").statusCode())
        .isEqualTo(200);
    for (int i = 0; i < 5; i++) {
      assertThat(create("after-" + i).host()).as("no new meeting on the cordoned server").isNotSameAs(host);
    }
    HttpResponse<String> join = switchboard.get("join", "meetingID=drain-1&fullName=Ada&password=mp");
    assertThat(join.statusCode()).as("joins still work").isEqualTo(302);

    switchboard.pollNow();
    assertThat(stored(id).state()).as("still has a meeting").isEqualTo(ServerState.CORDONED);

    host.endMeeting("drain-1");
    HttpResponse<String> polled = post("pollServers", "");
    assertThat(polled.statusCode()).isEqualTo(200);
    assertThat(polled.body()).isEqualTo("{\"success\":\"All servers were polled\"}");
    assertThat(stored(id).state()).as("drained, so disabled").isEqualTo(ServerState.DISABLED);
  }

  @Test
  void nonAdminPathsStillReachTheBbbApi() {
    assertThat(switchboard.get("getMeetings", "").body()).contains("<returncode>SUCCESS</returncode>");
    assertThat(switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port() + "/scalelite/other")).body())
        .contains("unsupportedRequest");
  }
}
