package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.switchboard.storage.LoadTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

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
  private final LoadTable delegate;
  private final StaleValue<Map<String, Double>> cached;

  /**
   * @param staleness how long a snapshot is served from the cache; zero reads the delegate every time
   * @param ticker Caffeine's time source ({@link Ticker#systemTicker()}, or {@link #ticker(Clock)} in tests)
   */
  public CachedLoadTable(LoadTable delegate, Duration staleness, Ticker ticker) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.cached = new StaleValue<>(staleness, ticker);
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
    return cached.staleness();
  }

  /** Hits and misses of {@link #snapshot} since this table was made (loads, failures and evictions too when cached). */
  public CacheStats stats() {
    return cached.stats();
  }

  /** Drops the cached snapshot, so the next {@link #snapshot} reads the delegate. */
  public void invalidate() {
    cached.invalidate();
  }

  @Override
  public CompletionStage<Map<String, Double>> snapshot() {
    return cached.get(delegate::snapshot);
  }

  @Override
  public CompletionStage<Void> set(String serverId, double load) {
    return cached.invalidatingAfter(delegate.set(serverId, load));
  }

  @Override
  public CompletionStage<Void> remove(String serverId) {
    return cached.invalidatingAfter(delegate.remove(serverId));
  }

  @Override
  public CompletionStage<Void> increment(String serverId, double amount) {
    return cached.invalidatingAfter(delegate.increment(serverId, amount));
  }

  @Override
  public CompletionStage<Optional<String>> incrementLeastLoaded(Map<String, Double> candidates) {
    // Always straight to the delegate, which chooses on its own current numbers: the cache never picks a server.
    return cached.invalidatingAfter(delegate.incrementLeastLoaded(candidates));
  }
}
