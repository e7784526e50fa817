package io.switchboard.proxy.health;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounds and phrasing shared by the checks: a check answers with the reason it failed, or empty when it passed. */
final class Checks {
  private Checks() {}

  /**
   * {@code check} turned into a reason: empty when it completed normally within {@code timeout}, else {@code what} and
   * why. The stage returned completes on whatever thread completed {@code check}, or on the JDK's delayer thread at the
   * timeout; it never fails.
   */
  static CompletableFuture<Optional<String>> reason(CompletionStage<?> check, Duration timeout, String what) {
    return check.toCompletableFuture().copy()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((ignored, failure) -> failure == null ? Optional.<String>empty() : Optional.of(describe(failure, timeout,
            what)));
  }

  private static String describe(Throwable failure, Duration timeout, String what) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      return what + " did not answer within " + timeout.toMillis() + " ms";
    }
    String message = cause.getMessage();
    return oneLine(what + ": " + (message == null || message.isBlank() ? cause.getClass().getSimpleName() : message));
  }

  /** Health answers are one line: a multi-line driver message would break monitors that read the first line. */
  static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
