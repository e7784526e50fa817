package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.Leases;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link Leases}: one holder per name at a time within this JVM, expiring by the clock. With a single
 * instance there is nobody to take over, but the semantics are those of the Redis leases so callers are written once.
 */
final class MemoryLeases implements Leases {
  private final Clock clock;
  private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

  MemoryLeases(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CompletionStage<Boolean> tryAcquire(String name, String holder, Duration ttl) {
    check(name, holder, ttl);
    Instant now = clock.instant();
    Lease lease = leases.compute(name, (key, current) ->
        current == null || current.expiredAt(now) || current.holder().equals(holder)
            ? new Lease(holder, plus(now, ttl))
            : current);
    return CompletableFuture.completedStage(lease.holder().equals(holder));
  }

  @Override
  public CompletionStage<Boolean> renew(String name, String holder, Duration ttl) {
    check(name, holder, ttl);
    Instant now = clock.instant();
    Lease lease = leases.computeIfPresent(name, (key, current) ->
        !current.expiredAt(now) && current.holder().equals(holder) ? new Lease(holder, plus(now, ttl)) : current);
    return CompletableFuture.completedStage(lease != null && lease.holder().equals(holder) && !lease.expiredAt(now));
  }

  @Override
  public CompletionStage<Void> release(String name, String holder) {
    requireNonNull(name, "name");
    requireNonNull(holder, "holder");
    leases.computeIfPresent(name, (key, current) -> current.holder().equals(holder) ? null : current);
    return CompletableFuture.completedStage(null);
  }

  private static void check(String name, String holder, Duration ttl) {
    requireNonNull(name, "name");
    requireNonNull(holder, "holder");
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
    }
  }

  private static Instant plus(Instant now, Duration ttl) {
    try {
      return now.plus(ttl);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }

  private record Lease(String holder, Instant expiresAt) {
    boolean expiredAt(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }
}
