package io.switchboard.proxy.api;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The tenant of a request under multitenancy (spec §3.4): the first DNS label of its Host ({@code acme} in
 * {@code acme.sb.example.com:443}), looked up by name. Every checksummed call needs its tenant, so lookups are kept for
 * a few seconds — unknown names too, so a client hammering a wrong host costs the store nothing; a tenant added,
 * renamed or given new secrets is seen within that time. A failed lookup is not kept.
 */
final class TenantResolver {
  /** How long a tenant, or the absence of one, is remembered. */
  static final Duration TTL = Duration.ofSeconds(5);
  private static final int MAX_TENANTS = 10_000;

  private final AsyncLoadingCache<String, Optional<Tenant>> byName;

  TenantResolver(TenantStore tenants) {
    this.byName = Caffeine.newBuilder()
        .expireAfterWrite(TTL)
        .maximumSize(MAX_TENANTS)
        .recordStats()
        // The loader only starts a store call; nothing blocks, so no thread pool is needed to run it.
        .executor(Runnable::run)
        .buildAsync((name, executor) -> tenants.findByName(name).toCompletableFuture());
  }

  /** The tenant the Host header names; empty when it names none, or one that does not exist. */
  CompletionStage<Optional<Tenant>> resolve(String hostHeader) {
    String name = tenantName(hostHeader);
    return name.isEmpty() ? CompletableFuture.completedFuture(Optional.empty()) : byName.get(name);
  }

  /** Hits and misses of the look-ups by name since this resolver was made, for the metrics. */
  CacheStats stats() {
    return byName.synchronous().stats();
  }

  /**
   * The first DNS label of a Host header, port removed; {@code ""} when there is none (no Host, or an IPv6 literal,
   * which names no tenant).
   */
  static String tenantName(String hostHeader) {
    String host = hostHeader.trim();
    if (host.startsWith("[")) {
      return "";
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    int dot = host.indexOf('.');
    return dot < 0 ? host : host.substring(0, dot);
  }
}
