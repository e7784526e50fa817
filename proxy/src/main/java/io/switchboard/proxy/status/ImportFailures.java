package io.switchboard.proxy.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The importer's recent failures, read from the {@code <tarball>.reason} files it leaves in the failed directory (each
 * {@code <instant> <reason>}), newest first. Reads the disk, so callers run it off the event loop.
 */
final class ImportFailures {
  private static final int MAX_REASON_BYTES = 4096;

  private final Optional<Path> failedDir;
  private final int limit;

  /** @param failedDir the importer's failed directory, or empty when recordings are disabled */
  ImportFailures(Optional<Path> failedDir, int limit) {
    this.failedDir = failedDir;
    this.limit = limit;
  }

  /** One tarball the importer gave up on. */
  record Failure(String tarball, Instant failedAt, String reason) {}

  /** The newest failures, at most {@code limit}; none when the directory does not exist. */
  List<Failure> recent() throws IOException {
    if (failedDir.isEmpty() || !Files.isDirectory(failedDir.get())) {
      return List.of();
    }
    List<Failure> failures = new ArrayList<>();
    try (DirectoryStream<Path> reasons = Files.newDirectoryStream(failedDir.get(), "*.reason")) {
      for (Path file : reasons) {
        if (Files.isRegularFile(file) && Files.size(file) <= MAX_REASON_BYTES) {
          failures.add(parse(file));
        }
      }
    }
    failures.sort(Comparator.comparing(Failure::failedAt).reversed().thenComparing(Failure::tarball));
    return failures.size() > limit ? List.copyOf(failures.subList(0, limit)) : List.copyOf(failures);
  }

  private static Failure parse(Path file) throws IOException {
    String name = file.getFileName().toString();
    String tarball = name.substring(0, name.length() - ".reason".length());
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    int space = text.indexOf(' ');
    if (space > 0) {
      try {
        return new Failure(tarball, Instant.parse(text.substring(0, space)), text.substring(space + 1).strip());
      } catch (DateTimeParseException notWrittenByTheImporter) {
        // Fall through: the whole text is the reason, dated by the file.
      }
    }
    return new Failure(tarball, Files.getLastModifiedTime(file).toInstant(), text);
  }
}
