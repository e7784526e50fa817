package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One value read from Redis and served for at most {@code staleness}: the single-entry Caffeine cache behind
 * {@link CachedLoadTable} and {@link CachedServerStore}. Concurrent misses share one read; a failed read is not kept; a
 * zero staleness reads every time and counts each read as a miss.
 */
final class StaleValue<T> {
  private static final String KEY = "value";

  private final Duration staleness;
  private final @Nullable AsyncCache<String, T> cache;
  private final LongAdder uncachedReads = new LongAdder();

  StaleValue(Duration staleness, Ticker ticker) {
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

  Duration staleness() {
    return staleness;
  }

  /** The cached value, or {@code read}'s when there is none (or caching is off). */
  CompletionStage<T> get(Supplier<CompletionStage<T>> read) {
    if (cache == null) {
      uncachedReads.increment();
      return read.get();
    }
    // A minimal stage: callers cannot complete the future the cache shares between them.
    return cache.get(KEY, (key, executor) -> read.get().toCompletableFuture()).minimalCompletionStage();
  }

  /** The value already read and still fresh, without reading or counting. */
  Optional<T> peek() {
    CompletableFuture<T> cached = cache == null ? null : cache.asMap().get(KEY);
    return cached != null && cached.isDone() && !cached.isCompletedExceptionally()
        ? Optional.of(cached.join())
        : Optional.empty();
  }

  /** Drops the value, so the next {@link #get} reads. */
  void invalidate() {
    if (cache != null) {
      cache.synchronous().invalidate(KEY);
    }
  }

  /** Invalidates once {@code write} completes, whether or not it succeeded. */
  <W> CompletionStage<W> invalidatingAfter(CompletionStage<W> write) {
    return write.whenComplete((result, failure) -> invalidate());
  }

  CacheStats stats() {
    if (cache == null) {
      return CacheStats.of(0, uncachedReads.sum(), 0, 0, 0, 0, 0);
    }
    return cache.synchronous().stats();
  }
}
