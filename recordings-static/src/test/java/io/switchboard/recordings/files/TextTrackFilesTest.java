package io.switchboard.recordings.files;

import static io.switchboard.recordings.files.RecordingFixtures.formatDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTrackFilesTest {
  private static final String RID = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";
  private static final byte[] VTT = "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path root;
  private TextTrackFiles tracks;
  private Placement global;

  @BeforeEach
  void setUp() {
    tracks = new TextTrackFiles(new RecordingFiles(RecordingFixtures.config(root)));
    global = Placement.of(new RecordingTrees(root.resolve("published"), root.resolve("unpublished")));
  }

  @Test
  void aRecordingWithoutAPresentationHasNoTrackList() throws IOException {
    formatDirectory(root.resolve("published"), "video", RID, "v");

    assertThat(tracks.blockingTracks(global, RID)).isEmpty();
    assertThat(tracks.blockingPut(global, RID, new TextTrack("en", "English", "subtitles", "upload"), VTT)).isFalse();
  }

  @Test
  void aPresentationWithoutCaptionsJsonHasNoTracks() throws IOException {
    formatDirectory(root.resolve("published"), "presentation", RID, "p");

    assertThat(tracks.blockingTracks(global, RID)).contains(List.of());
  }

  @Test
  void putWritesTheVttAndListsItInCaptionsJson() throws IOException {
    Path presentation = formatDirectory(root.resolve("published"), "presentation", RID, "p");
    TextTrack english = new TextTrack("en-US", "English", "subtitles", "upload");

    assertThat(tracks.blockingPut(global, RID, english, VTT)).isTrue();

    assertThat(presentation.resolve("caption_en-US.vtt")).hasBinaryContent(VTT);
    assertThat(presentation.resolve("captions.json"))
        .hasContent("[{\"localeName\":\"English\",\"locale\":\"en-US\"}]");
    assertThat(tracks.blockingTracks(global, RID)).contains(List.of(english));
    try (var entries = Files.list(presentation)) {
      assertThat(entries.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("metadata.xml", "caption_en-US.vtt", "captions.json");
    }
  }

  @Test
  void putReplacesTheTrackOfTheSameLocaleAndKeepsTheOthers() throws IOException {
    Path presentation = formatDirectory(root.resolve("unpublished"), "presentation", RID, "p");
    Files.writeString(presentation.resolve("captions.json"),
        "[{\"localeName\":\"English\",\"locale\":\"en\"},{\"localeName\":\"Deutsch\",\"locale\":\"de\"}]");
    TextTrack captions = new TextTrack("en", "English (live)", "captions", "upload");
    byte[] replacement = "WEBVTT\n\n00:00.000 --> 00:02.000\nHi\n".getBytes(StandardCharsets.UTF_8);

    assertThat(tracks.blockingPut(global, RID, captions, replacement)).isTrue();

    assertThat(presentation.resolve("caption_en.vtt")).hasBinaryContent(replacement);
    assertThat(tracks.blockingTracks(global, RID)).contains(List.of(
        captions, new TextTrack("de", "Deutsch", "subtitles", "upload")));
  }

  @Test
  void aCaptionsJsonThatIsASymbolicLinkIsNotRead() throws IOException {
    Path presentation = formatDirectory(root.resolve("published"), "presentation", RID, "p");
    Path elsewhere = Files.writeString(root.resolve("elsewhere.json"), "[{\"locale\":\"en\"}]");
    Files.createSymbolicLink(presentation.resolve("captions.json"), elsewhere);

    assertThatThrownBy(() -> tracks.blockingTracks(global, RID)).isInstanceOf(IOException.class);
  }

  @Test
  void anOversizedCaptionsJsonIsRefused() throws IOException {
    Path presentation = formatDirectory(root.resolve("published"), "presentation", RID, "p");
    Files.write(presentation.resolve("captions.json"), new byte[(1 << 20) + 1]);

    assertThatThrownBy(() -> tracks.blockingTracks(global, RID)).isInstanceOf(IOException.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void aTrackCannotNameAFileOutsideThePresentation() {
    assertThatThrownBy(() -> new TextTrack("../x", "x", "subtitles", "upload"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("locale");
  }
}
