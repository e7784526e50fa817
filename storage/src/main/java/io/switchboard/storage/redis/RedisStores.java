package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.RedisConfig;
import io.switchboard.conf.SentinelConfig;
import io.switchboard.storage.CallbackStore;
import io.switchboard.storage.Leases;
import io.switchboard.storage.LoadTable;
import io.switchboard.storage.MeetingStore;
import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.ServerStore;
import io.switchboard.storage.Stores;
import io.switchboard.storage.TenantStore;
import io.switchboard.storage.recordings.RecordingStore;
import java.time.Clock;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Opens the Redis {@link Stores}: servers, meetings, load, voice bridges, tenants with their settings and
 * protected-recording tokens in Scalelite's key layout (spec §7) in the configured namespace, so Switchboard instances
 * and Scalelite can share one Redis; tenant limits, attendee counts and setting order in keys of Switchboard's own
 * ({@code tenant_limits:<id>}, {@code tenant_attendees}, {@code tenant_settings_order:<tenant id>}); leases under
 * {@code <namespace>:switchboard:lease:<name>}.
 *
 * <p>The recordings index and the recording-ready callbacks belong in PostgreSQL (spec §8); unless they are given,
 * this returns in-memory ones, i.e. one recordings index per instance (what Switchboard does when DATABASE_URL is
 * unset).
 *
 * <p>Opening never waits on Redis: the connection is made in the background, calls fail fast (within the command
 * timeout) while Redis cannot be reached, and the connection comes back by itself. {@link Stores#load()} is a
 * {@link CachedLoadTable} (snapshots at most {@code loadCacheStaleness} old, hit rate in
 * {@link CachedLoadTable#stats()}) and {@link Stores#servers()} a {@link CachedServerStore} (its list of servers at most
 * as old, hit rate in {@link CachedServerStore#stats()}); each sees this instance's own writes at once. Closing the stores closes the connection and the Lettuce client's threads.
 */
public final class RedisStores {
  private static final Duration HEALTH_CHECK_TTL = Duration.ofSeconds(10);
  private RedisStores() {}

  /**
   * Redis stores with in-memory recordings and callbacks.
   *
   * @param clock the time of the load and server caches (a test's mutable clock moves its staleness; a system clock uses the
   *     monotonic ticker) and of the in-memory parts; meetings, tokens and leases expire by Redis's own clock
   * @param meetingTtl Scalelite's {@code DEFAULT_MEETING_TTL}: a meeting expires this long after its creation or last
   *     {@link MeetingStore#touch touch}
   */
  public static Stores open(RedisStoreSettings settings, Clock clock, Duration meetingTtl) {
    requireNonNull(settings, "settings");
    Stores local = localStores(clock, meetingTtl);
    return open(settings.connectionSpec(), settings.namespace(), settings.loadCacheStaleness(), clock, meetingTtl,
        local.recordings(), local.callbacks());
  }

  /** Redis stores with the given recordings index and callbacks (PostgreSQL's), which closing leaves open. */
  public static Stores open(RedisStoreSettings settings, Clock clock, Duration meetingTtl, RecordingStore recordings,
      CallbackStore callbacks) {
    requireNonNull(settings, "settings");
    return open(settings.connectionSpec(), settings.namespace(), settings.loadCacheStaleness(), clock, meetingTtl,
        requireNonNull(recordings, "recordings"), requireNonNull(callbacks, "callbacks"));
  }

  /**
   * Redis stores as configured by {@code switchboard.redis} / REDIS_URL, with in-memory recordings and callbacks.
   *
   * @throws IllegalArgumentException when {@code config} names no Redis ({@link RedisConfig#configured()} is false)
   */
  public static Stores open(RedisConfig config, Clock clock, Duration meetingTtl) {
    Stores local = localStores(clock, meetingTtl);
    return open(config, clock, meetingTtl, local.recordings(), local.callbacks());
  }

  /** Redis stores as configured, with the given recordings index and callbacks (PostgreSQL's). */
  public static Stores open(RedisConfig config, Clock clock, Duration meetingTtl, RecordingStore recordings,
      CallbackStore callbacks) {
    return open(connectionSpec(config), config.namespace(), config.loadCacheStaleness(), clock, meetingTtl,
        requireNonNull(recordings, "recordings"), requireNonNull(callbacks, "callbacks"));
  }

  /** The settings equivalent to {@code config}'s, taken apart (its URL may have a host {@link java.net.URI} drops). */
  static ConnectionSpec connectionSpec(RedisConfig config) {
    requireNonNull(config, "config");
    if (!config.configured()) {
      throw new IllegalArgumentException("config: " + config + " (expected: a Redis URL or sentinels)");
    }
    Optional<RedisStoreSettings.Sentinel> sentinel = config.sentinel().map(RedisStores::sentinel);
    String description = sentinel
        .map(given -> "sentinel master " + given.masterName() + " via " + given.nodes() + ", db " + config.database())
        .orElseGet(() -> (config.tls() ? "rediss://" : "redis://") + hostText(config.host().orElse("localhost")) + ":"
            + config.port() + "/" + config.database());
    return new ConnectionSpec(config.host().orElse("localhost"), config.port(), config.username(), config.password(),
        config.database(), config.tls(), sentinel, config.commandTimeout(), description);
  }

  private static String hostText(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  private static RedisStoreSettings.Sentinel sentinel(SentinelConfig config) {
    return new RedisStoreSettings.Sentinel(config.masterName(), config.nodes(), config.password());
  }

  private static Stores localStores(Clock clock, Duration meetingTtl) {
    return Stores.inMemory(requireNonNull(clock, "clock"), requireNonNull(meetingTtl, "meetingTtl"));
  }

  private static Stores open(ConnectionSpec spec, String namespace, Duration loadCacheStaleness, Clock clock,
      Duration meetingTtl, RecordingStore recordings, CallbackStore callbacks) {
    requireNonNull(namespace, "namespace");
    requireNonNull(clock, "clock");
    requireNonNull(meetingTtl, "meetingTtl");
    if (meetingTtl.isNegative() || meetingTtl.isZero()) {
      throw new IllegalArgumentException("meetingTtl: " + meetingTtl + " (expected: > 0)");
    }
    Keys keys = new Keys(namespace);
    RedisConnection redis = new RedisConnection(spec, namespace);
    CachedLoadTable load =
        new CachedLoadTable(new RedisLoadTable(redis, keys), loadCacheStaleness, CachedLoadTable.ticker(clock));
    CachedServerStore servers = new CachedServerStore(new RedisServerStore(redis, keys, load::invalidate),
        loadCacheStaleness, CachedLoadTable.ticker(clock));
    return new Connected(
        servers,
        new RedisMeetingStore(redis, keys, meetingTtl),
        load,
        recordings,
        callbacks,
        new RedisTenantStore(redis, keys),
        new RedisRecordingTokenStore(redis, keys),
        new RedisLeases(redis, keys),
        redis,
        keys.healthCheck());
  }

  /** The stores on one connection. */
  private record Connected(
      ServerStore servers,
      MeetingStore meetings,
      LoadTable load,
      RecordingStore recordings,
      CallbackStore callbacks,
      TenantStore tenants,
      RecordingTokenStore recordingTokens,
      Leases leases,
      RedisConnection redis,
      String healthCheckKey) implements Stores {

    /** SET with a 10 s expiry, then GET: Scalelite's check, proving Redis both takes writes and answers reads. */
    @Override
    public CompletionStage<Void> check() {
      String written = Instant.now().toString();
      CompletionStage<Void> roundTrip = redis.<String>call(commands ->
              commands.set(healthCheckKey, written, SetArgs.Builder.ex(HEALTH_CHECK_TTL)))
          .thenCompose(ignored -> redis.<String>call(commands -> commands.get(healthCheckKey)))
          .thenAccept(read -> {
            if (read == null) {
              throw new IllegalStateException("wrote " + healthCheckKey + " but read nothing back");
            }
          });
      return roundTrip.handle((ignored, failure) -> {
        if (failure != null) {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          throw new CompletionException(new IllegalStateException("Redis at " + redis + ": " + cause.getMessage(),
              cause));
        }
        return null;
      });
    }

    @Override
    public void close() {
      redis.close();
    }

    @Override
    public String toString() {
      return "RedisStores[" + redis + "]";
    }
  }
}
