package io.switchboard.recordings.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTrackJsonTest {

  @Test
  void listsTracksInBbbsFieldOrder() {
    byte[] json = TextTrackJson.tracks(List.of(
        new TextTrackJson.Track("https://h/presentation/r-1/caption_en.vtt", "subtitles", "English", "en", "upload"),
        new TextTrackJson.Track("https://h/presentation/r-1/caption_de.vtt", "captions", "Deutsch", "de", "live")));

    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"response\":{\"returncode\":\"SUCCESS\","
        + "\"tracks\":[{\"href\":\"https://h/presentation/r-1/caption_en.vtt\",\"kind\":\"subtitles\","
        + "\"label\":\"English\",\"lang\":\"en\",\"source\":\"upload\"},"
        + "{\"href\":\"https://h/presentation/r-1/caption_de.vtt\",\"kind\":\"captions\",\"label\":\"Deutsch\","
        + "\"lang\":\"de\",\"source\":\"live\"}]}}");
  }

  @Test
  void writesAnEmptyTrackList() {
    assertThat(new String(TextTrackJson.tracks(List.of()), StandardCharsets.UTF_8))
        .isEqualTo("{\"response\":{\"returncode\":\"SUCCESS\",\"tracks\":[]}}");
  }

  @Test
  void writesTheUploadAnswerAsBbbOrdersIt() {
    assertThat(new String(TextTrackJson.uploaded("r-1"), StandardCharsets.UTF_8)).isEqualTo(
        "{\"response\":{\"messageKey\":\"upload_text_track_success\",\"message\":\"Text track uploaded successfully\","
            + "\"recordId\":\"r-1\",\"returncode\":\"SUCCESS\"}}");
  }

  @Test
  void escapesFailureText() {
    assertThat(new String(TextTrackJson.failed("noRecordings", "No recording found for \"a\"\\\n\u0001"),
        StandardCharsets.UTF_8)).isEqualTo("{\"response\":{\"returncode\":\"FAILED\",\"messageKey\":\"noRecordings\","
            + "\"message\":\"No recording found for \\\"a\\\"\\\\\\n\\u0001\"}}");
  }
}
