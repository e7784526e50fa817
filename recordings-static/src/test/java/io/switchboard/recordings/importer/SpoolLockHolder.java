package io.switchboard.recordings.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Another process for {@link SpoolLockTest}: takes the spool lock of {@code args[0]}, creates {@code args[1]} to say
 * so, holds the lock until its standard input closes, then releases it. Exits with 3 when the lock was taken already.
 */
public final class SpoolLockHolder {
  private SpoolLockHolder() {}

  public static void main(String[] args) throws IOException {
    Optional<SpoolLock> lock = SpoolLock.tryAcquire(Path.of(args[0]));
    if (lock.isEmpty()) {
      System.exit(3);
    }
    try (SpoolLock held = lock.get()) {
      Files.createFile(Path.of(args[1]));
      System.in.readAllBytes();
    }
  }
}
