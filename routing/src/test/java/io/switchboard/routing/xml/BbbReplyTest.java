package io.switchboard.routing.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BbbReplyTest {

  private static BbbReply parse(String xml) {
    return BbbReply.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsASuccessfulIsMeetingRunning() {
    BbbReply reply = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<response>\n  <returncode>SUCCESS</returncode>\n  <running>true</running>\n</response>\n");

    assertThat(reply.success()).isTrue();
    assertThat(reply.returncode()).contains("SUCCESS");
    assertThat(reply.text("running")).contains("true");
    assertThat(reply.messageKey()).isEmpty();
    assertThat(reply.failure(BbbError.UNABLE_TO_ACCESS_MEETING)).isEmpty();
  }

  @Test
  void readsTheBbbVersionOfTheApiRoot() {
    BbbReply reply = parse("<response><returncode>SUCCESS</returncode><version>2.0</version>"
        + "<apiVersion>2.0</apiVersion><bbbVersion>2.7.3</bbbVersion></response>");

    assertThat(reply.text("bbbVersion")).contains("2.7.3");
    assertThat(reply.text("graphqlApiUrl")).isEmpty();
  }

  @Test
  void relaysTheBackendsOwnError() {
    BbbReply reply = parse("<response><returncode>FAILED</returncode><messageKey>idNotUnique</messageKey>"
        + "<message>A meeting already exists with that meeting ID.  Please use a different meeting ID.</message>"
        + "</response>");

    assertThat(reply.success()).isFalse();
    assertThat(reply.failure(BbbError.UNABLE_TO_CREATE_MEETING)).contains(new BbbError("idNotUnique",
        "A meeting already exists with that meeting ID.  Please use a different meeting ID."));
  }

  @Test
  void fallsBackToTheGenericErrorWhenTheBackendLeftOutTheMessage() {
    BbbReply reply = parse("<response><returncode>FAILED</returncode><message>Meeting with id [x] not found."
        + "</message></response>");

    assertThat(reply.failure(BbbError.UNABLE_TO_INSERT_DOCUMENT)).contains(BbbError.UNABLE_TO_INSERT_DOCUMENT);
  }

  @Test
  void keepsTextExactlyAndTakesTheFirstOfARepeatedChild() {
    BbbReply reply = parse("<response><returncode> SUCCESS </returncode><message>  two  spaces &amp; "
        + "<![CDATA[<raw>]]></message><message>second</message></response>");

    assertThat(reply.returncode()).contains(" SUCCESS ");
    assertThat(reply.success()).isFalse();
    assertThat(reply.message()).contains("  two  spaces & <raw>");
  }

  @Test
  void readsTheTextOfNestedChildren() {
    BbbReply reply = parse("<response><returncode>SUCCESS</returncode><meetingID>m</meetingID>"
        + "<metadata><a>x</a><b>y</b></metadata></response>");

    assertThat(reply.text("meetingID")).contains("m");
    assertThat(reply.text("metadata")).contains("xy");
  }

  @Test
  void honoursTheDeclaredEncoding() {
    String latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><response><returncode>SUCCESS</returncode>"
        + "<message>Café</message></response>";
    BbbReply reply = BbbReply.parse(latin1.getBytes(StandardCharsets.ISO_8859_1));

    assertThat(reply.message()).contains("Café");
  }

  @Test
  void ignoresAnythingAfterTheResponse() {
    assertThat(parse("<response><returncode>SUCCESS</returncode></response><trailing>junk").success()).isTrue();
  }

  @Test
  void treatsAMissingReturncodeAsThatError() {
    BbbReply reply = parse("<response><running>true</running></response>");

    assertThat(reply.returncode()).isEmpty();
    assertThat(reply.failure(BbbError.UNABLE_TO_ACCESS_MEETING)).contains(BbbError.NO_RETURNCODE);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "   ",
      "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
      "{\"response\":{\"returncode\":\"SUCCESS\"}}",
      "<response><returncode>SUCCESS</returncode><running>tr",
      "<response><returncode>SUCCESS</returncode></respons>",
      "<returncode>SUCCESS</returncode>",
      "\u0000\u0001\u0002binary",
      "<?xml version=\"1.0\"?>",
      "<!DOCTYPE response><response><returncode>SUCCESS</returncode></response>",
      "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
          + "<response><returncode>&b;</returncode></response>"})
  void readsGarbageAsAReplyWithoutReturncode(String body) {
    BbbReply reply = parse(body);

    assertThat(reply.returncode()).isEmpty();
    assertThat(reply.success()).isFalse();
    assertThat(reply.failure(BbbError.UNABLE_TO_ACCESS_MEETING)).contains(BbbError.NO_RETURNCODE);
  }

  @Test
  void doesNotResolveExternalEntities(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    BbbReply reply = parse("<?xml version=\"1.0\"?>\n<!DOCTYPE response [<!ENTITY xxe SYSTEM \"" + secret.toUri()
        + "\">]>\n<response><returncode>FAILED</returncode><messageKey>k</messageKey><message>&xxe;</message>"
        + "</response>");

    assertThat(reply.returncode()).isEmpty();
    assertThat(reply.toString()).doesNotContain("TOP-SECRET");
  }
}
