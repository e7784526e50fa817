package io.switchboard.proxy.dialin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.simulator.SimMeeting;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A call gateway dials in through a real Switchboard to a meeting created through the API on a simulated server. */
class DialInTest {

  private static HttpResponse<String> fsapi(SwitchboardFixture switchboard, String form, String password) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + switchboard.port() + "/fsapi"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (!password.isEmpty()) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString(("fsapi:" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return switchboard.send(request.build());
  }

  @Test
  void aCallerWithTheMeetingsVoiceBridgeIsBridgedToItsServer() {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(2)) {
      switchboard.get("create", "meetingID=phone-room&name=Phone+Room");
      SimMeeting meeting = switchboard.hostOf("phone-room").meeting("phone-room").orElseThrow();
      String host = switchboard.hostOf("phone-room").apiUrl().getHost();

      HttpResponse<String> prompt = fsapi(switchboard,
          "section=dialplan&Caller-Destination-Number=15550100", SwitchboardFixture.SECRET);
      HttpResponse<String> bridge = fsapi(switchboard, "section=dialplan&Caller-Destination-Number=15550100"
          + "&variable_pin=" + meeting.voiceBridge() + "&Caller-Caller-ID-Name=4915551234567",
          SwitchboardFixture.SECRET);

      assertThat(prompt.statusCode()).isEqualTo(200);
      assertThat(prompt.headers().firstValue("content-type")).contains("application/xml; charset=utf-8");
      assertThat(prompt.body()).contains("<extension name=\"match_did_and_prompt_for_pin\">")
          .contains("data=\"5 9 3 7000 # ");
      assertThat(bridge.statusCode()).isEqualTo(200);
      assertThat(bridge.body())
          .contains("<action application=\"set\" data=\"meeting_id=phone-room\"/>")
          .contains("<action application=\"set\" data=\"effective_caller_id_name=491555123XXXX\"/>")
          .contains("<action application=\"bridge\" data=\"sofia/external/" + meeting.voiceBridge() + "@" + host
              + "\"/>");
    }
  }

  @Test
  void theGatewayMustAuthenticateWithTheFirstSecretByDefault() {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1)) {
      HttpResponse<String> anonymous = fsapi(switchboard, "section=dialplan&Caller-Destination-Number=1", "");
      HttpResponse<String> secondSecret = fsapi(switchboard, "section=dialplan&Caller-Destination-Number=1",
          "second-secret");

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("www-authenticate")).contains("Basic realm=\"Application\"");
      assertThat(anonymous.body()).isEqualTo("HTTP Basic: Access denied.\n");
      assertThat(secondSecret.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aConfiguredPasswordAndCallLimitApply() {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1,
        "switchboard.dial-in { password = \"gw-pw\", max-duration = 30m, voice-bridge-min-length = 9 }")) {
      HttpResponse<String> prompt = fsapi(switchboard, "section=dialplan&Caller-Destination-Number=1", "gw-pw");
      HttpResponse<String> unknown = fsapi(switchboard,
          "section=dialplan&Caller-Destination-Number=1&variable_pin=111111111", "gw-pw");

      assertThat(prompt.body()).contains("data=\"+1800 normal_clearing\"").contains("data=\"9 9 3 7000 # ");
      assertThat(unknown.body()).contains("<extension name=\"reprompt_for_pin\">");
    }
  }

  @Test
  void aGetOnFsapiIsAnUnsupportedApiRequest() {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1)) {
      HttpResponse<String> answer = switchboard.get(URI.create("http://127.0.0.1:" + switchboard.port() + "/fsapi"));

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("<messageKey>unsupportedRequest</messageKey>");
    }
  }
}
