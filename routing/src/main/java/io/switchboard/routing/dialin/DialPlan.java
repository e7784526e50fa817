package io.switchboard.routing.dialin;

import static java.util.Objects.requireNonNull;

import io.switchboard.routing.xml.BbbXml;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The FreeSWITCH XML documents of Scalelite's dial plan API (spec §11.2, its {@code app/views/fsapi} templates),
 * indented as Ruby's Builder writes them. A call first gets the prompt for a voice bridge, which FreeSWITCH stores in
 * the channel variable {@code pin} before it transfers the call back into the {@code public} context; the request that
 * transfer causes carries {@code variable_pin}, and is answered with the bridge to the meeting's BBB server, or with
 * the prompt again when no meeting holds the PIN.
 *
 * <p>Values from the call and the meeting are escaped twice: for FreeSWITCH, where {@code ${} would expand a channel
 * variable (the dialled number and the caller's name are the caller's to choose), and for XML. The prompt and the
 * re-prompt both accept the digits with the regex {@code \d+}; Scalelite's re-prompt template sends {@code d+}, a lost
 * backslash in a Ruby string, which Switchboard does not copy.
 */
public final class DialPlan {
  private static final String CONTENT_TYPE = "application/xml; charset=utf-8";
  private static final byte[] NOT_FOUND = utf8("""
      <document type="freeswitch/xml">
        <section name="result">
          <result status="not found"/>
        </section>
      </document>
      """);

  private final long hangupAfterSeconds;
  private final String digitsPrompt;

  /**
   * @param maxCallDuration how long a call may last before FreeSWITCH hangs it up; zero for no limit
   * @param minDigits the fewest digits a voice bridge has
   * @param maxDigits the most digits a voice bridge (a breakout room's included) has
   */
  public DialPlan(Duration maxCallDuration, int minDigits, int maxDigits) {
    requireNonNull(maxCallDuration, "maxCallDuration");
    if (maxCallDuration.isNegative()) {
      throw new IllegalArgumentException("maxCallDuration: " + maxCallDuration + " (expected: >= 0)");
    }
    if (minDigits < 1 || maxDigits < minDigits) {
      throw new IllegalArgumentException("digits: " + minDigits + ".." + maxDigits + " (expected: 1 <= min <= max)");
    }
    this.hangupAfterSeconds = maxCallDuration.toSeconds();
    this.digitsPrompt = minDigits + " " + maxDigits
        + " 3 7000 # conference/conf-enter_conf_pin.wav conference/conf-bad-pin.wav pin \\d+";
  }

  /** The Content-Type of every document here, as Rails renders an XML Builder template. */
  public static String contentType() {
    return CONTENT_TYPE;
  }

  /** The answer to a request this API does not serve (another section, no dialled number). */
  public static byte[] notFound() {
    return NOT_FOUND.clone();
  }

  /** Answers the call, caps its length, welcomes the caller and asks for a voice bridge. */
  public byte[] prompt(DialInCall call) {
    List<Action> actions = new ArrayList<>();
    actions.add(new Action("answer", null));
    if (hangupAfterSeconds > 0) {
      actions.add(new Action("sched_hangup", "+" + hangupAfterSeconds + " normal_clearing"));
    }
    actions.add(new Action("sleep", "500"));
    actions.add(new Action("playback", "ivr/ivr-welcome.wav"));
    actions.add(new Action("sleep", "200"));
    actions.add(new Action("play_and_get_digits", digitsPrompt));
    actions.add(new Action("transfer", "${pin} XML public"));
    return document("Match DID and Pin for Conference", "match_did_and_prompt_for_pin", call, actions);
  }

  /** Tells the caller the PIN matched no meeting and asks again. */
  public byte[] reprompt(DialInCall call) {
    return document("Reprompt Pin for Conference", "reprompt_for_pin", call, List.of(
        new Action("playback", "conference/conf-bad-pin.wav"),
        new Action("sleep", "500"),
        new Action("play_and_get_digits", digitsPrompt),
        new Action("transfer", "${pin} XML public")));
  }

  /**
   * Sends the call to the BBB server running the meeting, whose own public dial plan puts it into the voice conference
   * of that PIN.
   *
   * @param meetingId the meeting's {@code meetingID}, set on the channel for the gateway's logs and CDRs
   * @param serverHost the host of the meeting's server URL
   */
  public static byte[] bridge(DialInCall call, String meetingId, String serverHost) {
    return document("Bridge Call to BBB Server", "bridge_to_bbb_server", call, List.of(
        new Action("set", "meeting_id=" + freeswitchEscape(meetingId)),
        new Action("set", "effective_caller_id_name=" + freeswitchEscape(call.callerId())),
        new Action("bridge", "sofia/external/" + freeswitchEscape(call.pin()) + "@" + serverHost)));
  }

  private static byte[] document(String description, String extension, DialInCall call, List<Action> actions) {
    StringBuilder xml = new StringBuilder(1024);
    xml.append("<document type=\"freeswitch/xml\">\n");
    xml.append("  <section name=\"dialplan\" description=\"").append(attribute(description)).append("\">\n");
    xml.append("    <context name=\"public\">\n");
    xml.append("      <extension name=\"").append(attribute(extension)).append("\">\n");
    xml.append("        <condition field=\"destination_number\" expression=\"")
        .append(attribute("^" + freeswitchEscape(regexEscape(call.destination())) + "$")).append("\">\n");
    for (Action action : actions) {
      xml.append("          <action application=\"").append(attribute(action.application())).append('"');
      if (action.data() != null) {
        xml.append(" data=\"").append(attribute(action.data())).append('"');
      }
      xml.append("/>\n");
    }
    xml.append("        </condition>\n");
    xml.append("      </extension>\n");
    xml.append("    </context>\n");
    xml.append("  </section>\n");
    xml.append("</document>\n");
    return utf8(xml.toString());
  }

  /**
   * Scalelite's {@code fs_escape}: a backslash before every {@code \} and every {@code ${}, so FreeSWITCH neither
   * expands a variable nor swallows a backslash. A {@code $} not followed by {@code {} stays as it is: FreeSWITCH only
   * unescapes a string in which it finds a {@code ${}.
   */
  static String freeswitchEscape(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  /** Ruby's {@code Regexp.escape}: the dialled number matched literally by the condition's regex. */
  static String regexEscape(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> escaped.append("\\n");
        case '\t' -> escaped.append("\\t");
        case '\r' -> escaped.append("\\r");
        case '\f' -> escaped.append("\\f");
        case '\u000B' -> escaped.append("\\v");
        case ' ' -> escaped.append("\\ ");
        case '[', ']', '{', '}', '(', ')', '|', '-', '*', '.', '\\', '?', '+', '^', '$', '#' ->
            escaped.append('\\').append(c);
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** XML-escaped for a double-quoted attribute; line breaks and tabs as references, which attributes would lose. */
  private static String attribute(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 16);
    BbbXml.escape(value, escaped);
    for (int i = 0; i < escaped.length(); i++) {
      @Nullable String reference = switch (escaped.charAt(i)) {
        case '\n' -> "&#10;";
        case '\r' -> "&#13;";
        case '\t' -> "&#9;";
        default -> null;
      };
      if (reference != null) {
        escaped.replace(i, i + 1, reference);
        i += reference.length() - 1;
      }
    }
    return escaped.toString();
  }

  /** One {@code <action>} of a condition: a dial plan application and its argument, if it takes one. */
  private record Action(String application, @Nullable String data) {}

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
