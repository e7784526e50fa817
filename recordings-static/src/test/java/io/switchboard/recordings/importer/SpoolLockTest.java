package io.switchboard.recordings.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolLockTest {
  @TempDir
  Path spool;

  @Test
  void oneHolderAtATimeWithinTheProcess() throws IOException {
    Optional<SpoolLock> first = SpoolLock.tryAcquire(spool);
    assertThat(first).isPresent();

    assertThat(SpoolLock.tryAcquire(spool)).isEmpty();
    first.get().close();

    Optional<SpoolLock> again = SpoolLock.tryAcquire(spool);
    assertThat(again).isPresent();
    again.get().close();
    assertThat(spool.resolve(SpoolLock.FILE_NAME)).exists();
  }

  @Test
  void locksOfDifferentSpoolsAreIndependent(@TempDir Path otherSpool) throws IOException {
    try (SpoolLock one = SpoolLock.tryAcquire(spool).orElseThrow();
         SpoolLock other = SpoolLock.tryAcquire(otherSpool).orElseThrow()) {
      assertThat(List.of(one, other)).doesNotContainNull();
    }
  }

  @Test
  void anotherProcessHoldingTheLockKeepsThisOneOut() throws Exception {
    Path ready = spool.resolve("holder-ready");
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SpoolLockHolder.class.getName(), spool.toString(), ready.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(ready) && holder.isAlive() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      assertThat(ready).as("the other process took the lock").exists();

      assertThat(SpoolLock.tryAcquire(spool)).isEmpty();

      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(holder.exitValue()).isZero();
      try (SpoolLock mine = SpoolLock.tryAcquire(spool).orElseThrow()) {
        assertThat(mine).isNotNull();
      }
    } finally {
      holder.destroyForcibly();
    }
  }
}
