package io.switchboard.simulator;

import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A meeting held by one {@link SimulatedBbb}: what the {@code create} call carried (bbb-api.md §5.1) and the live
 * counts that getMeetingInfo/getMeetings report (§5.5, §5.6). Tests set the counts directly to drive Switchboard's
 * load formula; {@code join} adds a participant (and a moderator for the moderator role). Thread-safe.
 */
public final class SimMeeting {
  private final String meetingID;
  private final String name;
  private final String internalMeetingID;
  private final String parentMeetingID;
  private final String attendeePW;
  private final String moderatorPW;
  private final String voiceBridge;
  private final String dialNumber;
  private final long createTime;
  private final int duration;
  private final int maxUsers;
  private final boolean breakout;
  private final Map<String, String> createParams;
  private final byte[] createBody;
  private final Map<String, String> metadata;
  private final List<byte[]> documents = new CopyOnWriteArrayList<>();
  private volatile int participants;
  private volatile int moderators;
  private volatile int videos;
  private volatile boolean userJoined;

  SimMeeting(Map<String, String> params, byte[] body, long createTime, String voiceBridge, String attendeePW,
      String moderatorPW) {
    this.meetingID = params.getOrDefault("meetingID", "");
    this.name = params.getOrDefault("name", "");
    this.createTime = createTime;
    this.internalMeetingID = Checksums.hex("SHA-1", meetingID) + "-" + createTime;
    this.breakout = "true".equalsIgnoreCase(params.get("isBreakout"));
    this.parentMeetingID = breakout ? params.getOrDefault("parentMeetingID", "") : "bbb-none";
    this.attendeePW = attendeePW;
    this.moderatorPW = moderatorPW;
    this.voiceBridge = voiceBridge;
    this.dialNumber = params.getOrDefault("dialNumber", "613-555-1234");
    this.duration = number(params.get("duration"));
    this.maxUsers = number(params.get("maxParticipants"));
    this.createParams = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    this.createBody = body.clone();
    Map<String, String> meta = new LinkedHashMap<>();
    params.forEach((key, value) -> {
      if (key.startsWith("meta_")) {
        meta.put(key.substring(5).toLowerCase(Locale.ROOT), value);
      }
    });
    this.metadata = Collections.unmodifiableMap(meta);
  }

  public String meetingID() {
    return meetingID;
  }

  public String name() {
    return name;
  }

  /** {@code sha1(meetingID)-createTime}, as bbb-web derives it. */
  public String internalMeetingID() {
    return internalMeetingID;
  }

  /** The parent's meetingID for a breakout room, else {@code bbb-none}. */
  public String parentMeetingID() {
    return parentMeetingID;
  }

  public String attendeePW() {
    return attendeePW;
  }

  public String moderatorPW() {
    return moderatorPW;
  }

  public String voiceBridge() {
    return voiceBridge;
  }

  public String dialNumber() {
    return dialNumber;
  }

  /** Epoch milliseconds from the simulator's clock. */
  public long createTime() {
    return createTime;
  }

  /** {@code createTime} in Java's {@code Date.toString()} form, as bbb-web prints it. */
  public String createDate() {
    return new Date(createTime).toString();
  }

  public int duration() {
    return duration;
  }

  public int maxUsers() {
    return maxUsers;
  }

  public boolean breakout() {
    return breakout;
  }

  /** Every decoded parameter of the first create call except {@code checksum} (first value of a repeated name). */
  public Map<String, String> createParams() {
    return createParams;
  }

  /** A copy of the first create call's raw POST body (empty for a GET). */
  public byte[] createBody() {
    return createBody.clone();
  }

  /** The {@code meta_*} parameters with the prefix cut off and the name lower-cased, as BBB echoes them. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Copies of the bodies of the insertDocument calls received for this meeting, in order. */
  public List<byte[]> documents() {
    return documents.stream().map(byte[]::clone).toList();
  }

  public int participants() {
    return participants;
  }

  public int moderators() {
    return moderators;
  }

  public int videos() {
    return videos;
  }

  /** True once anyone joined; BBB never resets it. */
  public boolean hasUserJoined() {
    return userJoined;
  }

  /** BBB calls a meeting running while it has users (Meeting.isRunning: users not empty). */
  public boolean running() {
    return participants > 0;
  }

  public synchronized void setParticipants(int participants) {
    this.participants = count("participants", participants);
    if (participants > 0) {
      userJoined = true;
    }
  }

  public synchronized void setModerators(int moderators) {
    this.moderators = count("moderators", moderators);
  }

  public synchronized void setVideos(int videos) {
    this.videos = count("videos", videos);
  }

  synchronized void joined(boolean moderator) {
    participants++;
    if (moderator) {
      moderators++;
    }
    userJoined = true;
  }

  void addDocument(byte[] body) {
    documents.add(body.clone());
  }

  /** Appends the meeting's fields in bbb-web 2.7's get-meeting-info order. */
  void appendTo(Xml xml) {
    xml.el("meetingName", name)
        .el("meetingID", meetingID)
        .el("internalMeetingID", internalMeetingID)
        .el("createTime", createTime)
        .el("createDate", createDate())
        .el("voiceBridge", voiceBridge)
        .el("dialNumber", dialNumber)
        .el("attendeePW", attendeePW)
        .el("moderatorPW", moderatorPW)
        .el("running", running())
        .el("duration", duration)
        .el("hasUserJoined", userJoined)
        .el("recording", false)
        .el("hasBeenForciblyEnded", false)
        .el("startTime", createTime)
        .el("endTime", 0)
        .el("participantCount", participants)
        .el("listenerCount", 0)
        .el("voiceParticipantCount", 0)
        .el("videoCount", videos)
        .el("maxUsers", maxUsers)
        .el("moderatorCount", moderators)
        .empty("attendees");
    if (metadata.isEmpty()) {
      xml.empty("metadata");
    } else {
      // Keys become element names verbatim, as bbb-web's template does.
      xml.open("metadata");
      metadata.forEach(xml::el);
      xml.close("metadata");
    }
    xml.el("isBreakout", breakout);
    if (breakout) {
      xml.el("parentMeetingID", parentMeetingID)
          .el("sequence", number(createParams.get("sequence")))
          .el("freeJoin", "true".equalsIgnoreCase(createParams.get("freeJoin")));
    }
  }

  @Override
  public String toString() {
    return "SimMeeting[" + meetingID + ", participants=" + participants + "]";
  }

  private static int count(String what, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + ": " + value + " (expected: >= 0)");
    }
    return value;
  }

  private static int number(@Nullable String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
