package io.switchboard.recordings.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingPathTest {
  private static final Path ROOT = Path.of("/var/bigbluebutton/published");

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      presentation/rid/shapes.svg                     | presentation/rid/shapes.svg
      presentation/rid/                               | presentation/rid
      video/rid                                       | video/rid
      presentation/rid/presentation/abc/slide-1.png   | presentation/rid/presentation/abc/slide-1.png
      notes/rid/my%20notes.pdf                        | notes/rid/my notes.pdf
      notes/rid/a+b.pdf                               | notes/rid/a+b.pdf
      notes/rid/caf%C3%A9.pdf                         | notes/rid/café.pdf
      notes/rid/%25.pdf                               | notes/rid/%.pdf
      notes/rid/..pdf                                 | notes/rid/..pdf
      notes/rid/%252e%252e                            | notes/rid/%2e%2e
      ''                                              | ''
      """)
  void acceptablePathsAreDecodedExactlyOnceUnderTheRoot(String raw, String expected) {
    assertThat(RecordingPath.resolve(ROOT, raw)).contains(ROOT.resolve(expected));
  }

  @Test
  void rawUtf8BytesAsNettyReadsThemAreDecoded() {
    String latin1 = new String("café".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThat(RecordingPath.resolve(ROOT, "notes/rid/" + latin1)).contains(ROOT.resolve("notes/rid/café"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {
      "presentation/rid/../../secret",
      "presentation/rid/..",
      "../secret",
      "presentation/rid/./shapes.svg",
      "presentation/rid/%2e%2e/%2e%2e/secret",
      "presentation/rid/%2E%2E/secret",
      "presentation/rid/.%2e/secret",
      "presentation/rid/%2e",
      "presentation/rid/..%2Fsecret",
      "presentation/rid/..%2fsecret",
      "presentation/rid/%2Fetc%2Fpasswd",
      "presentation/rid/..%5Csecret",
      "presentation/rid/..\\secret",
      "presentation/rid/a\\b",
      "presentation/rid/shapes.svg%00.png",
      "presentation/rid/%00",
      "/etc/passwd",
      "//etc/passwd",
      "presentation//rid",
      "presentation/rid//shapes.svg",
      "presentation/rid/%",
      "presentation/rid/%2",
      "presentation/rid/%zz",
      "presentation/rid/%C3",
      "presentation/rid/%FF%FE",
  })
  void traversalAndSmugglingAreRefused(String raw) {
    assertThat(RecordingPath.resolve(ROOT, raw)).isEmpty();
  }

  @Test
  void wideCharactersThatNettyNeverProducesAreRefused() {
    assertThat(RecordingPath.resolve(ROOT, "notes/rid/\u2215etc")).isEmpty();
  }

  @Test
  void aSymlinkLeadingOutOfTheRootIsRefused(@TempDir Path temp) throws IOException {
    Path root = Files.createDirectories(temp.resolve("published"));
    Path secret = Files.writeString(temp.resolve("secret.txt"), "secret");
    Path recording = Files.createDirectories(root.resolve("presentation/rid"));
    Files.createSymbolicLink(recording.resolve("leak.txt"), secret);
    Files.createSymbolicLink(recording.resolve("up"), temp);

    assertThat(RecordingPath.blockingRealPath(root, RecordingPath.resolve(root, "presentation/rid/leak.txt")
        .orElseThrow())).isEmpty();
    assertThat(RecordingPath.blockingRealPath(root, RecordingPath.resolve(root, "presentation/rid/up/secret.txt")
        .orElseThrow())).isEmpty();
  }

  @Test
  void aSymlinkInsideTheRootAndASymlinkedRootAreFollowed(@TempDir Path temp) throws IOException {
    Path realRoot = Files.createDirectories(temp.resolve("nfs/published"));
    Path root = Files.createSymbolicLink(temp.resolve("published"), realRoot);
    Path target = Files.writeString(Files.createDirectories(realRoot.resolve("video/rid")).resolve("video-0.m4v"), "v");
    Files.createSymbolicLink(realRoot.resolve("video/rid/alias.m4v"), target);

    assertThat(RecordingPath.blockingRealPath(root, RecordingPath.resolve(root, "video/rid/alias.m4v").orElseThrow()))
        .contains(target.toRealPath());
  }

  @Test
  void aMissingFileIsAnIoFailure(@TempDir Path temp) {
    assertThatThrownBy(() -> RecordingPath.blockingRealPath(temp, temp.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
