package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.ServerStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

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
  private final ServerStore delegate;
  private final StaleValue<List<ServerRecord>> cached;

  /**
   * @param staleness how long the list is served from the cache; zero reads the delegate every time
   * @param ticker Caffeine's time source ({@link Ticker#systemTicker()}, or {@link CachedLoadTable#ticker} in tests)
   */
  public CachedServerStore(ServerStore delegate, Duration staleness, Ticker ticker) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.cached = new StaleValue<>(staleness, ticker);
  }

  public Duration staleness() {
    return cached.staleness();
  }

  /** Hits and misses of {@link #all} since this store was made (loads, failures and evictions too when cached). */
  public CacheStats stats() {
    return cached.stats();
  }

  /** Drops the cached list, so the next {@link #all} reads the delegate. */
  public void invalidate() {
    cached.invalidate();
  }

  @Override
  public CompletionStage<List<ServerRecord>> all() {
    return cached.get(delegate::all);
  }

  @Override
  public CompletionStage<Optional<ServerRecord>> find(String id) {
    requireNonNull(id, "id");
    Optional<ServerRecord> known = cached.peek()
        .flatMap(servers -> servers.stream().filter(server -> server.id().equals(id)).findFirst());
    return known.isPresent() ? CompletableFuture.completedStage(known) : delegate.find(id);
  }

  @Override
  public CompletionStage<Void> save(ServerRecord server) {
    return cached.invalidatingAfter(delegate.save(server));
  }

  @Override
  public CompletionStage<Optional<ServerRecord>> update(String id, UnaryOperator<ServerRecord> change) {
    return cached.invalidatingAfter(delegate.update(id, change));
  }

  @Override
  public CompletionStage<Boolean> remove(String id) {
    return cached.invalidatingAfter(delegate.remove(id));
  }
}
