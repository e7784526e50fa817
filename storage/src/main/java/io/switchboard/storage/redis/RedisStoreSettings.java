package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.RedisUrl;
import io.switchboard.conf.SentinelConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the Redis stores connect and how they behave.
 *
 * @param uri Scalelite's {@code REDIS_URL}: {@code redis://} or {@code rediss://} (TLS), with optional user and password
 *     ({@code redis://user:password@host:6379/2}, or {@code redis://:password@host}) and database number in the path,
 *     taken apart by the conf module's {@link RedisUrl} exactly as {@code switchboard.redis.url} is. With
 *     {@code sentinel}, the host and port are ignored: the master comes from the sentinels, while the user, password,
 *     database and TLS still apply to it.
 * @param namespace Scalelite's {@code REDIS_NAMESPACE} (default {@code scalelite}): every key is {@code <namespace>:...};
 *     empty means no prefix
 * @param sentinel Redis Sentinel, for high availability; empty connects to {@code uri}'s host directly
 * @param commandTimeout how long a command (and a connection attempt) may take before its stage fails
 * @param loadCacheStaleness how old the cached server list and load table snapshot read by placements may be (this
 *     instance's own writes are seen at once, other instances' within this); zero reads Redis every time
 */
public record RedisStoreSettings(
    URI uri, String namespace, Optional<Sentinel> sentinel, Duration commandTimeout, Duration loadCacheStaleness) {

  public static final String DEFAULT_NAMESPACE = "scalelite";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_LOAD_CACHE_STALENESS = Duration.ofMillis(200);

  /**
   * Redis Sentinel: the name of the monitored master and the sentinels to ask for it, checked as the conf module's
   * {@link SentinelConfig} checks {@code switchboard.redis.sentinel}.
   *
   * @param masterName the name the sentinels monitor the master under ({@code sentinel monitor <name> ...})
   * @param nodes the sentinels, {@code host:port} (port 26379 when omitted; IPv6 as {@code [::1]:26379})
   * @param password the sentinels' own password ({@code requirepass} of the sentinels), if any
   */
  public record Sentinel(String masterName, List<String> nodes, Optional<String> password) {
    public Sentinel {
      nodes = List.copyOf(requireNonNull(nodes, "nodes"));
      new SentinelConfig(masterName, nodes, password);
    }

    @Override
    public String toString() {
      return "Sentinel[masterName=" + masterName + ", nodes=" + nodes + ", password="
          + (password.isPresent() ? "<hidden>" : "none") + "]";
    }

    /** The sentinels to connect to, without duplicates, an IPv6 address without brackets. */
    List<InetSocketAddress> addresses() {
      return new SentinelConfig(masterName, nodes, password).addresses();
    }
  }

  public RedisStoreSettings {
    requireNonNull(uri, "uri");
    requireNonNull(namespace, "namespace");
    requireNonNull(sentinel, "sentinel");
    requireNonNull(commandTimeout, "commandTimeout");
    requireNonNull(loadCacheStaleness, "loadCacheStaleness");
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("commandTimeout: " + commandTimeout + " (expected: > 0)");
    }
    if (loadCacheStaleness.isNegative()) {
      throw new IllegalArgumentException("loadCacheStaleness: " + loadCacheStaleness + " (expected: >= 0)");
    }
    ConnectionSpec.of(uri, sentinel, commandTimeout); // validates the URI
  }

  /** The URI taken apart. */
  ConnectionSpec connectionSpec() {
    return ConnectionSpec.of(uri, sentinel, commandTimeout);
  }

  /** Settings for {@code uri} with Scalelite's namespace, no sentinel and the default timeout and staleness. */
  public static RedisStoreSettings of(URI uri) {
    return new RedisStoreSettings(
        uri, DEFAULT_NAMESPACE, Optional.empty(), DEFAULT_COMMAND_TIMEOUT, DEFAULT_LOAD_CACHE_STALENESS);
  }

  public RedisStoreSettings withNamespace(String namespace) {
    return new RedisStoreSettings(uri, namespace, sentinel, commandTimeout, loadCacheStaleness);
  }

  public RedisStoreSettings withSentinel(Sentinel sentinel) {
    return new RedisStoreSettings(uri, namespace, Optional.of(sentinel), commandTimeout, loadCacheStaleness);
  }

  public RedisStoreSettings withCommandTimeout(Duration commandTimeout) {
    return new RedisStoreSettings(uri, namespace, sentinel, commandTimeout, loadCacheStaleness);
  }

  public RedisStoreSettings withLoadCacheStaleness(Duration loadCacheStaleness) {
    return new RedisStoreSettings(uri, namespace, sentinel, commandTimeout, loadCacheStaleness);
  }

  @Override
  public String toString() {
    return "RedisStoreSettings[uri=" + RedisUrl.parse(uri, "uri").redacted() + ", namespace=" + namespace + ", sentinel="
        + sentinel.map(Sentinel::toString).orElse("none") + ", commandTimeout=" + commandTimeout
        + ", loadCacheStaleness=" + loadCacheStaleness + "]";
  }
}
