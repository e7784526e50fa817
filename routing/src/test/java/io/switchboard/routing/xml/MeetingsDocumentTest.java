package io.switchboard.routing.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.routing.load.MeetingSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MeetingsDocumentTest {

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = MeetingsDocumentTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static MeetingsDocument parse(String xml) {
    return MeetingsDocument.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String element(MeetingSample sample) {
    return new String(sample.element(), StandardCharsets.UTF_8);
  }

  /** The fixture's {@code <meeting>…</meeting>} source texts, found by plain string search. */
  private static List<String> meetingTexts(String xml) {
    List<String> texts = new ArrayList<>();
    int start = 0;
    while ((start = xml.indexOf("<meeting>", start)) >= 0) {
      int end = xml.indexOf("</meeting>", start) + "</meeting>".length();
      texts.add(xml.substring(start, end));
      start = end;
    }
    return texts;
  }

  @Test
  void readsTheNumbersTenantsAndBreakoutsOfEveryMeeting() throws IOException {
    MeetingsDocument document = MeetingsDocument.parse(fixture("getMeetings-three.xml"));

    assertThat(document.reply().success()).isTrue();
    assertThat(document.meetings())
        .extracting(MeetingSample::meetingId, MeetingSample::participantCount, MeetingSample::moderatorCount,
            MeetingSample::videoCount, MeetingSample::breakout, MeetingSample::createTimeMillis,
            MeetingSample::tenantId)
        .containsExactly(
            tuple("physics-101", 3, 1, 1, false, 1700000000000L, "tenant-a"),
            tuple("a9e2c3e1f4b5d6c7e8f9a0b1c2d3e4f5a6b7c8d9-1700000300000", 1, 0, 0, true, 1700000300000L,
                "tenant-a"),
            tuple("cafe-chat", 0, 0, 0, false, 1700000600000L, ""));
  }

  @Test
  void keepsEachMeetingElementByteForByte() throws IOException {
    byte[] body = fixture("getMeetings-three.xml");
    MeetingsDocument document = MeetingsDocument.parse(body);

    assertThat(document.meetings()).extracting(MeetingsDocumentTest::element)
        .containsExactlyElementsOf(meetingTexts(new String(body, StandardCharsets.UTF_8)));
    assertThat(element(document.meetings().get(2)))
        .contains("<meetingName>Café ☕ chat</meetingName>")
        .contains("<![CDATA[Course <A> & B]]>");
    assertThat(element(document.meetings().get(0))).contains("Physics 101 &amp; Friends");
  }

  @Test
  void extractsTheExactSourceOfCompactAndSelfClosingMeetings() {
    MeetingsDocument document = parse("<response><returncode>SUCCESS</returncode><meetings>"
        + "<meeting ><meetingID a=\"x>y\" b='/>'>m&amp;1</meetingID><!-- </meeting> --><x><![CDATA[</meeting>]]>"
        + "</x><?pi </meeting>?></meeting >"
        + "<meeting/>"
        + "<other><meeting><meetingID>nested, not listed</meetingID></meeting></other>"
        + "</meetings></response>");

    assertThat(document.meetings()).extracting(MeetingSample::meetingId).containsExactly("m&1", "");
    assertThat(document.meetings()).extracting(MeetingsDocumentTest::element).containsExactly(
        "<meeting ><meetingID a=\"x>y\" b='/>'>m&amp;1</meetingID><!-- </meeting> --><x><![CDATA[</meeting>]]>"
            + "</x><?pi </meeting>?></meeting >",
        "<meeting/>");
  }

  @Test
  void keepsElementsExactAcrossTheParsersBufferRefills() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<response><returncode>SUCCESS</returncode><meetings>");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      String meeting = "<meeting>\n  <meetingName>Room &amp; " + i + " é</meetingName>\n  <meetingID>id-" + i
          + "</meetingID>\n  <participantCount>" + i + "</participantCount>\n  <metadata><tenant-id>t" + i % 3
          + "</tenant-id><long-key-" + i + ">" + "v".repeat(i % 97) + "</long-key-" + i + "></metadata>\n</meeting>";
      expected.add(meeting);
      xml.append(meeting).append("\n    ");
    }
    MeetingsDocument document = parse(xml.append("</meetings></response>").toString());

    assertThat(document.meetings()).extracting(MeetingsDocumentTest::element).containsExactlyElementsOf(expected);
    assertThat(document.meetings().get(1999).participantCount()).isEqualTo(1999);
    assertThat(document.meetings().get(1999).tenantId()).isEqualTo("t1");
  }

  @Test
  void readsAnEmptyServer() throws IOException {
    MeetingsDocument document = MeetingsDocument.parse(fixture("getMeetings-none.xml"));

    assertThat(document.meetings()).isEmpty();
    assertThat(document.reply().success()).isTrue();
    assertThat(document.reply().messageKey()).contains("noMeetings");
  }

  @Test
  void readsAFailedReplyAsNoMeetingsWithItsError() {
    MeetingsDocument document = parse("<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey>"
        + "<message>Checksums do not match</message></response>");

    assertThat(document.meetings()).isEmpty();
    assertThat(document.reply().failure(BbbError.UNABLE_TO_ACCESS_SERVER))
        .contains(new BbbError("checksumError", "Checksums do not match"));
  }

  @Test
  void countsMissingOrMalformedNumbersAsRubyDoes() {
    MeetingsDocument document = parse("<response><returncode>SUCCESS</returncode><meetings><meeting>"
        + "<participantCount> 12abc</participantCount><moderatorCount>x</moderatorCount>"
        + "<videoCount>99999999999</videoCount><isBreakout> true </isBreakout><createTime>-5</createTime>"
        + "</meeting></meetings></response>");

    MeetingSample sample = document.meetings().get(0);
    assertThat(sample.meetingId()).isEmpty();
    assertThat(sample.participantCount()).isEqualTo(12);
    assertThat(sample.moderatorCount()).isZero();
    assertThat(sample.videoCount()).isEqualTo(Integer.MAX_VALUE);
    assertThat(sample.breakout()).isTrue();
    assertThat(sample.createTimeMillis()).isEqualTo(-5);
    assertThat(sample.tenantId()).isEmpty();
  }

  @Test
  void acceptsAByteOrderMark() {
    MeetingsDocument document = parse("\uFEFF<response><returncode>SUCCESS</returncode><meetings>"
        + "<meeting><meetingID>m</meetingID></meeting></meetings></response>");

    assertThat(document.meetings()).extracting(MeetingsDocumentTest::element)
        .containsExactly("<meeting><meetingID>m</meetingID></meeting>");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "''                                  | not well-formed",
      "<html><body>Bad Gateway</body></html> | has root <html>, expected <response>",
      "<response><meetings/></response>    | has no /response/returncode",
      "<response><returncode>SUCCESS</returncode><meetings><meeting> | not well-formed",
      "<response><returncode>SUCCESS</returncode></response><x>       | not well-formed",
      "{\"response\":{}}                   | not well-formed",
      "<!DOCTYPE response><response><returncode>SUCCESS</returncode></response> | not well-formed"})
  void rejectsWhatIsNotAGetMeetingsReply(String body, String reason) {
    assertThatIllegalArgumentException().isThrownBy(() -> parse(body))
        .withMessageStartingWith("getMeetings reply")
        .withMessageContaining(reason);
  }

  @Test
  void doesNotResolveExternalEntities(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE response [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<response><returncode>SUCCESS</returncode><meetings><meeting><meetingID>&xxe;</meetingID></meeting>"
        + "</meetings></response>";

    assertThatIllegalArgumentException().isThrownBy(() -> parse(xxe))
        .withMessageStartingWith("getMeetings reply is not well-formed XML")
        .withMessageNotContaining("TOP-SECRET");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "42        | 42",
      "'  7 '    | 7",
      "+3        | 3",
      "-12x      | -12",
      "12abc     | 12",
      "abc       | 0",
      "''        | 0",
      "99999999999999999999999 | 9223372036854775807"})
  void convertsNumbersLikeRubysToI(String text, long expected) {
    assertThat(MeetingsDocument.toI(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<meetings/>", "<meetings></meetings>", ""})
  void readsNoMeetingsFromAnEmptyOrMissingList(String meetings) {
    assertThat(parse("<response><returncode>SUCCESS</returncode>" + meetings + "</response>").meetings()).isEmpty();
  }
}
