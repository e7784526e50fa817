package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.ServerStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ServerStore} whose {@link #all} is read through a Caffeine cache, so the hot path (every create reads every
 * server) does not read each server from Redis each time: the list is at most {@code staleness} old. Writes go straight
 * to the delegate.
 *
 * <p>Staleness is bounded and self-correcting: any write through this store ({@link #save}, {@link #update},
 * {@link #remove}, the poller's included) invalidates the cached list once it completes, so an operator's change made
 * through this instance is seen by this instance at once. A change made by another instance (or by Scalelite) is seen
 * within {@code staleness} at worst. Placement does not depend on the list alone: a server another instance has just
 * disabled or cordoned is already out of the load table, which decides. Concurrent misses share one read
 * ({@code AsyncCache}); a failed read is not cached.
 *
 * <p>{@link #find} answers from the cached list when it holds the server, and asks the delegate otherwise, so a server
 * just added by another instance (a meeting there, placed by that instance, may be joined here) is never reported
 * absent because of the cache. It neither fills the cache nor counts in its statistics.
 *
 * <p>{@link #stats()} reports hits and misses of {@link #all} for the bench and the metrics; a zero staleness disables
 * caching and counts every {@link #all} as a miss.
 */
public final class CachedServerStore implements ServerStore {
  private static final String KEY = "servers";

  private final ServerStore delegate;
  private final Duration staleness;
  private final @Nullable AsyncCache<String, List<ServerRecord>> cache;
  private final LongAdder uncachedReads = new LongAdder();

  /**
   * @param staleness how long the list is served from the cache; zero reads the delegate every time
   * @param ticker Caffeine's time source ({@link Ticker#systemTicker()}, or {@link CachedLoadTable#ticker} in tests)
   */
  public CachedServerStore(ServerStore delegate, Duration staleness, Ticker ticker) {
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

  public Duration staleness() {
    return staleness;
  }

  /** Hits and misses of {@link #all} since this store was made (loads, failures and evictions too when cached). */
  public CacheStats stats() {
    if (cache == null) {
      return CacheStats.of(0, uncachedReads.sum(), 0, 0, 0, 0, 0);
    }
    return cache.synchronous().stats();
  }

  /** Drops the cached list, so the next {@link #all} reads the delegate. */
  public void invalidate() {
    if (cache != null) {
      cache.synchronous().invalidate(KEY);
    }
  }

  @Override
  public CompletionStage<List<ServerRecord>> all() {
    if (cache == null) {
      uncachedReads.increment();
      return delegate.all();
    }
    // A minimal stage: callers cannot complete the future the cache shares between them.
    return cache.get(KEY, (key, executor) -> delegate.all().toCompletableFuture()).minimalCompletionStage();
  }

  @Override
  public CompletionStage<Optional<ServerRecord>> find(String id) {
    requireNonNull(id, "id");
    CompletableFuture<List<ServerRecord>> cached = cache == null ? null : cache.asMap().get(KEY);
    if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
      for (ServerRecord server : cached.join()) {
        if (server.id().equals(id)) {
          return CompletableFuture.completedStage(Optional.of(server));
        }
      }
    }
    return delegate.find(id);
  }

  @Override
  public CompletionStage<Void> save(ServerRecord server) {
    return invalidatingAfter(delegate.save(server));
  }

  @Override
  public CompletionStage<Optional<ServerRecord>> update(String id, UnaryOperator<ServerRecord> change) {
    return invalidatingAfter(delegate.update(id, change));
  }

  @Override
  public CompletionStage<Boolean> remove(String id) {
    return invalidatingAfter(delegate.remove(id));
  }

  private <T> CompletionStage<T> invalidatingAfter(CompletionStage<T> write) {
    return write.whenComplete((result, failure) -> invalidate());
  }
}
