package io.switchboard.routing.xml;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The XML answers Switchboard writes itself, byte for byte what Scalelite's Nokogiri produces minus its indentation
 * (spec §3.5, §4.1, §4.2, §4.4): the declaration {@code <?xml version="1.0"?>} and a line break, then one compact
 * {@code <response>} element, UTF-8. Text is escaped for XML ({@code < > & " '}), and characters XML 1.0 cannot carry
 * become U+FFFD so the document stays well-formed whatever a client put into a parameter.
 */
public final class BbbXml {
  /** The XML declaration every answer starts with, then a line break, as Nokogiri writes it. */
  public static final String DECLARATION = "<?xml version=\"1.0\"?>\n";
  /** The start of every successful answer: declaration, {@code <response>} and the SUCCESS returncode. */
  public static final String SUCCESS = DECLARATION + "<response><returncode>SUCCESS</returncode>";
  /** A conservative XML 1.0 element name: what BBB's metadata keys look like ({@code gl-listed}, {@code bbb-origin}). */
  private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}._-]*");
  private static final byte[] NOT_RUNNING =
      utf8(SUCCESS + "<running>false</running></response>");
  private static final byte[] NO_MEETINGS = utf8(SUCCESS
      + "<messageKey>noMeetings</messageKey><message>no meetings were found on this server</message>"
      + "<meetings/></response>");
  private static final byte[] NO_RECORDINGS = utf8(SUCCESS
      + "<recordings/><messageKey>noRecordings</messageKey><message>There are not recordings for the meetings</message>"
      + "</response>");
  private static final byte[] MEETINGS_START = utf8(SUCCESS + "<meetings>");
  private static final byte[] MEETINGS_END = utf8("</meetings></response>");

  private BbbXml() {}

  /** {@code <response><returncode>FAILED</returncode><messageKey>…</messageKey><message>…</message></response>}. */
  public static byte[] error(BbbError error) {
    StringBuilder xml = new StringBuilder(160 + error.message().length());
    xml.append(DECLARATION).append("<response><returncode>FAILED</returncode><messageKey>");
    escape(error.messageKey(), xml);
    xml.append("</messageKey><message>");
    escape(error.message(), xml);
    return utf8(xml.append("</message></response>").toString());
  }

  /** The API root answer: {@code <version>2.0</version>}, then {@code <build>} only when {@code buildNumber} is not blank. */
  public static byte[] version(String buildNumber) {
    StringBuilder xml = new StringBuilder(128).append(SUCCESS).append("<version>2.0</version>");
    if (!buildNumber.isBlank()) {
      xml.append("<build>");
      escape(buildNumber, xml);
      xml.append("</build>");
    }
    return utf8(xml.append("</response>").toString());
  }

  /** {@code isMeetingRunning} for a meeting Switchboard does not know: SUCCESS with {@code <running>false</running>}. */
  public static byte[] notRunning() {
    return NOT_RUNNING.clone();
  }

  /** {@code getMeetings} with nothing to list: SUCCESS, {@code noMeetings} and an empty {@code <meetings/>}. */
  public static byte[] noMeetings() {
    return NO_MEETINGS.clone();
  }

  /** {@code getRecordings} with nothing to list, exactly as Scalelite words it (spec §4.10). */
  public static byte[] noRecordings() {
    return NO_RECORDINGS.clone();
  }

  /**
   * {@code getMeetings} merged from the backends: the verbatim {@code <meeting>} elements under one {@code <meetings>},
   * or {@link #noMeetings()} when the list is empty, as Scalelite answers then.
   */
  public static byte[] meetings(List<byte[]> meetingElements) {
    if (meetingElements.isEmpty()) {
      return noMeetings();
    }
    int size = MEETINGS_START.length + MEETINGS_END.length;
    for (byte[] element : meetingElements) {
      size += element.length;
    }
    byte[] xml = new byte[size];
    System.arraycopy(MEETINGS_START, 0, xml, 0, MEETINGS_START.length);
    int at = MEETINGS_START.length;
    for (byte[] element : meetingElements) {
      System.arraycopy(element, 0, xml, at, element.length);
      at += element.length;
    }
    System.arraycopy(MEETINGS_END, 0, xml, at, MEETINGS_END.length);
    return xml;
  }

  /** Whether {@code name} can be written as an element name. */
  public static boolean isName(String name) {
    return NAME.matcher(name).matches();
  }

  /** {@code <name>text</name>}, or {@code <name/>} for empty text as Nokogiri writes it. */
  public static void element(String name, String text, StringBuilder out) {
    if (text.isEmpty()) {
      out.append('<').append(name).append("/>");
      return;
    }
    out.append('<').append(name).append('>');
    escape(text, out);
    out.append("</").append(name).append('>');
  }

  /** Appends {@code text} escaped for XML: {@code < > & " '} as entities, characters XML 1.0 cannot carry as U+FFFD. */
  public static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (allowedInXml(c)) {
            out.append(c);
          } else {
            out.append('\uFFFD');
          }
        }
      }
    }
  }

  private static boolean allowedInXml(char c) {
    return c >= 0x20 ? !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
