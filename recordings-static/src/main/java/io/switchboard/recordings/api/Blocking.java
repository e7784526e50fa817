package io.switchboard.recordings.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** Runs disk work on the blocking executor, so no caller (an event loop above all) ever waits for a disk. */
final class Blocking {
  /** A piece of disk work. */
  interface Work<T> {
    T run() throws IOException;
  }

  private final Executor executor;

  Blocking(Executor executor) {
    this.executor = executor;
  }

  /** The work's result, or its {@link IOException} wrapped in an {@link UncheckedIOException}. */
  <T> CompletionStage<T> run(Work<T> work) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return work.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, executor);
  }
}
