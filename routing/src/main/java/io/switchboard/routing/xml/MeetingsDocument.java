package io.switchboard.routing.xml;

import io.switchboard.routing.load.MeetingSample;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A backend's {@code getMeetings} reply: the reply envelope and one {@link MeetingSample} per
 * {@code /response/meetings/meeting}, each with the numbers the load formula needs (spec §5.3), its
 * {@code metadata/tenant-id} (§4.2) and the element's exact source text, so a merged {@code getMeetings} relays what
 * the backend wrote. Unlike {@link BbbReply} this parse is strict, because the poller must tell a broken server from an
 * empty one: a body that is not well-formed XML, declares a DTD, has another root than {@code <response>} or no
 * {@code returncode} is an {@link IllegalArgumentException}. Malformed numbers inside a meeting count as 0, as Ruby's
 * {@code to_i} makes them. The body is read as UTF-8, which is what bbb-web sends.
 */
public final class MeetingsDocument {
  private static final List<String> MEETING_PATH = List.of("response", "meetings", "meeting");

  private final BbbReply reply;
  private final List<MeetingSample> meetings;

  private MeetingsDocument(BbbReply reply, List<MeetingSample> meetings) {
    this.reply = reply;
    this.meetings = meetings;
  }

  public static MeetingsDocument parse(byte[] body) {
    String xml = new String(body, StandardCharsets.UTF_8);
    if (xml.startsWith("\uFEFF")) {
      xml = xml.substring(1);
    }
    Map<String, String> children = new HashMap<>();
    List<Map<String, String>> fields = new ArrayList<>();
    XMLStreamReader reader = null;
    try {
      reader = SafeXml.reader(new StringReader(xml));
      String root = SafeXml.root(reader);
      if (!root.equals("response")) {
        throw new IllegalArgumentException("getMeetings reply has root <" + root + ">, expected <response>");
      }
      while (reader.next() != XMLStreamConstants.END_ELEMENT) {
        if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (reader.getLocalName().equals("meetings")) {
          readMeetings(reader, fields);
        } else {
          String name = reader.getLocalName();
          children.putIfAbsent(name, SafeXml.textContent(reader));
        }
      }
      while (reader.hasNext()) {
        reader.next();
      }
    } catch (XMLStreamException | IllegalStateException | NoSuchElementException e) {
      throw new IllegalArgumentException("getMeetings reply is not well-formed XML: " + e.getMessage(), e);
    } finally {
      if (reader != null) {
        SafeXml.closeQuietly(reader);
      }
    }
    if (!children.containsKey("returncode")) {
      throw new IllegalArgumentException("getMeetings reply has no /response/returncode");
    }
    List<String> elements = ElementSpans.find(xml, MEETING_PATH);
    if (elements.size() != fields.size()) {
      throw new IllegalArgumentException("getMeetings reply: found " + elements.size() + " <meeting> elements in the"
          + " source text but parsed " + fields.size());
    }
    List<MeetingSample> meetings = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      meetings.add(sample(fields.get(i), elements.get(i)));
    }
    return new MeetingsDocument(new BbbReply(Map.copyOf(children)), List.copyOf(meetings));
  }

  /** The envelope: returncode, messageKey, message (e.g. a FAILED reply or {@code noMeetings}). */
  public BbbReply reply() {
    return reply;
  }

  /** The meetings in document order; empty for a FAILED reply or {@code <meetings/>}. */
  public List<MeetingSample> meetings() {
    return meetings;
  }

  private static void readMeetings(XMLStreamReader reader, List<Map<String, String>> fields)
      throws XMLStreamException {
    while (reader.next() != XMLStreamConstants.END_ELEMENT) {
      if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      if (reader.getLocalName().equals("meeting")) {
        fields.add(readMeeting(reader));
      } else {
        SafeXml.textContent(reader);
      }
    }
  }

  /** The texts of the meeting's children, plus {@code tenant-id} from its {@code metadata}. */
  private static Map<String, String> readMeeting(XMLStreamReader reader) throws XMLStreamException {
    Map<String, String> meeting = new HashMap<>();
    while (reader.next() != XMLStreamConstants.END_ELEMENT) {
      if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      if (reader.getLocalName().equals("metadata")) {
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
          if (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
            String name = reader.getLocalName();
            String text = SafeXml.textContent(reader);
            if (name.equals("tenant-id")) {
              meeting.putIfAbsent("metadata/tenant-id", text);
            }
          }
        }
      } else {
        String name = reader.getLocalName();
        meeting.putIfAbsent(name, SafeXml.textContent(reader));
      }
    }
    return meeting;
  }

  private static MeetingSample sample(Map<String, String> fields, String element) {
    return new MeetingSample(
        fields.getOrDefault("meetingID", ""),
        toInt(fields.get("participantCount")),
        toInt(fields.get("moderatorCount")),
        toInt(fields.get("videoCount")),
        "true".equals(fields.getOrDefault("isBreakout", "").trim()),
        toI(fields.get("createTime")),
        fields.getOrDefault("moderatorPW", ""),
        fields.getOrDefault("voiceBridge", ""),
        fields.getOrDefault("metadata/tenant-id", ""),
        element.getBytes(StandardCharsets.UTF_8));
  }

  private static int toInt(@Nullable String text) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, toI(text)));
  }

  /**
   * Ruby's {@code String#to_i}: optional whitespace and sign, then the leading digits; 0 when there are none. Values
   * beyond a {@code long} saturate instead of wrapping.
   */
  static long toI(@Nullable String text) {
    if (text == null) {
      return 0;
    }
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    long value = 0;
    for (; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
      int digit = text.charAt(i) - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        value = Long.MAX_VALUE;
        break;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }
}
