package io.switchboard.recordings.files;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.RecordingsConfig;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The published and unpublished recording trees, {@code <tree>/<format>/<recordId>/…} (spec §9.3, §9.5, §9.9):
 * publishRecordings moves a recording's format directories from one tree to the other and deleteRecordings removes
 * them from both (Scalelite leaves the unpublished copy behind). Every method touches the disk and is named
 * {@code blocking*}: callers run it on a blocking executor, never on an event loop. A record id must consist of
 * letters, digits and {@code -} (BBB's alphabet), so no argument can name a path outside the trees, deletion never
 * follows a symbolic link, and calls on one recording run one after the other.
 */
public final class RecordingFiles {
  private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9-]+");
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]+");

  private final Path publishDir;
  private final Path unpublishDir;
  private final RecordLocks locks = new RecordLocks();

  public RecordingFiles(RecordingsConfig config) {
    requireNonNull(config, "config");
    this.publishDir = config.publishDir();
    this.unpublishDir = config.unpublishDir();
  }

  public Path publishDir() {
    return publishDir;
  }

  public Path unpublishDir() {
    return unpublishDir;
  }

  /**
   * Moves every {@code <format>/<recordId>} directory into the published ({@code publish}) or the unpublished tree
   * (spec §9.3): a format already only in the target is left alone, one in both trees loses its copy in the other
   * tree, one only in the other tree is moved ({@code <target>/<format>} created as needed).
   *
   * @throws NoSuchFileException when neither tree holds a directory of the recording
   * @throws IllegalArgumentException when {@code recordId} is not a BBB record id
   */
  public void blockingPublish(String recordId, boolean publish) throws IOException {
    checkRecordId(recordId);
    Path target = publish ? publishDir : unpublishDir;
    Path current = publish ? unpublishDir : publishDir;
    synchronized (locks.of(recordId)) {
      SortedSet<String> formats = formatsHolding(recordId);
      if (formats.isEmpty()) {
        throw new NoSuchFileException(recordId, null,
            "no <format>/" + recordId + " directory in " + publishDir + " or " + unpublishDir);
      }
      for (String format : formats) {
        Path from = current.resolve(format).resolve(recordId);
        Path to = target.resolve(format).resolve(recordId);
        boolean inCurrent = Files.exists(from, LinkOption.NOFOLLOW_LINKS);
        boolean inTarget = Files.exists(to, LinkOption.NOFOLLOW_LINKS);
        if (inCurrent && inTarget) {
          Trees.delete(from);
        } else if (inCurrent) {
          Files.createDirectories(to.getParent());
          Trees.move(from, to);
        }
      }
    }
  }

  /**
   * Removes every {@code <format>/<recordId>} directory of both trees (spec §9.5); nothing to remove is no error.
   *
   * @throws IllegalArgumentException when {@code recordId} is not a BBB record id
   */
  public void blockingDelete(String recordId) throws IOException {
    checkRecordId(recordId);
    synchronized (locks.of(recordId)) {
      for (Path tree : List.of(publishDir, unpublishDir)) {
        for (String format : formatDirectories(tree)) {
          Path directory = tree.resolve(format).resolve(recordId);
          if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Trees.delete(directory);
          }
        }
      }
    }
  }

  /**
   * The directory of one format of the recording: the published copy if there is one, else the unpublished one;
   * empty when neither exists as a real directory (a symbolic link does not count).
   *
   * @throws IllegalArgumentException when {@code recordId} is not a BBB record id or {@code format} not a format name
   */
  public Optional<Path> blockingFormatDirectory(String recordId, String format) {
    checkRecordId(recordId);
    if (!FORMAT.matcher(requireNonNull(format, "format")).matches()) {
      throw new IllegalArgumentException("format: '" + format + "' (expected: letters, digits, '-' and '_')");
    }
    for (Path tree : List.of(publishDir, unpublishDir)) {
      Path directory = tree.resolve(format).resolve(recordId);
      if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(directory);
      }
    }
    return Optional.empty();
  }

  /** Disk work on one recording that must not interleave with a publish, a delete or another such work. */
  @FunctionalInterface
  public interface BlockingWork {
    void run() throws IOException;
  }

  /**
   * Runs {@code work} under the recording's lock, so an importer replacing a recording's directories and an API call
   * moving or deleting them take turns.
   */
  public void blockingLocked(String recordId, BlockingWork work) throws IOException {
    synchronized (locks.of(recordId)) {
      work.run();
    }
  }

  /** The lock that serializes the disk work on one recording, for the other classes of this package. */
  Object lockOf(String recordId) {
    return locks.of(recordId);
  }

  static void checkRecordId(String recordId) {
    if (!RECORD_ID.matcher(requireNonNull(recordId, "recordId")).matches()) {
      throw new IllegalArgumentException(
          "recordId: '" + recordId + "' (expected: a record id of letters, digits and '-')");
    }
  }

  private SortedSet<String> formatsHolding(String recordId) throws IOException {
    SortedSet<String> formats = new TreeSet<>();
    for (Path tree : List.of(publishDir, unpublishDir)) {
      for (String format : formatDirectories(tree)) {
        if (Files.exists(tree.resolve(format).resolve(recordId), LinkOption.NOFOLLOW_LINKS)) {
          formats.add(format);
        }
      }
    }
    return formats;
  }

  /** The names of the format directories of {@code tree}; none when the tree does not exist yet. */
  private static SortedSet<String> formatDirectories(Path tree) throws IOException {
    SortedSet<String> formats = new TreeSet<>();
    // A format directory may be a link (operators mount formats separately); nothing below it is ever followed.
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tree, Files::isDirectory)) {
      for (Path entry : entries) {
        formats.add(entry.getFileName().toString());
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return formats;
    }
    return formats;
  }
}
