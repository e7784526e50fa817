package io.switchboard.recordings.files;

import static io.switchboard.recordings.files.RecordingFixtures.formatDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingFilesTest {
  private static final String RID = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";

  @TempDir Path root;
  private RecordingFiles files;
  private Path published;
  private Path unpublished;
  private Placement global;

  @BeforeEach
  void setUp() {
    files = new RecordingFiles(RecordingFixtures.config(root));
    published = root.resolve("published");
    unpublished = root.resolve("unpublished");
    global = Placement.of(new RecordingTrees(published, unpublished));
  }

  @Test
  void publishMovesEveryFormatDirectoryIntoThePublishedTree() throws IOException {
    formatDirectory(unpublished, "presentation", RID, "p");
    formatDirectory(unpublished, "video", RID, "v");

    files.blockingPublish(global, RID, true);

    assertThat(published.resolve("presentation").resolve(RID).resolve("metadata.xml")).hasContent("p");
    assertThat(published.resolve("video").resolve(RID).resolve("metadata.xml")).hasContent("v");
    assertThat(unpublished.resolve("presentation").resolve(RID)).doesNotExist();
    assertThat(unpublished.resolve("video").resolve(RID)).doesNotExist();
  }

  @Test
  void unpublishMovesEveryFormatDirectoryIntoTheUnpublishedTree() throws IOException {
    formatDirectory(published, "presentation", RID, "p");
    formatDirectory(published, "podcast", RID, "a");

    files.blockingPublish(global, RID, false);

    assertThat(unpublished.resolve("presentation").resolve(RID).resolve("metadata.xml")).hasContent("p");
    assertThat(unpublished.resolve("podcast").resolve(RID).resolve("metadata.xml")).hasContent("a");
    assertThat(published.resolve("presentation").resolve(RID)).doesNotExist();
    assertThat(published.resolve("podcast").resolve(RID)).doesNotExist();
  }

  @Test
  void publishLeavesAFormatAlreadyInTheTargetTreeAlone() throws IOException {
    formatDirectory(published, "presentation", RID, "already");
    formatDirectory(unpublished, "video", RID, "v");

    files.blockingPublish(global, RID, true);

    assertThat(published.resolve("presentation").resolve(RID).resolve("metadata.xml")).hasContent("already");
    assertThat(published.resolve("video").resolve(RID).resolve("metadata.xml")).hasContent("v");
  }

  @Test
  void publishDeletesTheCurrentCopyWhenBothTreesHoldTheFormat() throws IOException {
    formatDirectory(published, "presentation", RID, "target copy");
    formatDirectory(unpublished, "presentation", RID, "current copy");

    files.blockingPublish(global, RID, true);

    assertThat(published.resolve("presentation").resolve(RID).resolve("metadata.xml")).hasContent("target copy");
    assertThat(unpublished.resolve("presentation").resolve(RID)).doesNotExist();
  }

  @Test
  void publishFailsWhenNeitherTreeHoldsTheRecording() throws IOException {
    formatDirectory(published, "presentation", "other-1", "x");

    assertThatThrownBy(() -> files.blockingPublish(global, RID, true)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(RID);
    assertThatThrownBy(() -> files.blockingPublish(global, RID, false)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void publishFailsWhenTheTreesDoNotExist() {
    assertThatThrownBy(() -> files.blockingPublish(global, RID, true)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void deleteRemovesTheRecordingFromBothTreesAndNothingElse() throws IOException {
    formatDirectory(published, "presentation", RID, "p");
    formatDirectory(unpublished, "video", RID, "v");
    formatDirectory(published, "presentation", "other-1", "keep");
    formatDirectory(unpublished, "video", "other-1", "keep");

    files.blockingDelete(global, RID);

    assertThat(published.resolve("presentation").resolve(RID)).doesNotExist();
    assertThat(unpublished.resolve("video").resolve(RID)).doesNotExist();
    assertThat(published.resolve("presentation").resolve("other-1").resolve("metadata.xml")).hasContent("keep");
    assertThat(unpublished.resolve("video").resolve("other-1").resolve("metadata.xml")).hasContent("keep");
  }

  @Test
  void deleteOfARecordingWithoutFilesSucceeds() throws IOException {
    files.blockingDelete(global, RID);
    Files.createDirectories(published.resolve("presentation"));
    files.blockingDelete(global, RID);

    assertThat(published.resolve("presentation")).isEmptyDirectory();
  }

  @Test
  void deleteRemovesSymbolicLinksWithoutTouchingTheirTargets() throws IOException {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.writeString(outside.resolve("precious.txt"), "keep me");
    Path presentation = formatDirectory(published, "presentation", RID, "p");
    Files.createSymbolicLink(presentation.resolve("escape"), outside);
    Files.createSymbolicLink(presentation.resolve("file-link"), outside.resolve("precious.txt"));
    Files.createDirectories(unpublished.resolve("video"));
    Files.createSymbolicLink(unpublished.resolve("video").resolve(RID), outside);

    files.blockingDelete(global, RID);

    assertThat(presentation).doesNotExist();
    assertThat(unpublished.resolve("video").resolve(RID)).doesNotExist();
    assertThat(outside.resolve("precious.txt")).hasContent("keep me");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "..", ".", "../published", "a/b", "a\\b", "a b", "rid\u0000", "/etc", "r%2e%2e", "ä"})
  void recordIdsOutsideBbbsAlphabetAreRefusedBeforeTouchingTheDisk(String recordId) throws IOException {
    Path presentation = formatDirectory(published, "presentation", "keep-1", "keep");

    assertThatThrownBy(() -> files.blockingDelete(global, recordId)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recordId");
    assertThatThrownBy(() -> files.blockingPublish(global, recordId, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> files.blockingFormatDirectory(global, recordId, "presentation"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(presentation.resolve("metadata.xml")).hasContent("keep");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "..", "a/b", "presentation/.."})
  void formatNamesThatAreNotPlainWordsAreRefused(String format) {
    assertThatThrownBy(() -> files.blockingFormatDirectory(global, RID, format))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format");
  }

  @Test
  void formatDirectoryPrefersThePublishedCopyThenTheUnpublishedOne() throws IOException {
    assertThat(files.blockingFormatDirectory(global, RID, "presentation")).isEmpty();

    Path hidden = formatDirectory(unpublished, "presentation", RID, "u");
    assertThat(files.blockingFormatDirectory(global, RID, "presentation")).contains(hidden);

    Path shown = formatDirectory(published, "presentation", RID, "p");
    assertThat(files.blockingFormatDirectory(global, RID, "presentation")).contains(shown);
  }

  @Test
  void aSymbolicLinkIsNotAFormatDirectory() throws IOException {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.createDirectories(published.resolve("presentation"));
    Files.createSymbolicLink(published.resolve("presentation").resolve(RID), outside);

    assertThat(files.blockingFormatDirectory(global, RID, "presentation")).isEmpty();
  }

  @Test
  void theTreesComeFromTheConfiguration() {
    assertThat(files.publishDir()).isEqualTo(published.toAbsolutePath().normalize());
    assertThat(files.unpublishDir()).isEqualTo(unpublished.toAbsolutePath().normalize());
  }

  @Test
  void aCopyAcrossFileSystemsKeepsLinksAsLinksAndRemovesTheSource() throws IOException {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Path from = formatDirectory(unpublished, "presentation", RID, "p");
    Files.createDirectories(from.resolve("slides"));
    Files.writeString(from.resolve("slides").resolve("slide-1.svg"), "<svg/>");
    Files.createSymbolicLink(from.resolve("link"), outside);
    Path to = Files.createDirectories(published.resolve("presentation")).resolve(RID);

    Trees.copyThenDelete(from, to);

    assertThat(from).doesNotExist();
    assertThat(to.resolve("metadata.xml")).hasContent("p");
    assertThat(to.resolve("slides").resolve("slide-1.svg")).hasContent("<svg/>");
    assertThat(Files.isSymbolicLink(to.resolve("link"))).isTrue();
    assertThat(Files.readSymbolicLink(to.resolve("link"))).isEqualTo(outside);
    assertThat(outside).exists();
  }

  @Test
  void aCopyNeverOverwritesAnExistingTarget() throws IOException {
    Path from = formatDirectory(unpublished, "presentation", RID, "p");
    Path to = formatDirectory(published, "presentation", RID, "in the way");

    assertThatThrownBy(() -> Trees.copyThenDelete(from, to)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(from.resolve("metadata.xml")).hasContent("p");
    assertThat(to.resolve("metadata.xml")).hasContent("in the way");
  }
}
