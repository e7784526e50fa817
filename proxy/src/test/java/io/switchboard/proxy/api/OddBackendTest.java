package io.switchboard.proxy.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.server.SwitchboardServer;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One BBB server that misbehaves — garbage, an HTML error page, a dropped connection, silence — played by WireMock
 * behind a real Switchboard: whatever the backend does, the front-end gets BBB XML promptly (spec §3.5, §3.6).
 */
class OddBackendTest {
  private static final String FRONT_END_SECRET = "front-end-secret";
  private static final String DECLARATION = "<?xml version=\"1.0\"?>\n";
  private static final String API = "/bigbluebutton/api/";
  private static final String EMPTY_MEETINGS = "<response><returncode>SUCCESS</returncode><meetings/></response>";
  private static final AtomicInteger VOICE_BRIDGES = new AtomicInteger(710_000_000);

  private static WireMockServer bbb;
  private static Stores stores;
  private static SwitchboardServer switchboard;
  private static final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    bbb = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    bbb.start();
    // What the poller needs to bring the server online; the tests' own stubs match on meetingID and never collide.
    bbb.stubFor(get(urlPathEqualTo(API + "getMeetings")).willReturn(xml(EMPTY_MEETINGS)));
    bbb.stubFor(get(urlPathEqualTo(API)).willReturn(xml(
        "<response><returncode>SUCCESS</returncode><version>2.0</version><bbbVersion>3.0.4</bbbVersion></response>")));

