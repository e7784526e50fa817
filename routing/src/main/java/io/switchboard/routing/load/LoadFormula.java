package io.switchboard.routing.load;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Scalelite's load formula (spec §5.3, {@code poll:servers}): turns the meetings of one BBB {@code getMeetings} reply
 * into the server's load score and statistics. The poller calls it after every successful poll.
 */
public final class LoadFormula {

  private LoadFormula() {}

  /**
   * Per non-breakout meeting, attendees = participantCount + moderatorCount; a meeting created less than
   * {@code joinBufferTime} before {@code now} counts at least {@code loadMinUserCount}; the sum is multiplied by
   * {@code loadMultiplier}. Breakout rooms are left out of the load but counted in every statistic.
   */
  public static ServerStats compute(List<MeetingSample> meetings, Instant now, int loadMinUserCount,
      Duration joinBufferTime, double loadMultiplier) {
    requireNonNull(meetings, "meetings");
    requireNonNull(now, "now");
    requireNonNull(joinBufferTime, "joinBufferTime");
    Instant bufferStart = now.minus(joinBufferTime);
    long attendees = 0;
    int users = 0;
    int largestMeeting = 0;
    int videos = 0;
    for (MeetingSample meeting : meetings) {
      users += meeting.participantCount();
      largestMeeting = Math.max(largestMeeting, meeting.participantCount());
      videos += meeting.videoCount();
      if (meeting.breakout()) {
        continue;
      }
      // participantCount already includes the moderators; Scalelite adds them again, and its load scale relies on it.
      int count = meeting.participantCount() + meeting.moderatorCount();
      attendees += createdSecond(meeting).isAfter(bufferStart) ? Math.max(count, loadMinUserCount) : count;
    }
    return new ServerStats(attendees * loadMultiplier, meetings.size(), users, largestMeeting, videos);
  }

  /** Scalelite compares {@code Time.at(createTime / 1000)}: the creation time truncated to whole seconds. */
  private static Instant createdSecond(MeetingSample meeting) {
    return Instant.ofEpochSecond(Math.floorDiv(meeting.createTimeMillis(), 1000L));
  }
}
