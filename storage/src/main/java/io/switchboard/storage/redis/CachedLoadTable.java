package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.switchboard.storage.LoadTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LoadTable} whose {@link #snapshot} is read through a Caffeine cache, so the hot path (every create) does not
 * read Redis each time: a snapshot is at most {@code staleness} old. Writes go straight to the delegate.
 *
 * <p>Staleness is bounded and self-correcting: any write through this table invalidates the cached snapshot once it
 * completes ({@link #incrementLeastLoaded} included, which the delegate decides on its own current numbers, never on
 * the cached snapshot). A load changed by another instance is seen within {@code staleness} at worst. Concurrent
 * misses share one read ({@code AsyncCache}); a failed read is not cached.
 *
 * <p>{@link #stats()} reports hits and misses for the bench; a zero staleness disables caching and counts every
 * snapshot as a miss.
 */
public final class CachedLoadTable implements LoadTable {
  private static final String KEY = "server_load";

  private final LoadTable delegate;
  private final Duration staleness;
  private final @Nullable AsyncCache<String, Map<String, Double>> cache;
  private final LongAdder uncachedReads = new LongAdder();

  /**
   * @param staleness how long a snapshot is served from the cache; zero reads the delegate every time
   * @param ticker Caffeine's time source ({@link Ticker#systemTicker()}, or {@link #ticker(Clock)} in tests)
   */
  public CachedLoadTable(LoadTable delegate, Duration staleness, Ticker ticker) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.staleness = requireNonNull(staleness, "staleness");
    requireNonNull(ticker, "ticker");
    if (staleness.isNegative()) {
      throw new IllegalArgumentException("staleness: " + staleness + " (expected: >= 0)");
    }
    this.cache = staleness.isZero() ? null : Caffeine.newBuilder()
        .expireAfterWrite(staleness)
        .ticker(ticker)
        .executor(Runnable::run)
        .recordStats()
        .buildAsync();
  }

  /**
   * A Caffeine ticker following {@code clock}: the monotonic system ticker for a system clock (wall-clock jumps must not
   * stretch the staleness), the clock's own instants otherwise (a test's mutable clock).
   */
  public static Ticker ticker(Clock clock) {
    requireNonNull(clock, "clock");
    if (clock.getClass() == Clock.systemUTC().getClass()) {
      return Ticker.systemTicker();
    }
    return () -> {
      Instant now = clock.instant();
      return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    };
  }

  public Duration staleness() {
    return staleness;
  }

  /** Hits and misses of {@link #snapshot} since this table was made (loads, failures and evictions too when cached). */
  public CacheStats stats() {
    if (cache == null) {
      return CacheStats.of(0, uncachedReads.sum(), 0, 0, 0, 0, 0);
    }
    return cache.synchronous().stats();
  }

  /** Drops the cached snapshot, so the next {@link #snapshot} reads the delegate. */
  public void invalidate() {
    if (cache != null) {
      cache.synchronous().invalidate(KEY);
    }
  }

  @Override
  public CompletionStage<Map<String, Double>> snapshot() {
    if (cache == null) {
      uncachedReads.increment();
      return delegate.snapshot();
    }
    // A minimal stage: callers cannot complete the future the cache shares between them.
    return cache.get(KEY, (key, executor) -> delegate.snapshot().toCompletableFuture()).minimalCompletionStage();
  }

  @Override
  public CompletionStage<Void> set(String serverId, double load) {
    return invalidatingAfter(delegate.set(serverId, load));
  }

  @Override
  public CompletionStage<Void> remove(String serverId) {
    return invalidatingAfter(delegate.remove(serverId));
  }

  @Override
  public CompletionStage<Void> increment(String serverId, double amount) {
    return invalidatingAfter(delegate.increment(serverId, amount));
  }

  @Override
  public CompletionStage<Optional<String>> incrementLeastLoaded(Map<String, Double> candidates) {
    // Always straight to the delegate, which chooses on its own current numbers: the cache never picks a server.
    return invalidatingAfter(delegate.incrementLeastLoaded(candidates));
  }

  private <T> CompletionStage<T> invalidatingAfter(CompletionStage<T> write) {
    return write.whenComplete((result, failure) -> invalidate());
  }
}
