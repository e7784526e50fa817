package io.switchboard.recordings.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.storage.recordings.Recording;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishRulesTest {

  private static Recording recording(boolean published, boolean publishUpdated, String state) {
    return new Recording("r-1", "m", "n", published, false, Optional.of(state), 0, 0, OptionalInt.empty(), Map.of(),
        List.of(), publishUpdated);
  }

  @ParameterizedTest(name = "stored {0} (publishUpdated {1}), import-unpublished {2}, XML {3} -> {4}")
  @CsvSource({
      "none, false, false, true, true",
      "none, false, false, false, false",
      "none, false, true, true, false",
      "true, false, false, false, false",
      "false, false, false, true, true",
      "false, true, false, true, false",
      "true, true, true, true, true",
      "true, true, false, false, true"})
  void importKeepsAnOperatorsChoiceElseImportUnpublishedElseTheXml(String stored, boolean publishUpdated,
      boolean importUnpublished, boolean xmlPublished, boolean expected) {
    Optional<Recording> before = stored.equals("none")
        ? Optional.empty() : Optional.of(recording(Boolean.parseBoolean(stored), publishUpdated, "published"));
    Recording merged = recording(xmlPublished, publishUpdated, "published");

    Recording result = PublishRules.imported(before, merged, xmlPublished, importUnpublished, false);

    assertThat(result.published()).isEqualTo(expected);
    assertThat(result.state()).contains(expected ? "published" : "unpublished");
    assertThat(result.publishUpdated()).isEqualTo(publishUpdated);
  }

  @Test
  void importTakesProtectionFromTheConfiguration() {
    Optional<Recording> stored = Optional.of(recording(true, false, "published").withProtected(true));

    assertThat(PublishRules.imported(stored, recording(true, false, "published"), true, false, false)
        .protectedRecording()).isFalse();
    assertThat(PublishRules.imported(Optional.empty(), recording(true, false, "published"), true, false, true)
        .protectedRecording()).isTrue();
  }

  @ParameterizedTest(name = "state {0} stays {0} whatever the flag")
  @CsvSource({"processing", "processed", "deleted"})
  void onlyPublishedAndUnpublishedStatesFollowTheFlag(String state) {
    assertThat(PublishRules.imported(Optional.empty(), recording(true, false, state), false, true, false).state())
        .contains(state);
  }

  @Test
  void indexedRecordingsArePublishedIffInThePublishedTreeAndKeepTheirProtection() {
    Optional<Recording> stored = Optional.of(recording(false, false, "unpublished").withProtected(true));
    Recording merged = recording(false, false, "unpublished");

    Recording inPublished = PublishRules.indexed(stored, merged, true, false);
    Recording inUnpublished = PublishRules.indexed(Optional.empty(), merged, false, true);

    assertThat(inPublished.published()).isTrue();
    assertThat(inPublished.state()).contains("published");
    assertThat(inPublished.protectedRecording()).isTrue();
    assertThat(inUnpublished.published()).isFalse();
    assertThat(inUnpublished.protectedRecording()).isTrue();
  }
}
