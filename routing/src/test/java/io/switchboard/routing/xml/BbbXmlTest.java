package io.switchboard.routing.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BbbXmlTest {

  private static String text(byte[] xml) {
    return new String(xml, StandardCharsets.UTF_8);
  }

  @Test
  void writesTheErrorEnvelope() {
    assertThat(text(BbbXml.error(BbbError.CHECKSUM_ERROR))).isEqualTo("<?xml version=\"1.0\"?>\n"
        + "<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey>"
        + "<message>You did not pass the checksum security check</message></response>");
  }

  @Test
  void escapesMarkupAndQuotesInKeysAndMessages() {
    BbbError error = new BbbError("k<&>", BbbError.serverTagUnavailable("<a&\"b'>").message());

    assertThat(text(BbbXml.error(error))).isEqualTo("<?xml version=\"1.0\"?>\n"
        + "<response><returncode>FAILED</returncode><messageKey>k&lt;&amp;&gt;</messageKey>"
        + "<message>There is no available server with the required tag=&lt;a&amp;&quot;b&apos;&gt;.</message>"
        + "</response>");
  }

  @Test
  void replacesCharactersXmlCannotCarryAndKeepsSupplementaryOnes() {
    BbbError error = new BbbError("k", "a\u0000b\u001Fc\td\ne😀f\uD800g\uFFFEh");

    assertThat(text(BbbXml.error(error)))
        .contains("<message>a\uFFFDb\uFFFDc\td\ne😀f\uFFFDg\uFFFDh</message>");
    assertThat(BbbReply.parse(BbbXml.error(error)).message()).contains("a\uFFFDb\uFFFDc\td\ne😀f\uFFFDg\uFFFDh");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void writesTheVersionWithoutABlankBuild(String build) {
    assertThat(text(BbbXml.version(build))).isEqualTo("<?xml version=\"1.0\"?>\n"
        + "<response><returncode>SUCCESS</returncode><version>2.0</version></response>");
  }

  @Test
  void writesTheVersionWithTheBuildNumber() {
    assertThat(text(BbbXml.version("v1.6 <rc&1>"))).isEqualTo("<?xml version=\"1.0\"?>\n"
        + "<response><returncode>SUCCESS</returncode><version>2.0</version><build>v1.6 &lt;rc&amp;1&gt;</build>"
        + "</response>");
  }

  @Test
  void writesNotRunning() {
    assertThat(text(BbbXml.notRunning())).isEqualTo("<?xml version=\"1.0\"?>\n"
        + "<response><returncode>SUCCESS</returncode><running>false</running></response>");
  }

  @Test
  void writesNoMeetings() {
    assertThat(text(BbbXml.noMeetings())).isEqualTo("<?xml version=\"1.0\"?>\n"
        + "<response><returncode>SUCCESS</returncode><messageKey>noMeetings</messageKey>"
        + "<message>no meetings were found on this server</message><meetings/></response>");
  }

  @Test
  void wrapsMeetingElementsVerbatim() {
    byte[] first = "<meeting><meetingID>a &amp; b</meetingID></meeting>".getBytes(StandardCharsets.UTF_8);
    byte[] second = "<meeting>\n  <meetingName>Café</meetingName>\n</meeting>".getBytes(StandardCharsets.UTF_8);

    assertThat(text(BbbXml.meetings(List.of(first, second)))).isEqualTo("<?xml version=\"1.0\"?>\n"
        + "<response><returncode>SUCCESS</returncode><meetings>"
        + "<meeting><meetingID>a &amp; b</meetingID></meeting>"
        + "<meeting>\n  <meetingName>Café</meetingName>\n</meeting>"
        + "</meetings></response>");
  }

  @Test
  void answersNoMeetingsForAnEmptyList() {
    assertThat(BbbXml.meetings(List.of())).isEqualTo(BbbXml.noMeetings());
  }

  @Test
  void handsOutAFreshArrayEachTime() {
    byte[] first = BbbXml.notRunning();
    first[0] = 'X';
    byte[] second = BbbXml.noMeetings();
    second[0] = 'X';

    assertThat(text(BbbXml.notRunning())).startsWith("<?xml");
    assertThat(text(BbbXml.noMeetings())).startsWith("<?xml");
  }

  @Test
  void writesWhatTheReplyParserReadsBack() {
    BbbReply reply = BbbReply.parse(BbbXml.error(BbbError.MEETING_NOT_FOUND));

    assertThat(reply.failure(BbbError.UNABLE_TO_ACCESS_MEETING)).contains(BbbError.MEETING_NOT_FOUND);
  }
}
