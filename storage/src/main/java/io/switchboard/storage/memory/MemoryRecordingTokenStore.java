package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.RecordingTokenStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory {@link RecordingTokenStore}: token → grant and expiry by the clock. {@link #consume} removes the token
 * whatever its age, so an expired token is gone once presented; tokens never presented are swept by the first
 * {@link #put} after each {@link #SWEEP_INTERVAL}, which bounds the map by the tokens handed out in one interval plus
 * one timeout.
 */
final class MemoryRecordingTokenStore implements RecordingTokenStore {
  static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> tokens = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> nextSweep;

  MemoryRecordingTokenStore(Clock clock) {
    this.clock = clock;
    this.nextSweep = new AtomicReference<>(clock.instant().plus(SWEEP_INTERVAL));
  }

  @Override
  public CompletionStage<Void> put(String token, Grant grant, Duration timeToLive) {
    requireNonNull(token, "token");
    requireNonNull(grant, "grant");
    requireNonNull(timeToLive, "timeToLive");
    if (timeToLive.isNegative() || timeToLive.isZero()) {
      throw new IllegalArgumentException("timeToLive: " + timeToLive + " (expected: > 0)");
    }
    Instant now = clock.instant();
    sweepIfDue(now);
    tokens.put(token, new Entry(grant, plus(now, timeToLive)));
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletionStage<Optional<Grant>> consume(String token) {
    requireNonNull(token, "token");
    Entry entry = tokens.remove(token);
    boolean valid = entry != null && !entry.expiredAt(clock.instant());
    return CompletableFuture.completedStage(valid ? Optional.of(entry.grant()) : Optional.empty());
  }

  /** How many tokens are held, expired ones not yet swept included (for tests). */
  int size() {
    return tokens.size();
  }

  private void sweepIfDue(Instant now) {
    Instant due = nextSweep.get();
    // One thread per interval wins the swap and sweeps; remove-if on the values view removes an entry only if it is
    // still the expired one, so a token re-put meanwhile survives.
    if (!now.isBefore(due) && nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
      tokens.values().removeIf(entry -> entry.expiredAt(now));
    }
  }

  private static Instant plus(Instant now, Duration timeToLive) {
    try {
      return now.plus(timeToLive);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }

  private record Entry(Grant grant, Instant expiresAt) {
    boolean expiredAt(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }
}
