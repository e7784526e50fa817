package io.switchboard.recordings.importer;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directory-tree operations of the importer: recursive delete and move that never follow symbolic links, and the
 * near-atomic replacement of a recording's {@code <format>/<recordId>} directory, so a reader of the trees sees the
 * old copy or the new one and never half of one.
 */
final class FileTrees {
  private static final Logger LOG = LoggerFactory.getLogger(FileTrees.class);

  private FileTrees() {}

  /**
   * Puts {@code source} at {@code target}, replacing the directory there and any of {@code otherCopies} (the same
   * format and recording in the other tree): the new copy is first moved to a hidden name beside the target, the old
   * copies are renamed away, the new one renamed into place, and only then are the old ones deleted. When a step
   * fails, the old copies are put back and the exception thrown.
   */
  static void install(Path source, Path target, Path... otherCopies) throws IOException {
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path staged = parent.resolve(".import-" + target.getFileName() + "-" + UUID.randomUUID());
    Map<Path, Path> trashed = new LinkedHashMap<>();
    boolean installed = false;
    try {
      move(source, staged);
      for (Path old : concat(target, otherCopies)) {
        if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
          Path away = old.resolveSibling(".trash-" + old.getFileName() + "-" + UUID.randomUUID());
          Files.move(old, away, StandardCopyOption.ATOMIC_MOVE);
          trashed.put(old, away);
        }
      }
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      installed = true;
    } catch (IOException e) {
      trashed.forEach((old, away) -> {
        try {
          Files.move(away, old, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException restoreFailed) {
          e.addSuppressed(restoreFailed);
        }
      });
      throw e;
    } finally {
      deleteQuietly(staged);
      if (installed) {
        trashed.values().forEach(FileTrees::deleteQuietly);
      }
    }
  }

  /** Moves a directory tree: a rename when source and target share a file system, else a copy and a delete. */
  static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException crossDevice) {
      copy(source, target);
      delete(source);
    }
  }

  /** Deletes {@code path} and everything below it, without following links; nothing happens when it is missing. */
  static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** {@link #delete} that logs instead of throwing, for clean-ups on paths that already failed. */
  static void deleteQuietly(Path path) {
    try {
      delete(path);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", path, e.toString());
    }
  }

  private static void copy(Path source, Path target) throws IOException {
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
        Files.createDirectories(target.resolve(source.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (!attributes.isRegularFile()) {
          throw new IOException("not a regular file: " + file);
        }
        Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
            LinkOption.NOFOLLOW_LINKS);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static List<Path> concat(Path first, Path... rest) {
    List<Path> all = new ArrayList<>(rest.length + 1);
    all.add(first);
    all.addAll(List.of(rest));
    return all;
  }
}
