package io.switchboard.recordings.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir
  Path root;

  private Path tree(String path, String file, String content) throws IOException {
    Path dir = Files.createDirectories(root.resolve(path));
    Files.writeString(dir.resolve(file), content);
    return dir;
  }

  @Test
  void installReplacesTheTargetAndTheCopyInTheOtherTree() throws IOException {
    Path source = tree("work/import-1/presentation/r-1", "new.txt", "new");
    Path target = tree("published/presentation/r-1", "old.txt", "old");
    Path other = tree("unpublished/presentation/r-1", "older.txt", "older");

    FileTrees.install(source, target, other);

    assertThat(target.resolve("new.txt")).hasContent("new");
    assertThat(target.resolve("old.txt")).doesNotExist();
    assertThat(other).doesNotExist();
    assertThat(source).doesNotExist();
    try (Stream<Path> siblings = Files.list(target.getParent())) {
      assertThat(siblings).containsExactly(target);
    }
  }

  @Test
  void installCreatesTheFormatDirectory() throws IOException {
    Path source = tree("work/import-1/video/r-1", "video-0.m4v", "m4v");
    Path target = root.resolve("published/video/r-1");

    FileTrees.install(source, target, root.resolve("unpublished/video/r-1"));

    assertThat(target.resolve("video-0.m4v")).hasContent("m4v");
  }

  @Test
  void aFailedInstallLeavesTheOldCopiesInPlace() throws IOException {
    Path target = tree("published/presentation/r-1", "old.txt", "old");

    assertThatIOException().isThrownBy(
        () -> FileTrees.install(root.resolve("work/missing"), target, root.resolve("unpublished/presentation/r-1")));

    assertThat(target.resolve("old.txt")).hasContent("old");
    try (Stream<Path> siblings = Files.list(target.getParent())) {
      assertThat(siblings).containsExactly(target);
    }
  }

  @Test
  void deleteNeverFollowsALinkOutOfTheTree() throws IOException {
    Path outside = tree("outside", "keep.txt", "keep");
    Path recording = tree("published/presentation/r-1", "file.txt", "x");
    Files.createSymbolicLink(recording.resolve("link"), outside);

    FileTrees.delete(recording);

    assertThat(recording).doesNotExist();
    assertThat(outside.resolve("keep.txt")).hasContent("keep");
  }

  @Test
  void deleteOfAMissingPathIsNoError() throws IOException {
    FileTrees.delete(root.resolve("absent"));

    assertThat(root).isEmptyDirectory();
  }
}
