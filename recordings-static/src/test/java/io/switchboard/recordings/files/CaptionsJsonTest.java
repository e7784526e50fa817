package io.switchboard.recordings.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CaptionsJsonTest {

  @Test
  void readsBbbsEntriesAsSubtitlesFromAnUpload() throws IOException {
    String json = "[{\"localeName\":\"English (United States)\",\"locale\":\"en-US\"},"
        + "{\"localeName\":\"Deutsch\",\"locale\":\"de\",\"kind\":\"captions\",\"source\":\"live\"}]";

    assertThat(CaptionsJson.parse(json.getBytes(StandardCharsets.UTF_8))).containsExactly(
        new TextTrack("en-US", "English (United States)", "subtitles", "upload"),
        new TextTrack("de", "Deutsch", "captions", "live"));
  }

  @Test
  void skipsEntriesWhoseLocaleCouldNameAnotherFile() throws IOException {
    String json = "[{\"locale\":\"../../etc/passwd\"},{\"localeName\":\"x\"},{\"locale\":5},\"text\",[1,2],"
        + "{\"locale\":\"fr\",\"extra\":{\"nested\":[1]}}]";

    assertThat(CaptionsJson.parse(json.getBytes(StandardCharsets.UTF_8)))
        .containsExactly(new TextTrack("fr", "fr", "subtitles", "upload"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{}", "\"x\"", "[{\"locale\":\"en\"}", "not json"})
  void refusesWhatIsNotAJsonArray(String json) {
    assertThatThrownBy(() -> CaptionsJson.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void writesBbbsShapeAndOnlyTheKindsAndSourcesThatDifferFromTheDefaults() throws IOException {
    List<TextTrack> tracks = List.of(new TextTrack("en-US", "English \"US\"", "subtitles", "upload"),
        new TextTrack("de", "Deutsch", "captions", "live"));

    byte[] json = CaptionsJson.write(tracks);

    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
        "[{\"localeName\":\"English \\\"US\\\"\",\"locale\":\"en-US\"},"
            + "{\"localeName\":\"Deutsch\",\"locale\":\"de\",\"kind\":\"captions\",\"source\":\"live\"}]");
    assertThat(CaptionsJson.parse(json)).isEqualTo(tracks);
  }
}
