package io.switchboard.routing.load;

import static java.util.Objects.requireNonNull;

/**
 * One {@code <meeting>} of a BBB {@code getMeetings} reply: the numbers the load formula and the statistics need, the
 * tenant it is tagged with, and its verbatim XML so a merged {@code getMeetings} can relay it unchanged.
 *
 * @param moderatorPassword the {@code moderatorPW} BBB reports, so a restarted Switchboard can adopt the meeting
 * @param voiceBridge the meeting's {@code voiceBridge}
 * @param tenantId the {@code metadata/tenant-id} text, or {@code ""} when the meeting carries none
 * @param element the verbatim {@code <meeting>…</meeting>} element, UTF-8
 */
public record MeetingSample(
    String meetingId,
    int participantCount,
    int moderatorCount,
    int videoCount,
    boolean breakout,
    long createTimeMillis,
    String moderatorPassword,
    String voiceBridge,
    String tenantId,
    byte[] element) {

  public MeetingSample {
    requireNonNull(meetingId, "meetingId");
    requireNonNull(moderatorPassword, "moderatorPassword");
    requireNonNull(voiceBridge, "voiceBridge");
    requireNonNull(tenantId, "tenantId");
    requireNonNull(element, "element");
  }
}
