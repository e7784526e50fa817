package io.switchboard.recordings.serving;

/** Runs every task at once on the caller's thread, so handler tests on an EmbeddedChannel stay synchronous. */
final class DirectExecutorService extends TestExecutorService {
  @Override
  public void execute(Runnable command) {
    command.run();
  }
}
