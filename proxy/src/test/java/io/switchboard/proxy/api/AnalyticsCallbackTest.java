package io.switchboard.proxy.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.routing.jwt.HmacJwt;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BBB's analytics callback through a real Switchboard: BBB hears 204 at once, and the front-end (a WireMock receiver)
 * gets the analytics as JSON with a token it verifies with its own secret.
 */
class AnalyticsCallbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANALYTICS = """
      {"version":"1.0","meeting_id":"room-1","internal_meeting_id":"abc-123",
       "data":{"metadata":{"meeting_name":"Room"},"attendees":[{"name":"Ada"}]}}""";

  private WireMockServer frontEnd;

  @BeforeEach
  void startFrontEnd() {
    frontEnd = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
        .notifier(new ConsoleNotifier(false)));
    frontEnd.start();
    frontEnd.stubFor(WireMock.post(urlPathEqualTo("/analytics")).willReturn(aResponse().withStatus(200)));
  }

  @AfterEach
  void stopFrontEnd() {
    frontEnd.stop();
  }

  private String callbackUrl() {
    return "http://127.0.0.1:" + frontEnd.port() + "/analytics?room=1";
  }

  private static HttpResponse<String> callback(SwitchboardFixture switchboard, String authorization, String body,
      Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + switchboard.port()
            + "/bigbluebutton/api/analytics_callback?source=bbb"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    return switchboard.send(request.build());
  }

  /** BBB's token: HS512 with its own server secret. */
  private static String bbbToken(SwitchboardFixture switchboard) {
    return "Bearer " + HmacJwt.of(HmacJwt.Algorithm.HS512, switchboard.bbb(0).secret())
        .sign(Map.of("exp", Instant.now().plusSeconds(3600).getEpochSecond()));
  }

  private List<LoggedRequest> relayed(int expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<LoggedRequest> requests = frontEnd.findAll(postRequestedFor(urlPathEqualTo("/analytics")));
    while (requests.size() < expected && System.nanoTime() < deadline) {
      sleep(50);
      requests = frontEnd.findAll(postRequestedFor(urlPathEqualTo("/analytics")));
    }
    return requests;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aCallbackSignedByAServerIsRelayedAsJsonWithTheCustomerAndAVerifiableToken() throws Exception {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1)) {
      switchboard.stores().callbacks().putAnalyticsCallbackUrl("room-1", callbackUrl()).toCompletableFuture().join();

      HttpResponse<String> answer = callback(switchboard, bbbToken(switchboard), ANALYTICS, Map.of());

      assertThat(answer.statusCode()).isEqualTo(204);
      assertThat(answer.body()).isEmpty();
      List<LoggedRequest> requests = relayed(1);
      assertThat(requests).hasSize(1);
      LoggedRequest relay = requests.get(0);
      assertThat(relay.getUrl()).isEqualTo("/analytics?room=1");
      assertThat(relay.getHeader("Content-Type")).isEqualTo("application/json");
      assertThat(relay.getHeader("User-Agent")).isEqualTo("BigBlueButton Analytics Callback");
      JsonNode body = JSON.readTree(relay.getBodyAsString());
      assertThat(body.get("meeting_id").asText()).isEqualTo("room-1");
      assertThat(body.get("source").asText()).as("query parameters travel too").isEqualTo("bbb");
      assertThat(body.get("customer").asText()).isEqualTo("scalelite");
      assertThat(body.at("/data/attendees/0/name").asText()).as("nested analytics are kept").isEqualTo("Ada");
      String token = relay.getHeader("Authorization").substring("Bearer ".length());
      String claims = HmacJwt.of(HmacJwt.Algorithm.HS512, SwitchboardFixture.SECRET).verifiedClaims(token)
          .orElseThrow(() -> new AssertionError("the first load-balancer secret did not sign " + token));
      long exp = JSON.readTree(claims).get("exp").asLong();
      assertThat(exp - Instant.now().getEpochSecond()).isBetween(24 * 3600L - 60, 24 * 3600L + 1);
    }
  }

  @Test
  void aBadOrMissingTokenIsAnswered204AndNothingIsRelayed() {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1)) {
      switchboard.stores().callbacks().putAnalyticsCallbackUrl("room-1", callbackUrl()).toCompletableFuture().join();
      String forged = "Bearer " + HmacJwt.of(HmacJwt.Algorithm.HS512, "not-a-server-secret")
          .sign(Map.of("exp", Instant.now().plusSeconds(3600).getEpochSecond()));
      String hs256 = "Bearer " + HmacJwt.of(HmacJwt.Algorithm.HS256, switchboard.bbb(0).secret())
          .sign(Map.of("exp", Instant.now().plusSeconds(3600).getEpochSecond()));
      String expired = "Bearer " + HmacJwt.of(HmacJwt.Algorithm.HS512, switchboard.bbb(0).secret())
          .sign(Map.of("exp", Instant.now().minusSeconds(60).getEpochSecond()));

      for (String authorization : List.of("", "Bearer garbage", forged, hs256, expired)) {
        HttpResponse<String> answer = callback(switchboard, authorization, ANALYTICS, Map.of());
        assertThat(answer.statusCode()).as(authorization).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
      }
      HttpResponse<String> unknownMeeting = callback(switchboard, bbbToken(switchboard),
          "{\"meeting_id\":\"nobody-asked\"}", Map.of());
      assertThat(unknownMeeting.statusCode()).isEqualTo(204);

      // A good callback after them is relayed, and is the only one.
      callback(switchboard, bbbToken(switchboard), ANALYTICS, Map.of());
      assertThat(relayed(1)).hasSize(1);
      sleep(300);
      assertThat(frontEnd.findAll(postRequestedFor(urlPathEqualTo("/analytics")))).hasSize(1);
    }
  }

  @Test
  void theNextSecretIsTriedWhenTheFrontEndRefusesOne() {
    frontEnd.resetAll();
    frontEnd.stubFor(WireMock.post(urlPathEqualTo("/analytics")).inScenario("secrets")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(401)).willSetStateTo("refused"));
    frontEnd.stubFor(WireMock.post(urlPathEqualTo("/analytics")).inScenario("secrets")
        .whenScenarioStateIs("refused").willReturn(aResponse().withStatus(204)).willSetStateTo("accepted"));
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1)) {
      switchboard.stores().callbacks().putAnalyticsCallbackUrl("room-1", callbackUrl()).toCompletableFuture().join();

      callback(switchboard, bbbToken(switchboard), ANALYTICS, Map.of());

      List<LoggedRequest> requests = relayed(2);
      assertThat(requests).hasSize(2);
      assertThat(HmacJwt.of(HmacJwt.Algorithm.HS512, SwitchboardFixture.SECRET)
          .verifiedClaims(requests.get(0).getHeader("Authorization").substring(7))).isPresent();
      assertThat(HmacJwt.of(HmacJwt.Algorithm.HS512, "second-secret")
          .verifiedClaims(requests.get(1).getHeader("Authorization").substring(7))).isPresent();
      sleep(300);
      assertThat(frontEnd.findAll(postRequestedFor(urlPathEqualTo("/analytics")))).as("accepted: no third call")
          .hasSize(2);
    }
  }

  @Test
  void aTenantsCallbackNamesTheTenantAndIsSignedWithItsSecret() throws Exception {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1, "switchboard.tenants.enabled = true")) {
      switchboard.stores().tenants().save(new Tenant("t-1", "acme", List.of("acme-secret"), Map.of(),
          TenantLimits.UNLIMITED)).toCompletableFuture().join();
      switchboard.stores().callbacks().putAnalyticsCallbackUrl("room-1", callbackUrl()).toCompletableFuture().join();

      callback(switchboard, bbbToken(switchboard), ANALYTICS, Map.of("X-Forwarded-Host", "acme.sl.example.com"));

      List<LoggedRequest> requests = relayed(1);
      assertThat(requests).hasSize(1);
      assertThat(JSON.readTree(requests.get(0).getBodyAsString()).get("customer").asText()).isEqualTo("acme");
      assertThat(HmacJwt.of(HmacJwt.Algorithm.HS512, "acme-secret")
          .verifiedClaims(requests.get(0).getHeader("Authorization").substring(7))).isPresent();
    }
  }

  @Test
  void aMeetingsTenantIsFoundThroughTheMeetingWhenTheHostNamesNone() throws Exception {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1, "switchboard.tenants.enabled = true")) {
      switchboard.stores().tenants().save(new Tenant("t-2", "globex", List.of("globex-secret"), Map.of(),
          TenantLimits.UNLIMITED)).toCompletableFuture().join();
      switchboard.stores().meetings().createIfAbsent(new MeetingRecord("room-1", "bbb0", "mp", "700000001", "t-2",
          Instant.now())).toCompletableFuture().join();
      switchboard.stores().callbacks().putAnalyticsCallbackUrl("room-1", callbackUrl()).toCompletableFuture().join();

      callback(switchboard, bbbToken(switchboard), ANALYTICS, Map.of());

      List<LoggedRequest> requests = relayed(1);
      assertThat(requests).hasSize(1);
      assertThat(JSON.readTree(requests.get(0).getBodyAsString()).get("customer").asText()).isEqualTo("globex");
    }
  }
}
