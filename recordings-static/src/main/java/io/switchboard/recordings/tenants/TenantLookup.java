package io.switchboard.recordings.tenants;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Tenants by id and by host label, from the tenant store and kept for a few seconds: every file a player fetches
 * (hundreds of slides and thumbnails per recording) needs the tenant of its host and of its recording, and a store
 * round trip for each would cost more than the file. A renamed or removed tenant is therefore noticed within
 * {@link #DEFAULT_TTL}. A failed look-up is not kept. Never blocks.
 */
public final class TenantLookup {
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
  private static final int MAX_TENANTS = 10_000;

  private final TenantStore store;
  private final AsyncCache<String, Optional<Tenant>> byId;
  private final AsyncCache<String, Optional<Tenant>> byName;

  public TenantLookup(TenantStore store) {
    this(store, DEFAULT_TTL, Ticker.systemTicker());
  }

  /** A look-up keeping answers for {@code ttl} by {@code ticker} (a test's clock). */
  public TenantLookup(TenantStore store, Duration ttl, Ticker ticker) {
    this.store = requireNonNull(store, "store");
    this.byId = cache(ttl, ticker);
    this.byName = cache(ttl, ticker);
  }

  public CompletionStage<Optional<Tenant>> byId(String id) {
    requireNonNull(id, "id");
    return byId.get(id, (key, executor) -> store.find(key).toCompletableFuture());
  }

  /** The tenant named {@code name}, the first label of its hosts. */
  public CompletionStage<Optional<Tenant>> byName(String name) {
    requireNonNull(name, "name");
    return byName.get(name, (key, executor) -> store.findByName(key).toCompletableFuture());
  }

  /** Hits, misses and evictions of both look-ups (by id and by name) since this one was made, for the metrics. */
  public CacheStats stats() {
    return byId.synchronous().stats().plus(byName.synchronous().stats());
  }

  private static AsyncCache<String, Optional<Tenant>> cache(Duration ttl, Ticker ticker) {
    requireNonNull(ttl, "ttl");
    requireNonNull(ticker, "ticker");
    return Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .maximumSize(MAX_TENANTS)
        .ticker(ticker)
        .recordStats()
        .executor(Runnable::run)
        .buildAsync();
  }
}
