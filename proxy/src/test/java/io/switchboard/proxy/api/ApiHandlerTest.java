package io.switchboard.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.ServerState;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.upstream.UpstreamClient;
import io.switchboard.recordings.api.RecordingsApi;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.proxy.upstream.UpstreamLimits;
import io.switchboard.proxy.upstream.UpstreamTransport;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ApiHandler} alone in an {@link EmbeddedChannel}: what a front-end reads for each request it can send, status,
 * content type and body byte for byte, with no socket and no BBB server (the one seeded server is never called).
 */
class ApiHandlerTest {
  private static final String SECRET = "secret";
  private static final String XML = "application/xml; charset=utf-8";
  private static final String DECLARATION = "<?xml version=\"1.0\"?>\n";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T10:00:00Z"), ZoneOffset.UTC);

  private static SwitchboardConfig config;
  private static UpstreamClient upstream;

  private Stores stores;
  private EmbeddedChannel channel;

  @BeforeAll
  static void createClient() {
    config = ConfigLoader.load(Optional.empty(), Map.of("LOADBALANCER_SECRET", SECRET));
    upstream = UpstreamClient.create(UpstreamTransport.nio(), UpstreamLimits.of(1, Duration.ofSeconds(1)));
  }

  @AfterAll
  static void closeClient() {
    upstream.close();
  }

