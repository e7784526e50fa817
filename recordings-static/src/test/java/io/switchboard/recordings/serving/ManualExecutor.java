package io.switchboard.recordings.serving;

import java.util.ArrayDeque;

/** Holds blocking tasks until the test runs them, so a test can act between a request and its disk answer. */
final class ManualExecutor extends TestExecutorService {
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public void execute(Runnable command) {
    tasks.add(command);
  }

  void runAll() {
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      task.run();
    }
  }
}
