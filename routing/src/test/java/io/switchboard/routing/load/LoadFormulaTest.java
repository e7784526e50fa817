package io.switchboard.routing.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadFormulaTest {
  private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
  private static final Duration BUFFER = Duration.ofMinutes(15);
  private static final int MIN_USERS = 15;

  @Test
  void noMeetingsIsZeroEverything() {
    assertThat(LoadFormula.compute(List.of(), NOW, MIN_USERS, BUFFER, 3.0))
        .isEqualTo(new ServerStats(0, 0, 0, 0, 0));
  }

  @Test
  void moderatorsAreCountedTwiceInTheLoadButOnceInTheUsers() {
    MeetingSample meeting = meeting(10, 2, 3, false, NOW.minus(Duration.ofHours(1)));
    assertThat(LoadFormula.compute(List.of(meeting), NOW, MIN_USERS, BUFFER, 1.0))
        .isEqualTo(new ServerStats(12, 1, 10, 10, 3));
  }

  @Test
  void aYoungMeetingCountsAtLeastTheMinimumUserCount() {
    MeetingSample young = meeting(3, 1, 0, false, NOW.minus(Duration.ofMinutes(10)));
    assertThat(LoadFormula.compute(List.of(young), NOW, MIN_USERS, BUFFER, 1.0).load()).isEqualTo(15);
  }

  @Test
  void aYoungMeetingAboveTheMinimumCountsItsAttendees() {
    MeetingSample young = meeting(20, 2, 0, false, NOW.minus(Duration.ofMinutes(1)));
    assertThat(LoadFormula.compute(List.of(young), NOW, MIN_USERS, BUFFER, 1.0).load()).isEqualTo(22);
  }

  @Test
  void aZeroMinimumLeavesYoungMeetingsAlone() {
    MeetingSample young = meeting(0, 0, 0, false, NOW);
    assertThat(LoadFormula.compute(List.of(young), NOW, 0, BUFFER, 1.0).load()).isZero();
  }

  @Test
  void breakoutRoomsAreLeftOutOfTheLoadButCountedInTheStatistics() {
    MeetingSample oldBreakout = meeting(5, 1, 2, true, NOW.minus(Duration.ofHours(1)));
    MeetingSample youngBreakout = meeting(1, 0, 1, true, NOW);
    assertThat(LoadFormula.compute(List.of(oldBreakout, youngBreakout), NOW, MIN_USERS, BUFFER, 1.0))
        .isEqualTo(new ServerStats(0, 2, 6, 5, 3));
  }

  @Test
  void mixedServerByHand() {
    List<MeetingSample> meetings = List.of(
        meeting(10, 2, 3, false, NOW.minus(Duration.ofHours(2))), // 10 + 2 = 12
        meeting(3, 1, 0, false, NOW.minus(Duration.ofMinutes(5))), // 4, young: 15
        meeting(5, 1, 2, true, NOW.minus(Duration.ofHours(1))), // breakout: 0
        meeting(20, 2, 4, false, NOW.minus(Duration.ofMinutes(14)))); // 22, young, above 15
    // load (12 + 15 + 0 + 22) × 1.5 = 73.5; users 10+3+5+20 = 38; largest 20; videos 3+0+2+4 = 9
    assertThat(LoadFormula.compute(meetings, NOW, MIN_USERS, BUFFER, 1.5))
        .isEqualTo(new ServerStats(73.5, 4, 38, 20, 9));
  }

  @ParameterizedTest(name = "created {0} before now -> load {1}")
  @CsvSource({
      "PT15M1S, 2",
      "PT15M, 2",
      // Scalelite truncates createTime to whole seconds: 11:45:00.999 is 11:45:00, not inside the buffer.
      "PT14M59.001S, 2",
      "PT14M59S, 15",
      "PT0S, 15",
  })
  void theJoinBufferStartsStrictlyAfterNowMinusTheBufferTime(String age, double load) {
    MeetingSample meeting = meeting(1, 1, 0, false, NOW.minus(Duration.parse(age)));
    assertThat(LoadFormula.compute(List.of(meeting), NOW, MIN_USERS, BUFFER, 1.0).load()).isEqualTo(load);
  }

  @Test
  void theMultiplierScalesOnlyTheLoad() {
    MeetingSample meeting = meeting(4, 1, 2, false, NOW.minus(Duration.ofHours(1)));
    assertThat(LoadFormula.compute(List.of(meeting), NOW, MIN_USERS, BUFFER, 7.0))
        .isEqualTo(new ServerStats(35, 1, 4, 4, 2));
  }

  private static MeetingSample meeting(int participants, int moderators, int videos, boolean breakout,
      Instant created) {
    return new MeetingSample("m", participants, moderators, videos, breakout, created.toEpochMilli(), "", "", "",
        new byte[0]);
  }
}
