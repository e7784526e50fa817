package io.switchboard.proxy.health;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Whether the process still works ({@code GET /livez}): every event loop runs a task within {@link #TIMEOUT}. A loop
 * stuck in a blocking call or an endless loop fails it, and an orchestrator then restarts the process. The stores and
 * the recordings volume are deliberately not part of it: restarting Switchboard does not bring Redis back, and a
 * restart loop while Redis is down would only add load.
 */
public final class Liveness {
  /** How long every loop has to run the probe's task. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final EventExecutorGroup loops;

  public Liveness(EventExecutorGroup loops) {
    this.loops = loops;
  }

  /** Empty when every loop answered in time, else which did not. Never blocks the calling thread. */
  public CompletableFuture<Optional<String>> check() {
    List<CompletableFuture<Optional<String>>> answers = new ArrayList<>();
    int index = 0;
    for (EventExecutor loop : loops) {
      answers.add(Checks.reason(ran(loop), TIMEOUT, "event loop " + index++));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> answers.stream().map(CompletableFuture::join).flatMap(Optional::stream).findFirst());
  }

  private static CompletableFuture<Void> ran(EventExecutor loop) {
    CompletableFuture<Void> ran = new CompletableFuture<>();
    try {
      loop.execute(() -> ran.complete(null));
    } catch (RejectedExecutionException stopped) {
      ran.completeExceptionally(new IllegalStateException("stopped"));
    }
    return ran;
  }
}
