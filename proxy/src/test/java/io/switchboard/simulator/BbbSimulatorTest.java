package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.simulator.SimulatedBbb.Mode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class BbbSimulatorTest {
  private static final String CHECKSUM_ERROR = "<response><returncode>FAILED</returncode><messageKey>checksumError"
      + "</messageKey><message>Checksums do not match</message></response>";
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private BbbSimulator simulator;
  private SimulatedBbb bbb;

  @BeforeEach
  void start() {
    simulator = BbbSimulator.start(2, Clock.fixed(NOW, ZoneOffset.UTC));
    bbb = simulator.server(0);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void startsServersOnDistinctLoopbackPortsWithDistinctSecrets() {
    SimulatedBbb other = simulator.server(1);
    assertThat(simulator.servers()).containsExactly(bbb, other);
    assertThat(bbb.port()).isNotEqualTo(other.port());
    assertThat(bbb.secret()).hasSize(32).isNotEqualTo(other.secret());
    assertThat(bbb.apiUrl()).hasToString("http://127.0.0.1:" + bbb.port() + "/bigbluebutton/api");
  }

  @Test
  void answersTheApiRootWithoutChecksum() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(bbb.apiUrl()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
    assertThat(response.body()).isEqualTo("<response><returncode>SUCCESS</returncode><version>2.0</version>"
        + "<apiVersion>2.0</apiVersion><bbbVersion>3.0.0-sim</bbbVersion></response>");
  }

  @ParameterizedTest
  @CsvSource({"SHA-1, false", "SHA-256, false", "SHA-384, false", "SHA-512, false", "SHA-1, true", "SHA-512, true"})
  void acceptsEveryBbbChecksumAlgorithmInEitherCase(String algorithm, boolean upperCase) throws Exception {
    String checksum = hash(algorithm, "getMeetings" + bbb.secret());
    String query = "checksum=" + (upperCase ? checksum.toUpperCase(Locale.ROOT) : checksum);
    assertThat(get(bbb, "getMeetings", query).body()).contains("<returncode>SUCCESS</returncode>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "checksum=", "checksum=0123456789abcdef0123456789abcdef", "checksum=WRONG"})
  void rejectsMissingMalformedOrWrongChecksums(String query) throws Exception {
    String withWrongHash = query.equals("checksum=WRONG") ? "checksum=" + hash("SHA-1", "getMeetingsnope") : query;
    assertThat(get(bbb, "getMeetings", withWrongHash).body()).isEqualTo(CHECKSUM_ERROR);
  }

  @Test
  void rejectsAChecksumMadeWithAnotherServersSecret() throws Exception {
    String query = "meetingID=m1&checksum=" + hash("SHA-256", "isMeetingRunningmeetingID=m1" + simulator.server(1).secret());
    assertThat(get(bbb, "isMeetingRunning", query).body()).isEqualTo(CHECKSUM_ERROR);
  }

  @Test
  void hashesTheRawQuerySoReEncodingBreaksTheChecksum() throws Exception {
    String signedAsPercent = hash("SHA-1", "createname=Test%20Meeting&meetingID=abc" + bbb.secret());
    assertThat(get(bbb, "create", "name=Test+Meeting&meetingID=abc&checksum=" + signedAsPercent).body())
        .isEqualTo(CHECKSUM_ERROR);
    String signedAsSent = hash("SHA-1", "createname=Test+Meeting&meetingID=abc" + bbb.secret());
    assertThat(get(bbb, "create", "name=Test+Meeting&meetingID=abc&checksum=" + signedAsSent).body())
        .contains("<returncode>SUCCESS</returncode>");
    assertThat(bbb.meeting("abc").orElseThrow().name()).isEqualTo("Test Meeting");
  }

  @Test
  void findsTheChecksumAnywhereInTheQuery() throws Exception {
    String checksum = hash("SHA-256", "isMeetingRunningmeetingID=m1" + bbb.secret());
    assertThat(get(bbb, "isMeetingRunning", "checksum=" + checksum + "&meetingID=m1").body())
        .contains("<running>false</running>");
  }

  @Test
  void matchesTheWorkedExampleOfTheBbbDocs() {
    String query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444";
    assertThat(Checksums.valid("create", query + "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17",
        "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17", "639259d4-9dd8-4b25-bf01-95f9567eaf4b")).isTrue();
  }

  @Test
  void runsAMeetingThroughCreateJoinGetMeetingsAndEnd() throws Exception {
    String created = signed(bbb, "create",
        "name=Class+1&meetingID=room-1&attendeePW=ap&moderatorPW=mp&voiceBridge=70001&meta_Tenant-ID=acme").body();
    Document create = xml(created);
    assertThat(children(create.getDocumentElement())).containsExactly("returncode", "meetingID", "internalMeetingID",
        "parentMeetingID", "attendeePW", "moderatorPW", "createTime", "voiceBridge", "dialNumber", "createDate",
        "hasUserJoined", "duration", "hasBeenForciblyEnded", "messageKey", "message");
    assertThat(text(create, "createTime")).isEqualTo(Long.toString(NOW.toEpochMilli()));
    assertThat(text(create, "internalMeetingID"))
        .isEqualTo(hash("SHA-1", "room-1") + "-" + NOW.toEpochMilli());
    assertThat(text(create, "parentMeetingID")).isEqualTo("bbb-none");
    assertThat(text(create, "messageKey")).isEmpty();

    HttpResponse<String> join = signed(bbb, "join", "fullName=Ada&meetingID=room-1&role=moderator");
    assertThat(join.statusCode()).isEqualTo(302);
    assertThat(join.headers().firstValue("location")).hasValueSatisfying(location -> assertThat(location)
        .matches("http://127\\.0\\.0\\.1:" + bbb.port() + "/html5client/join\\?sessionToken=[a-z0-9]{16}"));
    SimMeeting meeting = bbb.meeting("room-1").orElseThrow();
    assertThat(meeting.participants()).isEqualTo(1);
    assertThat(meeting.moderators()).isEqualTo(1);
    assertThat(meeting.metadata()).containsEntry("tenant-id", "acme");

    Document meetings = xml(signed(bbb, "getMeetings", "").body());
    Element listed = (Element) meetings.getElementsByTagName("meeting").item(0);
    assertThat(children(listed)).containsExactly("meetingName", "meetingID", "internalMeetingID", "createTime",
        "createDate", "voiceBridge", "dialNumber", "attendeePW", "moderatorPW", "running", "duration", "hasUserJoined",
        "recording", "hasBeenForciblyEnded", "startTime", "endTime", "participantCount", "listenerCount",
        "voiceParticipantCount", "videoCount", "maxUsers", "moderatorCount", "attendees", "metadata", "isBreakout");
    assertThat(text(meetings, "participantCount")).isEqualTo("1");
    assertThat(text(meetings, "running")).isEqualTo("true");
    assertThat(text(meetings, "voiceBridge")).isEqualTo("70001");
    assertThat(text(meetings, "tenant-id")).isEqualTo("acme");

    Document end = xml(signed(bbb, "end", "meetingID=room-1").body());
    assertThat(text(end, "messageKey")).isEqualTo("sentEndMeetingRequest");
    assertThat(bbb.meetings()).isEmpty();
    assertThat(signed(bbb, "getMeetings", "").body()).isEqualTo("<response><returncode>SUCCESS</returncode>"
        + "<meetings/><messageKey>noMeetings</messageKey><message>no meetings were found on this server</message>"
        + "</response>");
  }

  @Test
  void reportsTheCountsTestsSetInGetMeetingInfo() throws Exception {
    signed(bbb, "create", "name=Big&meetingID=big&isBreakout=true&parentMeetingID=main&sequence=2");
    SimMeeting meeting = bbb.meeting("big").orElseThrow();
    meeting.setParticipants(12);
    meeting.setModerators(2);
    meeting.setVideos(5);

    Document info = xml(signed(bbb, "getMeetingInfo", "meetingID=big").body());
    assertThat(text(info, "participantCount")).isEqualTo("12");
    assertThat(text(info, "moderatorCount")).isEqualTo("2");
    assertThat(text(info, "videoCount")).isEqualTo("5");
    assertThat(text(info, "hasUserJoined")).isEqualTo("true");
    assertThat(text(info, "isBreakout")).isEqualTo("true");
    assertThat(text(info, "parentMeetingID")).isEqualTo("main");
    assertThat(text(info, "sequence")).isEqualTo("2");
    assertThatThrownBy(() -> meeting.setVideos(-1)).hasMessage("videos: -1 (expected: >= 0)");
  }

  @Test
  void warnsOnADuplicateCreateAndRejectsOtherPasswords() throws Exception {
    signed(bbb, "create", "name=Room&meetingID=dup&moderatorPW=mp");
    assertThat(xml(signed(bbb, "create", "name=Room&meetingID=dup&moderatorPW=mp").body()))
        .satisfies(doc -> assertThat(text(doc, "messageKey")).isEqualTo("duplicateWarning"));
    assertThat(xml(signed(bbb, "create", "name=Room&meetingID=dup&moderatorPW=other").body()))
        .satisfies(doc -> assertThat(text(doc, "messageKey")).isEqualTo("idNotUnique"));
    assertThat(bbb.meetings()).hasSize(1);
  }

  @Test
  void answersJoinWithXmlWhenRedirectIsFalse() throws Exception {
    signed(bbb, "create", "name=Room&meetingID=room&attendeePW=ap");
    Document joined = xml(signed(bbb, "join", "fullName=Bo&meetingID=room&password=ap&redirect=false").body());
    assertThat(text(joined, "returncode")).isEqualTo("SUCCESS");
    assertThat(text(joined, "messageKey")).isEqualTo("successfullyJoined");
    assertThat(text(joined, "url")).startsWith("http://127.0.0.1:" + bbb.port() + "/html5client/join?sessionToken=");
    assertThat(bbb.meeting("room").orElseThrow().moderators()).isZero();
    assertThat(text(xml(signed(bbb, "join", "fullName=Bo&meetingID=room&password=guess").body()), "messageKey"))
        .isEqualTo("invalidPassword");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "join             | fullName=Bo&meetingID=nope&role=VIEWER | invalidMeetingIdentifier",
      "end              | meetingID=nope                         | notFound",
      "getMeetingInfo   | meetingID=nope                         | notFound",
      "getMeetingInfo   | name=x                                 | missingParamMeetingID",
      "create           | name=Room&meetingID=x                  | validationError",
      "create           | meetingID=no-name                      | validationError",
      "join             | meetingID=nope&role=VIEWER             | missingParamFullName",
      "sendChatMessage  | meetingID=nope                         | validationError"})
  void failsLikeBbbForUnknownMeetingsAndCalls(String call, String query, String messageKey) throws Exception {
    Document reply = xml(signed(bbb, call, query).body());
    assertThat(text(reply, "returncode")).isEqualTo("FAILED");
    assertThat(text(reply, "messageKey")).isEqualTo(messageKey);
  }

  @Test
  void storesAPostedCreateBodyAndInsertedDocuments() throws Exception {
    String modules = "<modules><module name=\"presentation\"><document url=\"https://x/a.pdf\"/></module></modules>";
    HttpResponse<String> created = send(HttpRequest.newBuilder(bbb.signedUrl("create", "name=Deck&meetingID=deck"))
        .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(modules)));
    assertThat(created.body()).contains("<returncode>SUCCESS</returncode>");
    assertThat(new String(bbb.meeting("deck").orElseThrow().createBody(), StandardCharsets.UTF_8)).isEqualTo(modules);

    HttpResponse<String> inserted = send(HttpRequest.newBuilder(bbb.signedUrl("insertDocument", "meetingID=deck"))
        .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(modules)));
    assertThat(inserted.body()).contains("<returncode>SUCCESS</returncode>");
    assertThat(bbb.meeting("deck").orElseThrow().documents()).hasSize(1);
  }

  @Test
  void readsFormBodyParametersButSignsOnlyTheUrlQuery() throws Exception {
    String checksum = hash("SHA-1", "create" + bbb.secret());
    HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(bbb.apiUrl() + "/create"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("name=Form+Room&meetingID=form&checksum=" + checksum)));
    assertThat(created.body()).contains("<returncode>SUCCESS</returncode>");
    assertThat(bbb.meeting("form").orElseThrow().createParams())
        .containsExactly(java.util.Map.entry("name", "Form Room"), java.util.Map.entry("meetingID", "form"));
  }

  @Test
  void rejectsABodyWithoutASupportedContentType() throws Exception {
    HttpResponse<String> reply = send(HttpRequest.newBuilder(bbb.signedUrl("insertDocument", "meetingID=x"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(text(xml(reply.body()), "messageKey")).isEqualTo("unsupportedContentType");
  }

  @Test
  void escapesTextInXml() throws Exception {
    signed(bbb, "create", "name=%3Cb%3E+%26+%22q%22&meetingID=esc&meta_note=a%3C%2Fnote%3E");
    Document info = xml(signed(bbb, "getMeetingInfo", "meetingID=esc").body());
    assertThat(text(info, "meetingName")).isEqualTo("<b> & \"q\"");
    assertThat(text(info, "note")).isEqualTo("a</note>");
  }

  @Test
  void recordsRequestsAndCountsCalls() throws Exception {
    signed(bbb, "getMeetings", "");
    signed(bbb, "isMeetingRunning", "meetingID=a%20b");
    RecordedRequest last = bbb.requests().get(1);
    assertThat(last.method()).isEqualTo("GET");
    assertThat(last.path()).isEqualTo("/bigbluebutton/api/isMeetingRunning");
    assertThat(last.rawQuery()).startsWith("meetingID=a%20b&checksum=");
    assertThat(last.params()).containsEntry("meetingID", "a b");
    assertThat(last.header("Host")).hasValue("127.0.0.1:" + bbb.port());
    assertThat(bbb.callCount("getMeetings")).isEqualTo(1);
    assertThat(bbb.callCount("isMeetingRunning")).isEqualTo(1);
    send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bbb.port() + "/html5client/join?sessionToken=x")));
    assertThat(bbb.callCount("/html5client/join")).isEqualTo(1);
    assertThat(bbb.callCount("join")).isZero();

    bbb.clearRequests();
    assertThat(bbb.requests()).isEmpty();
    assertThat(bbb.callCount("getMeetings")).isZero();
  }

  @Test
  void endsMeetingsAndResetsFromTheTestSide() throws Exception {
    signed(bbb, "create", "name=Room&meetingID=first");
    signed(bbb, "create", "name=Room&meetingID=second");
    bbb.endMeeting("first");
    assertThat(bbb.meetings()).extracting(SimMeeting::meetingID).containsExactly("second");
    bbb.setMode(Mode.FAILING);
    bbb.reset();
    assertThat(bbb.meetings()).isEmpty();
    assertThat(bbb.requests()).isEmpty();
    assertThat(bbb.mode()).isEqualTo(Mode.NORMAL);
  }

  @Test
  void failingModeAnswers500WithABody() throws Exception {
    bbb.setMode(Mode.FAILING);
    HttpResponse<String> response = signed(bbb, "getMeetings", "");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("500 Internal Server Error");
  }

  @Test
  void hangingModeNeverAnswersSoTheClientTimesOut() {
    bbb.setMode(Mode.HANGING);
    HttpRequest.Builder request = HttpRequest.newBuilder(bbb.signedUrl("getMeetings", "")).timeout(Duration.ofMillis(300));
    assertThatThrownBy(() -> send(request)).isInstanceOf(HttpTimeoutException.class);
    assertThat(bbb.callCount("getMeetings")).isEqualTo(1);
  }

  @Test
  void offlineModeRefusesConnectionsAndNormalRebindsTheSamePort() throws Exception {
    int port = bbb.port();
    assertThat(signed(bbb, "getMeetings", "").statusCode()).isEqualTo(200);
    bbb.setMode(Mode.OFFLINE);
    HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(bbb.apiUrl()).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);

    bbb.setMode(Mode.NORMAL);
    assertThat(bbb.port()).isEqualTo(port);
    assertThat(send(HttpRequest.newBuilder(bbb.apiUrl())).statusCode()).isEqualTo(200);
  }

  @Test
  void slowModeDelaysEachReply() throws Exception {
    bbb.setSlowDelay(Duration.ofMillis(300));
    bbb.setMode(Mode.SLOW);
    long started = System.nanoTime();
    HttpResponse<String> response = signed(bbb, "getMeetings", "");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(response.body()).contains("<returncode>SUCCESS</returncode>");
  }

  private static HttpResponse<String> signed(SimulatedBbb server, String call, String query) throws Exception {
    String checksum = hash("SHA-1", call + query + server.secret());
    return get(server, call, (query.isEmpty() ? "" : query + "&") + "checksum=" + checksum);
  }

  private static HttpResponse<String> get(SimulatedBbb server, String call, String query) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/" + call + (query.isEmpty() ? "" : "?" + query))));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return CLIENT.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String hash(String algorithm, String input) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(input.getBytes(StandardCharsets.UTF_8)));
  }

  private static Document xml(String body) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(Document document, String element) {
    Node node = document.getElementsByTagName(element).item(0);
    assertThat(node).as("<%s>", element).isNotNull();
    return node.getTextContent();
  }

  private static List<String> children(Element parent) {
    List<String> names = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      names.add(child.getNodeName());
    }
    return names;
  }
}
