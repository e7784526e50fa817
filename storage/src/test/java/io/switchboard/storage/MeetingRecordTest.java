package io.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeetingRecordTest {
  private static final Instant CREATED = Instant.parse("2024-03-01T09:00:00Z");

  @Test
  void withVoiceBridgeChangesOnlyTheVoiceBridge() {
    MeetingRecord meeting = new MeetingRecord("room 1", "bbb-1", "mp", "700000001", "tenant-a", CREATED);

    assertThat(meeting.withVoiceBridge("700000002"))
        .isEqualTo(new MeetingRecord("room 1", "bbb-1", "mp", "700000002", "tenant-a", CREATED));
  }

  @Test
  void tenantAndModeratorPasswordMayBeEmpty() {
    MeetingRecord meeting = new MeetingRecord("room 1", "bbb-1", "", "700000001", "", CREATED);

    assertThat(meeting.tenantId()).isEmpty();
    assertThat(meeting.moderatorPassword()).isEmpty();
  }

  @Test
  void toStringHidesTheModeratorPassword() {
    MeetingRecord meeting = new MeetingRecord("room 1", "bbb-1", "s3cret-mp", "700000001", "", CREATED);

    assertThat(meeting.toString()).contains("moderatorPassword=<hidden>").doesNotContain("s3cret-mp");
  }

  @ParameterizedTest(name = "[{0}] [{1}] [{2}]")
  @CsvSource(value = {
      "'', bbb-1, 700000001, id: '' (expected: not empty)",
      "room 1, ' ', 700000001, serverId: ' ' (expected: not blank)",
      "room 1, bbb-1, '', voiceBridge: '' (expected: not blank)",
  }, ignoreLeadingAndTrailingWhitespace = false, delimiterString = ", ")
  void invalidValuesAreRejectedWithTheirName(String id, String serverId, String voiceBridge, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new MeetingRecord(id, serverId, "mp", voiceBridge, "", CREATED))
        .withMessage(message);
  }
}
