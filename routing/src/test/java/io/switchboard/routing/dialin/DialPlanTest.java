package io.switchboard.routing.dialin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.routing.params.Params;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documents FreeSWITCH receives, byte for byte as Scalelite's templates render them (less its re-prompt quirk). */
class DialPlanTest {
  private static final DialPlan PLAN = new DialPlan(Duration.ofMinutes(90), 5, 9);

  private static DialInCall call(String form) {
    return DialInCall.from(Params.parse(form));
  }

  private static String text(byte[] document) {
    return new String(document, StandardCharsets.UTF_8);
  }

  @Test
  void notFoundIsAResultDocument() {
    assertThat(text(DialPlan.notFound())).isEqualTo("""
        <document type="freeswitch/xml">
          <section name="result">
            <result status="not found"/>
          </section>
        </document>
        """);
  }

  @Test
  void thePromptAnswersCapsTheCallAndAsksForTheVoiceBridge() {
    assertThat(text(PLAN.prompt(call("section=dialplan&Caller-Destination-Number=%2B15551234567"))))
        .isEqualTo("""
            <document type="freeswitch/xml">
              <section name="dialplan" description="Match DID and Pin for Conference">
                <context name="public">
                  <extension name="match_did_and_prompt_for_pin">
                    <condition field="destination_number" expression="^\\\\+15551234567$">
                      <action application="answer"/>
                      <action application="sched_hangup" data="+5400 normal_clearing"/>
                      <action application="sleep" data="500"/>
                      <action application="playback" data="ivr/ivr-welcome.wav"/>
                      <action application="sleep" data="200"/>
                      <action application="play_and_get_digits" data="5 9 3 7000 # conference/conf-enter_conf_pin.wav conference/conf-bad-pin.wav pin \\d+"/>
                      <action application="transfer" data="${pin} XML public"/>
                    </condition>
                  </extension>
                </context>
              </section>
            </document>
            """);
  }

  @Test
  void withoutACallLimitThereIsNoScheduledHangupAndTheDigitBoundsAreConfigured() {
    String prompt = text(new DialPlan(Duration.ZERO, 4, 7).prompt(call("section=dialplan&Caller-Destination-Number=100")));

    assertThat(prompt).doesNotContain("sched_hangup")
        .contains("<action application=\"play_and_get_digits\" data=\"4 7 3 7000 # ");
  }

  @Test
  void theRepromptAcceptsDigitsWithTheSameRegexAsThePrompt() {
    assertThat(text(PLAN.reprompt(call("section=dialplan&Caller-Destination-Number=100&variable_pin=999999"))))
        .isEqualTo("""
            <document type="freeswitch/xml">
              <section name="dialplan" description="Reprompt Pin for Conference">
                <context name="public">
                  <extension name="reprompt_for_pin">
                    <condition field="destination_number" expression="^100$">
                      <action application="playback" data="conference/conf-bad-pin.wav"/>
                      <action application="sleep" data="500"/>
                      <action application="play_and_get_digits" data="5 9 3 7000 # conference/conf-enter_conf_pin.wav conference/conf-bad-pin.wav pin \\d+"/>
                      <action application="transfer" data="${pin} XML public"/>
                    </condition>
                  </extension>
                </context>
              </section>
            </document>
            """);
  }

  @Test
  void theDialledNumberIsMatchedLiterallyAsScaleliteEscapesIt() {
    // Regexp.escape makes "+" "\+", whose backslash fs_escape then doubles.
    assertThat(text(PLAN.reprompt(call("section=dialplan&Caller-Destination-Number=%2B1+(555)"))))
        .contains("expression=\"^\\\\+1\\\\ \\\\(555\\\\)$\"");
  }

  @Test
  void theBridgeGoesToTheServerHostWithTheMaskedCallerId() {
    DialInCall call = call("section=dialplan&Caller-Destination-Number=100&variable_pin=123456789"
        + "&Caller-Caller-ID-Name=15551234567");

    assertThat(text(DialPlan.bridge(call, "room-1", "bbb1.example.com"))).isEqualTo("""
        <document type="freeswitch/xml">
          <section name="dialplan" description="Bridge Call to BBB Server">
            <context name="public">
              <extension name="bridge_to_bbb_server">
                <condition field="destination_number" expression="^100$">
                  <action application="set" data="meeting_id=room-1"/>
                  <action application="set" data="effective_caller_id_name=1555123XXXX"/>
                  <action application="bridge" data="sofia/external/123456789@bbb1.example.com"/>
                </condition>
              </extension>
            </context>
          </section>
        </document>
        """);
  }