  @BeforeEach
  void newChannel() {
    stores = Stores.inMemory(CLOCK);
    BbbBackend backend = new BbbBackend(upstream, config.upstream(), config.api().outboundAlgorithm());
    channel = new EmbeddedChannel(Api.handler(config, stores, backend,
        new RecordingsApi(config.recordings(), stores.recordings(), stores.recordingTokens(),
            new RecordingFiles(config.recordings()), CLOCK, Runnable::run),
        CLOCK));
  }

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
    stores.close();
  }

  @Test
  void apiRootAnswersTheVersionWithoutChecksum() {
    Answer answer = exchange(get("/bigbluebutton/api"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo(XML);
    assertThat(answer.body()).isEqualTo(DECLARATION
        + "<response><returncode>SUCCESS</returncode><version>2.0</version></response>");
    assertThat(channel.finishAndReleaseAll()).as("one request, one answer, nothing left over").isFalse();
  }

  @Test
  void healthPathsAreNotTheApisBusiness() {
    Answer answer = exchange(get("/health_check"));

    assertThat(answer.body()).as("HealthHandler, earlier in the pipeline, answers them")
        .isEqualTo(error("unsupportedRequest", "This request is not supported."));
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void unknownCallIsUnsupportedRequest() {
    Answer answer = exchange(get(signed("getDefaultConfigXML", "")));

    assertThat(answer.status()).as("BBB errors travel with HTTP 200").isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo(XML);
    assertThat(answer.body()).isEqualTo(error("unsupportedRequest", "This request is not supported."));
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void joinByPostIsUnsupportedRequest() {
    Answer answer = exchange(request(HttpMethod.POST, signed("join", "meetingID=m&fullName=A"), "", null));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo(XML);
    assertThat(answer.body()).as("join is GET only, as in Scalelite's route table")
        .isEqualTo(error("unsupportedRequest", "This request is not supported."));
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void wrongChecksumIsChecksumError() {
    Answer answer = exchange(get("/bigbluebutton/api/getMeetings?checksum=" + "0".repeat(64)));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo(XML);
    assertThat(answer.body()).isEqualTo(error("checksumError", "You did not pass the checksum security check"));
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void postWithAnUnsupportedContentTypeIsRefused() {
    Answer answer = exchange(request(HttpMethod.POST, signed("getMeetings", ""), "{}", "application/json"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo(XML);
    assertThat(answer.body()).isEqualTo(
        error("unsupportedContentType", "POST request Content-Type is missing or unsupported"));
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void missingMeetingIdIsNamed() {
    Answer answer = exchange(get(signed("getMeetingInfo", "meetingID=")));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo(XML);
    assertThat(answer.body()).as("an empty meetingID counts as missing, as Rails' params.require does")
        .isEqualTo(error("missingParamMeetingID", "You must specify a meeting ID for the meeting."));
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void joinOfAnUnknownMeetingIsNotFound() {
    Answer answer = exchange(get(signed("join", "meetingID=nobody-here&fullName=Ada")));

    assertThat(answer.status()).as("no redirect to nowhere").isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo(XML);
    assertThat(answer.body()).isEqualTo(error("notFound",
        "We could not find a meeting with that meeting ID - perhaps the meeting is not yet running?"));
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void isMeetingRunningOfAnUnknownMeetingIsFalseNotAnError() {
    Answer answer = exchange(get(signed("isMeetingRunning", "meetingID=nobody-here")));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo(XML);
    assertThat(answer.body()).isEqualTo(DECLARATION
        + "<response><returncode>SUCCESS</returncode><running>false</running></response>");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void getMeetingsWithoutServersIsNoMeetings() {
    Answer answer = exchange(get(signed("getMeetings", "")));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo(XML);
    assertThat(answer.body()).isEqualTo(DECLARATION + "<response><returncode>SUCCESS</returncode>"
        + "<messageKey>noMeetings</messageKey><message>no meetings were found on this server</message>"
        + "<meetings/></response>");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void getRecordingsIsAnEmptyList() {
    Answer answer = exchange(get(signed("getRecordings", "meetingID=m")));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo(XML);
    assertThat(answer.body()).as("Scalelite's RECORDING_DISABLED answer, word for word")
        .isEqualTo(DECLARATION + "<response><returncode>SUCCESS</returncode><recordings/>"
            + "<messageKey>noRecordings</messageKey><message>There are not recordings for the meetings</message>"
            + "</response>");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void rawUtf8QuerySignedOverItsUtf8BytesIsAccepted() {
    String query = "meetingID=café-Zürich";
    String target = signed("isMeetingRunning", query);

    Answer answer = exchange(get(asNettyReadsIt(target)));

    assertThat(answer.body()).as("the checksum covers the UTF-8 bytes the client sent, not Netty's ISO-8859-1 view")
        .isEqualTo(DECLARATION + "<response><returncode>SUCCESS</returncode><running>false</running></response>");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void rawUtf8ValuesReachTheBackendAsUtf8() {
    seedServer("bbb1", 1.0);
    seedMeeting("Besprechung-ü", "bbb1");
    String target = signed("join", "meetingID=Besprechung-ü&fullName=Jürgen&password=mp");

    Answer answer = exchange(get(asNettyReadsIt(target)));

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.location()).as("ü re-encoded from its UTF-8 bytes, not from their ISO-8859-1 reading")
        .contains("meetingID=Besprechung-%C3%BC&fullName=J%C3%BCrgen&password=mp");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void checksumInAFormBodyWithAnEmptyQueryIsAccepted() {
    String checksum = sha256("isMeetingRunning" + "" + SECRET);

    Answer answer = exchange(request(HttpMethod.POST, "/bigbluebutton/api/isMeetingRunning",
        "meetingID=nobody-here&checksum=" + checksum, "application/x-www-form-urlencoded"));

    assertThat(answer.body()).as("Scalelite hashes the (empty) query only, and takes meetingID from the body")
        .isEqualTo(DECLARATION + "<response><returncode>SUCCESS</returncode><running>false</running></response>");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void joinRedirectsToTheMeetingsServerSignedWithItsSecretAndAddsItsMultiplierToTheLoad() {
    seedServer("bbb1", 2.5);
    stores.load().set("bbb1", 3.0).toCompletableFuture().join();
    seedMeeting("room-1", "bbb1");

    Answer answer = exchange(get(signed("join", "meetingID=room-1&fullName=Ada+Lovelace&password=mp")));

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.body()).isEmpty();
    String location = answer.location();
    assertThat(location).startsWith("http://127.0.0.1:1/bigbluebutton/api/join?");
    String query = URI.create(location).getRawQuery();
    int checksumAt = query.lastIndexOf("&checksum=");
    assertThat(checksumAt).as("the join URL carries a checksum").isPositive();
    String signedPart = query.substring(0, checksumAt);
    assertThat(signedPart).isEqualTo("meetingID=room-1&fullName=Ada+Lovelace&password=mp");
    assertThat(query.substring(checksumAt + "&checksum=".length()))
        .as("BBB checks the join against its own secret, not the front-end's")
        .isEqualTo(sha256("join" + signedPart + "server-secret"));
    assertThat(stores.load().snapshot().toCompletableFuture().join())
        .as("each join counts one user, weighted by the server's multiplier, until the next poll")
        .containsEntry("bbb1", 5.5);
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  // --- helpers -------------------------------------------------------------------------------------------------------

  /** What the front-end read; the response buffer is released once read. */
  private record Answer(int status, String contentType, @Nullable String location, String body) {}

  private Answer exchange(FullHttpRequest request) {
    assertThat(channel.writeInbound(request)).as("the handler consumes the request").isFalse();
    FullHttpResponse response = channel.readOutbound();
    assertThat(response).as("an answer was written").isNotNull();
    try {
      assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
          .isEqualTo(response.content().readableBytes());
      return new Answer(response.status().code(), response.headers().get(HttpHeaderNames.CONTENT_TYPE),
          response.headers().get(HttpHeaderNames.LOCATION), response.content().toString(StandardCharsets.UTF_8));
    } finally {
      response.release();
    }
  }

  private static FullHttpRequest get(String target) {
    return request(HttpMethod.GET, target, "", null);
  }

  private static FullHttpRequest request(HttpMethod method, String target, String body, @Nullable String contentType) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target,
        Unpooled.wrappedBuffer(bytes));
    request.headers().set(HttpHeaderNames.HOST, "sb.example.com").setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    if (contentType != null) {
      request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    return request;
  }

  /** The path and query a front-end sends: {@code call} with {@code query}, signed with {@link #SECRET} (SHA-256). */
  private static String signed(String call, String query) {
    String separator = query.isEmpty() ? "" : "&";
    return "/bigbluebutton/api/" + call + "?" + query + separator + "checksum=" + sha256(call + query + SECRET);
  }

  /** The request target as Netty's decoder hands it over: each byte of the UTF-8 line read as one ISO-8859-1 char. */
  private static String asNettyReadsIt(String target) {
    return new String(target.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static String error(String messageKey, String message) {
    return DECLARATION + "<response><returncode>FAILED</returncode><messageKey>" + messageKey
        + "</messageKey><message>" + message + "</message></response>";
  }

  private void seedServer(String id, double loadMultiplier) {
    stores.servers().save(new ServerRecord(id, URI.create("http://127.0.0.1:1/bigbluebutton/api"), "server-secret",
        ServerState.ENABLED, true, loadMultiplier, Set.of(), 0, 0, 0, 0, 0, 0, "")).toCompletableFuture().join();
  }

  private void seedMeeting(String id, String serverId) {
    stores.meetings().createIfAbsent(new MeetingRecord(id, serverId, "mp", "712345678", "", CLOCK.instant()))
        .toCompletableFuture().join();
  }

  private static String sha256(String input) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
