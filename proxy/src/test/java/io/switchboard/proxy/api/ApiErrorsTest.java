package io.switchboard.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error a front-end can provoke answers exactly as Scalelite does: HTTP 200, BBB XML, the same key and text — on
 * either kind of store ({@link ApiErrorsEmbeddedTest}, {@link ApiErrorsSharedTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiErrorsTest {
  private SwitchboardFixture switchboard;

  /** The stores the Switchboard under test keeps its state in. */
  abstract StoreKind kind();

  @BeforeAll
  void start() {
    switchboard = SwitchboardFixture.start(kind(), 1);
  }

  @AfterAll
  void stop() {
    if (switchboard != null) {
      switchboard.close();
    }
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("unknown call", "/bigbluebutton/api/frobnicate?checksum=x",
            "unsupportedRequest", "This request is not supported."),
        Arguments.of("path outside the API", "/somewhere/else",
            "unsupportedRequest", "This request is not supported."),
        Arguments.of("a .xml suffix is not stripped", "/bigbluebutton/api/getMeetings.xml",
            "unsupportedRequest", "This request is not supported."),
        Arguments.of("missing checksum", "/bigbluebutton/api/getMeetings",
            "checksumError", "You did not pass the checksum security check"),
        Arguments.of("wrong checksum", "/bigbluebutton/api/getMeetings?checksum=" + "0".repeat(64),
            "checksumError", "You did not pass the checksum security check"),
        Arguments.of("checksum of an unknown length", "/bigbluebutton/api/getMeetings?checksum=abc",
            "checksumError", "You did not pass the checksum security check"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void answersBbbErrorXml(String why, String pathAndQuery, String messageKey, String message) {
    HttpResponse<String> response = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port() + pathAndQuery));

    assertThat(response.statusCode()).as(why).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/xml"));
    assertThat(response.body()).as(why).contains("<returncode>FAILED</returncode><messageKey>" + messageKey
        + "</messageKey><message>" + message + "</message>");
  }

  @Test
  void missingMeetingIdIsNamed() {
    for (String call : new String[] {"create", "join", "end", "getMeetingInfo", "isMeetingRunning"}) {
      assertThat(switchboard.get(call, "name=x").body()).as(call)
          .contains("<messageKey>missingParamMeetingID</messageKey>"
              + "<message>You must specify a meeting ID for the meeting.</message>");
      assertThat(switchboard.get(call, "meetingID=").body()).as(call + " with an empty meetingID")
          .contains("<messageKey>missingParamMeetingID</messageKey>");
    }
  }

  @Test
  void unknownMeetingIsNotFoundExceptForIsMeetingRunning() {
    for (String call : new String[] {"join", "end", "getMeetingInfo"}) {
      assertThat(switchboard.get(call, "meetingID=nobody-here&fullName=A").body()).as(call)
          .contains("<messageKey>notFound</messageKey><message>We could not find a meeting with that meeting ID - "
              + "perhaps the meeting is not yet running?</message>");
    }
    assertThat(switchboard.get("isMeetingRunning", "meetingID=nobody-here").body())
        .contains("<returncode>SUCCESS</returncode><running>false</running>");
  }

  @Test
  void joinByPostIsNotSupported() {
    HttpResponse<String> response = switchboard.send(HttpRequest.newBuilder(switchboard.signed("join", "meetingID=m"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());

    assertThat(response.body()).contains("<messageKey>unsupportedRequest</messageKey>");
  }

  @Test
  void postWithAnUnsupportedContentTypeIsRefused() {
    HttpResponse<String> response = switchboard.send(HttpRequest.newBuilder(switchboard.signed("getMeetings", ""))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

    assertThat(response.body()).contains("<messageKey>unsupportedContentType</messageKey>"
        + "<message>POST request Content-Type is missing or unsupported</message>");
  }

  @Test
  void versionNeedsNoChecksum() {
    for (String path : new String[] {"/bigbluebutton/api", "/bigbluebutton/api/"}) {
      HttpResponse<String> response = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port() + path));
      assertThat(response.body()).as(path).contains("<returncode>SUCCESS</returncode><version>2.0</version>");
    }
  }

  @Test
  void healthCheckSaysSuccess() {
    HttpResponse<String> response = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port() + "/health_check"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("success");
  }

  @Test
  void everyChecksumAlgorithmAndSecretIsAccepted() {
    for (String algorithm : new String[] {"SHA-1", "SHA-256", "SHA-384", "SHA-512"}) {
      for (String secret : new String[] {SwitchboardFixture.SECRET, "second-secret"}) {
        URI uri = switchboard.signed("isMeetingRunning", "meetingID=abc", secret, algorithm);
        assertThat(switchboard.get(uri).body()).as(algorithm + " with " + secret)
            .contains("<returncode>SUCCESS</returncode>");
      }
    }
  }

  @Test
  void upperCaseHexIsAcceptedAsBbbAcceptsIt() {
    String checksum = SwitchboardFixture.checksum("isMeetingRunningmeetingID=abc" + SwitchboardFixture.SECRET, "SHA-1");
    URI uri = URI.create("http://127.0.0.1:" + switchboard.port()
        + "/bigbluebutton/api/isMeetingRunning?meetingID=abc&checksum=" + checksum.toUpperCase());

    assertThat(switchboard.get(uri).body()).contains("<returncode>SUCCESS</returncode>");
  }

  @Test
  void createWithNoServerAvailableSaysSo() {
    try (SwitchboardFixture empty = SwitchboardFixture.start(kind(), 1,
        "switchboard.servers.bbb0.enabled = false")) {
      assertThat(empty.get("create", "meetingID=m1&name=Room+M").body())
          .contains("<messageKey>internalError</messageKey><message>Could not find any available servers.</message>");
    }
  }

  @Test
  void requiredTagWithoutServerIsServerTagUnavailable() {
    assertThat(switchboard.get("create", "meetingID=m2&name=Room+M&meta_server-tag=gpu%21").body())
        .contains("<messageKey>serverTagUnavailable</messageKey>"
            + "<message>There is no available server with the required tag=gpu.</message>");
  }
}
