package io.switchboard.proxy.health;

import io.switchboard.storage.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Whether this instance should be sent traffic ({@code GET /readyz}), and the switch a graceful shutdown turns.
 * Ready means: the configuration was loaded and validated (a {@code Readiness} exists only for a running server, built
 * from it), the stores answer their {@link Stores#check() check} within {@link #TIMEOUT}, and — when recordings are
 * enabled — the published recordings directory exists and is readable, i.e. the shared volume is mounted. Once
 * {@link #startDraining()} is called the answer is {@link #DRAINING} for good, so a load balancer stops sending new
 * requests while those under way are answered.
 *
 * <p>Checks never block the calling event loop: the stores answer asynchronously, and the directory is looked at on
 * the blocking executor, one look at a time (a hung NFS mount must not pile up probes on the pool).
 */
public final class Readiness {
  /** How long the stores and the directory have to answer; below the probes' own timeouts in deploy/. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** The reason given once shutdown started. */
  public static final String DRAINING = "draining";

  private final Stores stores;
  private final @Nullable Path publishDir;
  private final Executor blocking;
  private final AtomicReference<@Nullable CompletableFuture<Void>> directoryLook = new AtomicReference<>();
  private volatile boolean draining;

  /**
   * @param publishDir the published recordings tree that must be mounted, or null when recordings are disabled
   * @param blocking where the directory is looked at (file-system calls may block on a network mount)
   */
  public Readiness(Stores stores, @Nullable Path publishDir, Executor blocking) {
    this.stores = stores;
    this.publishDir = publishDir;
    this.blocking = blocking;
  }

  /** From now on {@link #check()} answers {@link #DRAINING}. */
  public void startDraining() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  /** Empty when ready, else the one-line reason; {@link #DRAINING} once shutdown started. Never fails. */
  public CompletableFuture<Optional<String>> check() {
    if (draining) {
      return CompletableFuture.completedFuture(Optional.of(DRAINING));
    }
    CompletableFuture<Optional<String>> storesReason = storesHealth();
    CompletableFuture<Optional<String>> directoryReason = publishDir == null
        ? CompletableFuture.completedFuture(Optional.empty())
        : Checks.reason(directory(publishDir), TIMEOUT, "recordings directory " + publishDir);
    return storesReason.thenCombine(directoryReason, (stores, directory) -> stores.or(() -> directory))
        .thenApply(reason -> draining ? Optional.of(DRAINING) : reason);
  }

  /** Empty when the stores answered their check within {@link #TIMEOUT}, else why not. Never fails. */
  public CompletableFuture<Optional<String>> storesHealth() {
    CompletableFuture<Void> checked;
    try {
      checked = stores.check().toCompletableFuture();
    } catch (RuntimeException closed) {
      checked = CompletableFuture.failedFuture(closed);
    }
    return Checks.reason(checked, TIMEOUT, "stores");
  }

  /** A look at the directory, or the one still under way: completes normally when it is a readable directory. */
  private CompletableFuture<Void> directory(Path dir) {
    CompletableFuture<Void> current = directoryLook.get();
    if (current != null && !current.isDone()) {
      return current;
    }
    CompletableFuture<Void> look = new CompletableFuture<>();
    if (!directoryLook.compareAndSet(current, look)) {
      return Objects.requireNonNull(directoryLook.get(), "directoryLook");
    }
    try {
      blocking.execute(() -> blockingLook(dir).ifPresentOrElse(
          reason -> look.completeExceptionally(new IllegalStateException(reason)), () -> look.complete(null)));
    } catch (RejectedExecutionException busy) {
      look.completeExceptionally(new IllegalStateException("cannot be looked at: the blocking pool is full or stopped"));
    }
    return look;
  }

  private static Optional<String> blockingLook(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.of("is missing (is the recordings volume mounted?)");
    }
    if (!Files.isReadable(dir)) {
      return Optional.of("is not readable by this user");
    }
    return Optional.empty();
  }
}
