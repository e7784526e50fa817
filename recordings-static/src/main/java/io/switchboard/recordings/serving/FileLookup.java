package io.switchboard.recordings.serving;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a file request finds on disk under one root: nothing servable, a directory asked for without its trailing
 * slash, or a regular file with its stat, the answer its validators lead to, and — when bytes must be sent — the file
 * already open. {@link #blockingLookup} does the stat and open calls; it runs on the blocking executor only.
 */
sealed interface FileLookup permits FileLookup.Missing, FileLookup.AddSlash, FileLookup.Found {
  Missing MISSING = new Missing();
  AddSlash ADD_SLASH = new AddSlash();
  String INDEX = "index.html";

  /** No regular file inside the root at that path (or a path that is refused): 404. */
  record Missing() implements FileLookup {}

  /** A directory named without its trailing slash: redirect, as NGINX does, so relative links in its index work. */
  record AddSlash() implements FileLookup {}

  /**
   * A regular file inside the root.
   *
   * @param file its real path (symlinks resolved, inside the root)
   * @param body the open file when the answer carries bytes (200/206 to a GET of a non-empty file), else null; the
   *     receiver owns it and must close it on every path
   */
  record Found(Path file, FileStat stat, FilePlan plan, @Nullable FileChannel body) implements FileLookup {
    public Found {
      requireNonNull(file, "file");
      requireNonNull(stat, "stat");
      requireNonNull(plan, "plan");
    }
  }

  /**
   * Finds {@code rawPath} (see {@link RecordingPath#resolve}) under {@code root}: a directory stands for its
   * {@code index.html}; the file is opened when {@code wantBody} and the plan sends at least one byte. Every refusal
   * and I/O failure is {@link #MISSING}, so nothing about the disk leaks into answers.
   */
  static FileLookup blockingLookup(Path root, String rawPath, ConditionalRequest conditions, boolean wantBody) {
    Optional<Path> candidate = RecordingPath.resolve(root, rawPath);
    if (candidate.isEmpty()) {
      return MISSING;
    }
    try {
      Optional<Path> real = RecordingPath.blockingRealPath(root, candidate.get());
      if (real.isEmpty()) {
        return MISSING;
      }
      Path file = real.get();
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isDirectory()) {
        if (!rawPath.isEmpty() && !rawPath.endsWith("/")) {
          return ADD_SLASH;
        }
        Optional<Path> index = RecordingPath.blockingRealPath(root, file.resolve(INDEX));
        if (index.isEmpty()) {
          return MISSING;
        }
        file = index.get();
        attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      }
      if (!attributes.isRegularFile()) {
        return MISSING;
      }
      FileStat stat = new FileStat(attributes.size(), attributes.lastModifiedTime().toMillis());
      FilePlan plan = conditions.plan(stat);
      boolean sendsBytes = plan instanceof FilePlan.Partial || (plan instanceof FilePlan.Whole && stat.size() > 0);
      // NOFOLLOW_LINKS: the real path has no symlink left; refuse one swapped in since the check.
      @Nullable FileChannel body = wantBody && sendsBytes
          ? FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)
          : null;
      return new Found(file, stat, plan, body);
    } catch (IOException e) {
      return MISSING;
    }
  }

  /** Closes the open file, if any; for answers that are abandoned (the connection closed meanwhile). */
  default void discard() {
    if (this instanceof Found found && found.body() != null) {
      try {
        found.body().close();
      } catch (IOException ignored) {
        // Nothing was read; a failing close of a read-only file loses nothing.
      }
    }
  }
}
