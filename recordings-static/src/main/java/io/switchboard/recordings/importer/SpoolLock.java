package io.switchboard.recordings.importer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The lock that lets one importer at a time work on a spool directory, across processes and within one: an OS file
 * lock on {@code <spool>/.switchboard-import.lock}, plus a set of the lock files this JVM holds. The set is checked
 * first because POSIX drops every lock a process holds on a file when any descriptor of that file closes, so a second
 * importer in the same JVM must not even open the file while the first holds the lock.
 */
final class SpoolLock implements AutoCloseable {
  static final String FILE_NAME = ".switchboard-import.lock";

  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private SpoolLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock on {@code spoolDir}, or empty when another importer (in this process or another) holds it. */
  static Optional<SpoolLock> tryAcquire(Path spoolDir) throws IOException {
    Path file = spoolDir.resolve(FILE_NAME).toAbsolutePath().normalize();
    if (!HELD_IN_THIS_JVM.add(file)) {
      return Optional.empty();
    }
    @Nullable FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new SpoolLock(file, channel, lock));
      }
    } catch (OverlappingFileLockException impossible) {
      // Only this class locks the file, and the set above admits one holder per JVM; treat it as held elsewhere.
    } catch (IOException | RuntimeException e) {
      closeAndForget(file, channel);
      throw e;
    }
    closeAndForget(file, channel);
    return Optional.empty();
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      closeAndForget(file, channel);
    }
  }

  private static void closeAndForget(Path file, @Nullable FileChannel channel) throws IOException {
    try {
      if (channel != null) {
        channel.close();
      }
    } finally {
      HELD_IN_THIS_JVM.remove(file);
    }
  }
}