  @Test
  void callerValuesAreEscapedForFreeswitchThenForXml() {
    DialInCall call = call("section=dialplan&Caller-Destination-Number=1%24%7Bx%7D+2&variable_pin=12%24%7Bpin%7D"
        + "&Caller-Caller-ID-Name=%24%7Bhangup%7D+%3CEve%3E+%5C+%26+%22q%22");

    String bridge = text(DialPlan.bridge(call, "a\\b${c}", "bbb1.example.com"));

    assertThat(bridge)
        .contains("expression=\"^1\\\\$\\\\{x\\\\}\\\\ 2$\"")
        .contains("data=\"meeting_id=a\\\\b\\${c}\"")
        .contains("data=\"effective_caller_id_name=\\${hangup} &lt;Eve&gt; \\\\ &amp; &quot;q&quot;\"")
        .contains("data=\"sofia/external/12\\${pin}@bbb1.example.com\"");
  }

  @Test
  void aDollarNotOpeningAVariableIsLeftAlone() {
    assertThat(DialPlan.freeswitchEscape("$5 ${x} \\")).isEqualTo("$5 \\${x} \\\\");
  }

  @Test
  void lineBreaksInAttributesSurviveAsReferences() {
    String bridge = text(DialPlan.bridge(call("section=dialplan&Caller-Destination-Number=1&variable_pin=12345"
        + "&Caller-Caller-ID-Name=a%0Ab"), "m", "h"));

    assertThat(bridge).contains("effective_caller_id_name=a&#10;b\"");
  }

  @ParameterizedTest(name = "{0} hideName={1} hideNumber={2} -> {3}")
  @CsvSource({
      "15551234567, false, false, 1555123XXXX",
      "15551234567, false, true,  Unavailable",
      "15551234567, true,  false, 1555123XXXX",
      "1234,        false, false, XXXX",
      "123,         false, false, XXX",
      "Ada Lovelace, false, false, Ada Lovelace",
      "Ada Lovelace, true,  false, Unavailable",
      "Ada Lovelace, false, true,  Ada Lovelace",
      "'',          false, false, Unavailable",
      "'  ',        false, false, Unavailable",
      "+15551234567, false, false, +15551234567",
  })
  void callerIdIsMaskedOrHiddenAsTheCallerAsked(String name, boolean hideName, boolean hideNumber, String shown) {
    assertThat(new DialInCall("dialplan", "1", "12345", name, hideName, hideNumber).callerId()).isEqualTo(shown);
  }

  @Test
  void privacyFlagsCountOnlyWhenExactlyTrue() {
    DialInCall call = call("Caller-Privacy-Hide-Number=TRUE&Caller-Privacy-Hide-Name=true");

    assertThat(call.hideNumber()).isFalse();
    assertThat(call.hideName()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "section=dialplan&Caller-Destination-Number=100,      true",
      "section=directory&Caller-Destination-Number=100,     false",
      "Caller-Destination-Number=100,                       false",
      "section=dialplan&Caller-Destination-Number=+,        false",
      "section=dialplan,                                    false",
  })
  void onlyDialplanRequestsForANumberAreAnswered(String form, boolean answerable) {
    assertThat(call(form).answerable()).isEqualTo(answerable);
  }

  @ParameterizedTest(name = "pin \"{0}\"")
  @CsvSource({
      "123456789,  12345678",
      "123456,     12345",
      "12345,      ''",
      "'',         ''",
  })
  void aBreakoutRoomPinIsItsMeetingsWithOneDigitMore(String pin, String parent) {
    DialInCall call = new DialInCall("dialplan", "1", pin, "", false, false);

    assertThat(call.breakoutParentPin().orElse("")).isEqualTo(parent);
    assertThat(call.hasPin()).isEqualTo(!pin.isEmpty());
  }

  @Test
  void digitBoundsMustBeOrdered() {
    assertThatThrownBy(() -> new DialPlan(Duration.ZERO, 6, 5))
        .hasMessage("digits: 6..5 (expected: 1 <= min <= max)");
  }
}
