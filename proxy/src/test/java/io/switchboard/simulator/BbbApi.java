package io.switchboard.simulator;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The BBB API of one simulated server as a pure request → reply function over its meeting table: checksum, method and
 * Content-Type rules (bbb-api.md §1, §2) and the create/join/end/isMeetingRunning/getMeetingInfo/getMeetings/
 * insertDocument replies (§4, §5.1–§5.6, §5.13). Meeting-table access is synchronized; every step is short.
 */
final class BbbApi {
  static final String API_PATH = "/bigbluebutton/api";
  static final String BBB_VERSION = "3.0.0-sim";

  private static final Set<String> GET_POST = Set.of("GET", "POST");
  private static final Map<String, Set<String>> METHODS = Map.of(
      "create", GET_POST, "join", Set.of("GET"), "end", GET_POST, "isMeetingRunning", GET_POST,
      "getMeetingInfo", GET_POST, "getMeetings", GET_POST, "insertDocument", Set.of("POST"));
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final Set<String> XML_TYPES = Set.of("application/xml", "text/xml");
  private static final Set<String> FORM_TYPES = Set.of(FORM, "multipart/form-data");
  private static final Set<String> CREATE_TYPES = Set.of(FORM, "multipart/form-data", "application/xml", "text/xml");
  private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final String secret;
  private final int port;
  private final Clock clock;
  private final Map<String, SimMeeting> meetings = new LinkedHashMap<>(); // guarded by this

  BbbApi(String secret, int port, Clock clock) {
    this.secret = secret;
    this.port = port;
    this.clock = clock;
  }

  /** What the server answers: status, content type, body, and a Location header value ({@code ""} for none). */
  record Reply(int status, String contentType, byte[] body, String location) {
    static Reply xml(byte[] body) {
      return new Reply(200, "text/xml;charset=utf-8", body, "");
    }