    Path file = Files.createTempFile("switchboard-odd-backend", ".conf");
    try {
      Files.writeString(file, """
          switchboard.http.port = 0
          switchboard.http.bind-address = "127.0.0.1"
          switchboard.recordings.enabled = false
          switchboard.api.secrets = ["%s"]
          switchboard.poller.interval = 1h
          switchboard.upstream.connect-timeout = 1s
          switchboard.upstream.response-timeout = 1s
          switchboard.servers.bbb0 { url = "http://127.0.0.1:%d/bigbluebutton/api", secret = "backend-secret" }
          """.formatted(FRONT_END_SECRET, bbb.port()));
      SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of());
      Clock clock = Clock.systemUTC();
      stores = Stores.inMemory(clock, config.rewrite().meetingTtl());
      switchboard = SwitchboardServer.start(config, stores, clock);
    } finally {
      Files.delete(file);
    }
    ServerRecord server = stores.servers().find("bbb0").toCompletableFuture().join().orElseThrow();
    assertThat(server.online()).as("the first poll found the WireMock server healthy").isTrue();
  }

  @AfterAll
  static void stop() {
    if (switchboard != null) {
      switchboard.close();
    }
    bbb.stop();
  }

  @Test
  void createAnsweredWithMalformedXmlIsUnableToCreate() {
    stubCall("create", "malformed", xml(
        "<response><returncode>SUCCESS</returncode><meetingID>malformed</response>"));

    HttpResponse<String> response = send("create", "meetingID=malformed&name=Room");

    assertXml(response, error("internalError", "Unable to create meeting on server."));
    assertThat(stores.meetings().find("malformed").toCompletableFuture().join())
        .as("a create no server took leaves no meeting pinned to the broken server").isEmpty();
  }

  @Test
  void backendFailureIsRelayedVerbatim() {
    String failed = "<response><returncode>FAILED</returncode><messageKey>idNotUnique</messageKey>"
        + "<message>A meeting already exists with that meeting ID.  Please use a different meeting ID.</message>"
        + "</response>";
    stubCall("create", "taken", xml(failed));

    HttpResponse<String> response = send("create", "meetingID=taken&name=Room");

    assertXml(response, failed);
  }

  @Test
  void failedReplyWithoutMessageKeyIsTheCallsOwnInternalError() {
    seedMeeting("failed-bare");
    stubCall("getMeetingInfo", "failed-bare", xml("<response><returncode>FAILED</returncode></response>"));

    HttpResponse<String> response = send("getMeetingInfo", "meetingID=failed-bare");

    assertXml(response, error("internalError", "Unable to access meeting on server."),
        "Scalelite cannot relay a FAILED without messageKey and message, and answers the call's generic error");
  }

  @Test
  void failedCreateWithoutMessageIsUnableToCreate() {
    stubCall("create", "failed-half", xml(
        "<response><returncode>FAILED</returncode><messageKey>oops</messageKey></response>"));

    HttpResponse<String> response = send("create", "meetingID=failed-half&name=Room");

    assertXml(response, error("internalError", "Unable to create meeting on server."),
        "a FAILED missing its message is create's generic error, as in Scalelite");
  }

  @Test
  void htmlErrorPageIsResponseWithoutReturncode() {
    seedMeeting("behind-broken-nginx");
    stubCall("getMeetingInfo", "behind-broken-nginx", aResponse()
        .withStatus(502)
        .withHeader("Content-Type", "text/html")
        .withBody("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"));

    HttpResponse<String> response = send("getMeetingInfo", "meetingID=behind-broken-nginx");

    assertXml(response, error("internalError", "Response did not include returncode"));
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE", "MALFORMED_RESPONSE_CHUNK"})
  void droppedConnectionIsUnableToAccessMeeting(Fault fault) {
    String meetingId = "dropped-" + fault.name();
    seedMeeting(meetingId);
    stubCall("getMeetingInfo", meetingId, aResponse().withFault(fault));

    HttpResponse<String> response = send("getMeetingInfo", "meetingID=" + meetingId);

    assertXml(response, error("internalError", "Unable to access meeting on server."));
  }

  @Test
  void getMeetingsLeavesOutAServerThatAnswersGarbage() {
    StubMapping garbage = bbb.stubFor(get(urlPathEqualTo(API + "getMeetings")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withBody("\u0000\u0001 garbage, not XML")));
    HttpResponse<String> response;
    try {
      response = send("getMeetings", "");
    } finally {
      bbb.removeStub(garbage);
    }

    assertXml(response, DECLARATION + "<response><returncode>SUCCESS</returncode>"
        + "<messageKey>noMeetings</messageKey><message>no meetings were found on this server</message>"
        + "<meetings/></response>");
  }

  @Test
  void backendSlowerThanTheResponseTimeoutGetsAnAnswerNotAHang() {
    seedMeeting("slow");
    stubCall("getMeetingInfo", "slow", xml("<response><returncode>SUCCESS</returncode></response>")
        .withFixedDelay(3_000));

    long started = System.nanoTime();
    HttpResponse<String> response = send("getMeetingInfo", "meetingID=slow");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertXml(response, error("internalError", "Unable to access meeting on server."));
    assertThat(elapsed).as("the 1 s response timeout answers the front-end, not the backend's 3 s")
        .isLessThan(Duration.ofMillis(2_500));
  }

  // --- helpers -------------------------------------------------------------------------------------------------------

  private static ResponseDefinitionBuilder xml(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=utf-8").withBody(body);
  }

  private static void stubCall(String call, String meetingId, ResponseDefinitionBuilder answer) {
    MappingBuilder mapping = get(urlPathEqualTo(API + call)).withQueryParam("meetingID", equalTo(meetingId));
    bbb.stubFor(mapping.willReturn(answer));
  }

  private static void seedMeeting(String meetingId) {
    stores.meetings().createIfAbsent(new MeetingRecord(meetingId, "bbb0", "mp",
            Integer.toString(VOICE_BRIDGES.incrementAndGet()), "", Clock.systemUTC().instant()))
        .toCompletableFuture().join();
  }

  /** Calls Switchboard as a front-end does: {@code call} with {@code query}, signed with SHA-256 of call+query+secret. */
  private static HttpResponse<String> send(String call, String query) {
    String checksum = SwitchboardFixture.checksum(call + query + FRONT_END_SECRET, "SHA-256");
    URI uri = URI.create("http://127.0.0.1:" + switchboard.port() + API + call + "?" + query
        + (query.isEmpty() ? "" : "&") + "checksum=" + checksum);
    try {
      return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("Switchboard did not answer " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void assertXml(HttpResponse<String> response, String body) {
    assertXml(response, body, "the front-end's answer");
  }

  private static void assertXml(HttpResponse<String> response, String body, String why) {
    assertThat(response.statusCode()).as("BBB answers errors with HTTP 200, never a relayed 5xx").isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/xml; charset=utf-8");
    assertThat(response.body()).as(why).isEqualTo(body);
  }

  private static String error(String messageKey, String message) {
    return DECLARATION + "<response><returncode>FAILED</returncode><messageKey>" + messageKey
        + "</messageKey><message>" + message + "</message></response>";
  }
}