    static Reply text(int status, String contentType, String body) {
      return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), "");
    }
  }

  Reply handle(String method, String uri, @Nullable String contentType, byte[] body) {
    int mark = uri.indexOf('?');
    String path = mark < 0 ? uri : uri.substring(0, mark);
    String rawQuery = mark < 0 ? "" : uri.substring(mark + 1);
    if (path.equals("/html5client/join")) {
      return Reply.text(200, "text/html;charset=utf-8", "<html><body>BigBlueButton simulator client</body></html>");
    }
    if (!path.equals(API_PATH) && !path.startsWith(API_PATH + "/")) {
      return Reply.text(404, "text/plain;charset=utf-8", "Not Found");
    }
    String callName = path.length() <= API_PATH.length() + 1 ? "" : path.substring(API_PATH.length() + 1);
    if (callName.isEmpty()) {
      return Reply.xml(Xml.response("SUCCESS").el("version", "2.0").el("apiVersion", "2.0")
          .el("bbbVersion", BBB_VERSION).bytes());
    }
    Set<String> methods = METHODS.get(callName);
    if (methods == null) {
      return Reply.xml(Xml.error("validationError", "Request not recognized"));
    }
    if (!methods.contains(method)) {
      return Reply.text(405, "text/plain;charset=utf-8", "Method Not Allowed");
    }
    String mediaType = mediaType(contentType);
    if (body.length > 0 && !bodyTypes(callName).contains(mediaType)) {
      return Reply.xml(Xml.error("unsupportedContentType", "POST request Content-Type is missing or unsupported"));
    }
    Map<String, String> params;
    try {
      params = decodeForm(rawQuery);
      if (mediaType.equals(FORM)) {
        // Servlet parameters: the URL's come first, the form body's after; the checksum may sit in either.
        decodeForm(new String(body, StandardCharsets.UTF_8)).forEach(params::putIfAbsent);
      }
    } catch (IllegalArgumentException malformedEscape) {
      return Reply.text(400, "text/plain;charset=utf-8", "Bad Request");
    }
    // BBB 2.7/3.0: the checksum covers the URL query only, even when the parameters came in the body.
    if (!Checksums.valid(callName, rawQuery, params.get("checksum"), secret)) {
      return Reply.xml(Xml.error("checksumError", "Checksums do not match"));
    }
    params.remove("checksum");
    String id = params.getOrDefault("meetingID", "");
    if (id.isEmpty() && !callName.equals("getMeetings")) {
      return Reply.xml(Xml.error("missingParamMeetingID", "You must provide a meeting ID"));
    }
    return switch (callName) {
      case "create" -> create(id, params, body);
      case "join" -> join(id, params);
      case "end" -> end(id);
      case "isMeetingRunning" -> isMeetingRunning(id);
      case "getMeetingInfo" -> getMeetingInfo(id);
      case "getMeetings" -> getMeetings();
      default -> insertDocument(id, body);
    };
  }

  synchronized Optional<SimMeeting> meeting(String id) {
    return Optional.ofNullable(meetings.get(id));
  }

  synchronized Collection<SimMeeting> meetings() {
    return List.copyOf(meetings.values());
  }

  synchronized boolean remove(String id) {
    return meetings.remove(id) != null;
  }

  synchronized void clear() {
    meetings.clear();
  }

  /** Decodes an x-www-form-urlencoded string ({@code +} = space); a repeated name keeps its first value. */
  static Map<String, String> decodeForm(String form) {
    Map<String, String> params = new LinkedHashMap<>();
    QueryStringDecoder.builder().hasPath(false).semicolonIsNormalChar(true).htmlQueryDecoding(true).build(form)
        .parameters().forEach((name, values) -> params.put(name, values.get(0)));
    return params;
  }

  private synchronized Reply create(String id, Map<String, String> params, byte[] body) {
    String name = params.getOrDefault("name", "");
    if (id.length() < 2 || id.length() > 256 || id.contains(",")) {
      return Reply.xml(Xml.error("validationError", "Meeting ID must be 2 to 256 characters and contain no comma"));
    }
    if (name.length() < 2 || name.length() > 256) {
      return Reply.xml(Xml.error("validationError", "Meeting name must be 2 to 256 characters"));
    }
    SimMeeting existing = meetings.get(id);
    if (existing != null) {
      if (!params.getOrDefault("attendeePW", existing.attendeePW()).equals(existing.attendeePW())
          || !params.getOrDefault("moderatorPW", existing.moderatorPW()).equals(existing.moderatorPW())) {
        return Reply.xml(Xml.error("idNotUnique",
            "A meeting already exists with that meeting ID.  Please use a different meeting ID."));
      }
      return createReply(existing, "duplicateWarning",
          "This conference was already in existence and may currently be in progress.");
    }
    String voiceBridge = params.get("voiceBridge");
    if (voiceBridge != null && meetings.values().stream().anyMatch(m -> m.voiceBridge().equals(voiceBridge))) {
      return Reply.xml(Xml.response("FAILED").open("errors").open("error").el("key", "nonUniqueVoiceBridge")
          .el("message", "The selected voice bridge is already in use.").close("error").close("errors").bytes());
    }
    SimMeeting meeting = new SimMeeting(params, body, clock.millis(),
        voiceBridge != null ? voiceBridge : freeVoiceBridge(),
        params.getOrDefault("attendeePW", random(8)), params.getOrDefault("moderatorPW", random(8)));
    meetings.put(id, meeting);
    return createReply(meeting, "", "");
  }

  private static Reply createReply(SimMeeting m, String messageKey, String message) {
    return Reply.xml(Xml.response("SUCCESS")
        .el("meetingID", m.meetingID())
        .el("internalMeetingID", m.internalMeetingID())
        .el("parentMeetingID", m.parentMeetingID())
        .el("attendeePW", m.attendeePW())
        .el("moderatorPW", m.moderatorPW())
        .el("createTime", m.createTime())
        .el("voiceBridge", m.voiceBridge())
        .el("dialNumber", m.dialNumber())
        .el("createDate", m.createDate())
        .el("hasUserJoined", m.hasUserJoined())
        .el("duration", m.duration())
        .el("hasBeenForciblyEnded", false)
        .el("messageKey", messageKey)
        .el("message", message)
        .bytes());
  }

  private Reply join(String id, Map<String, String> params) {
    if (params.getOrDefault("fullName", "").isEmpty()) {
      return Reply.xml(Xml.error("missingParamFullName",
          "You must specify a name for the attendee who will be joining the meeting."));
    }
    SimMeeting meeting = meeting(id).orElse(null);
    if (meeting == null) {
      return Reply.xml(Xml.error("invalidMeetingIdentifier",
          "The meeting ID that you supplied did not match any existing meetings"));
    }
    String role = params.getOrDefault("role", "").toUpperCase(Locale.ROOT);
    String password = params.getOrDefault("password", "");
    boolean moderator;
    if (role.equals("MODERATOR") || role.equals("VIEWER")) {
      moderator = role.equals("MODERATOR");
    } else if (password.equals(meeting.moderatorPW()) || password.equals(meeting.attendeePW())) {
      moderator = password.equals(meeting.moderatorPW());
    } else {
      return Reply.xml(Xml.error("invalidPassword", "You either did not supply a password or the password supplied is "
          + "neither the attendee or moderator password for this conference."));
    }
    String createTime = params.get("createTime");
    if (createTime != null && !createTime.equals(Long.toString(meeting.createTime()))) {
      return Reply.xml(Xml.error("mismatchCreateTimeParam",
          "The createTime parameter submitted mismatches with the current meeting."));
    }
    meeting.joined(moderator);
    String sessionToken = random(16);
    String url = "http://127.0.0.1:" + port + "/html5client/join?sessionToken=" + sessionToken;
    if (!"false".equalsIgnoreCase(params.get("redirect"))) {
      return new Reply(302, "text/plain;charset=utf-8", new byte[0], url);
    }
    return Reply.xml(Xml.response("SUCCESS")
        .el("messageKey", "successfullyJoined")
        .el("message", "You have joined successfully.")
        .el("meeting_id", meeting.internalMeetingID())
        .el("user_id", "w_" + random(12))
        .el("auth_token", random(12))
        .el("session_token", sessionToken)
        .el("guestStatus", "ALLOW")
        .el("url", url)
        .bytes());
  }

  private Reply end(String id) {
    if (!remove(id)) {
      return Reply.xml(Xml.error("notFound", "A meeting with that ID does not exist"));
    }
    return Reply.xml(Xml.response("SUCCESS").el("messageKey", "sentEndMeetingRequest")
        .el("message", "A request to end the meeting was sent.  Please wait a few seconds, and then use the "
            + "getMeetingInfo or isMeetingRunning API calls to verify that it was ended.")
        .bytes());
  }

  private Reply isMeetingRunning(String id) {
    boolean running = meeting(id).map(SimMeeting::running).orElse(false);
    return Reply.xml(Xml.response("SUCCESS").el("running", running).bytes());
  }

  private Reply getMeetingInfo(String id) {
    return meeting(id).map(m -> {
      Xml xml = Xml.response("SUCCESS");
      m.appendTo(xml);
      return Reply.xml(xml.bytes());
    }).orElseGet(() -> Reply.xml(Xml.error("notFound", "A meeting with that ID does not exist")));
  }

  private Reply getMeetings() {
    Collection<SimMeeting> all = meetings();
    if (all.isEmpty()) {
      return Reply.xml(Xml.response("SUCCESS").empty("meetings").el("messageKey", "noMeetings")
          .el("message", "no meetings were found on this server").bytes());
    }
    Xml xml = Xml.response("SUCCESS").open("meetings");
    for (SimMeeting m : all) {
      xml.open("meeting");
      m.appendTo(xml);
      xml.close("meeting");
    }
    return Reply.xml(xml.close("meetings").bytes());
  }

  private Reply insertDocument(String id, byte[] body) {
    Optional<SimMeeting> meeting = meeting(id);
    if (meeting.isEmpty()) {
      return Reply.xml(Xml.error("notFound", "A meeting with that ID does not exist"));
    }
    if (body.length > 0) {
      meeting.get().addDocument(body);
    }
    return Reply.xml(Xml.response("SUCCESS").el("message", "Presentation is being uploaded").bytes());
  }

  private String freeVoiceBridge() {
    Set<String> used = new HashSet<>();
    meetings.values().forEach(m -> used.add(m.voiceBridge()));
    String candidate;
    do {
      candidate = Integer.toString(ThreadLocalRandom.current().nextInt(10000, 100000));
    } while (used.contains(candidate));
    return candidate;
  }

  private static Set<String> bodyTypes(String callName) {
    return switch (callName) {
      case "create" -> CREATE_TYPES;
      case "insertDocument" -> XML_TYPES;
      default -> FORM_TYPES;
    };
  }

  private static String mediaType(@Nullable String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static String random(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHANUMERIC.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMERIC.length())));
    }
    return out.toString();
  }
}

