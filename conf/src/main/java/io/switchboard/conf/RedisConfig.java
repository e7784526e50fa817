package io.switchboard.conf;

import static io.switchboard.conf.Checks.nonNegative;
import static io.switchboard.conf.Checks.positive;
import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The shared Redis ({@code switchboard.redis}, spec §7): where it is, the key namespace and the timings of its use.
 *
 * <ul>
 *   <li>{@code url}: Scalelite's {@code REDIS_URL}, {@code redis://[user:password@]host[:port][/db]} or
 *       {@code rediss://...} for TLS, or Lettuce's
 *       {@code redis-sentinel://[user:password@]host[:port],host[:port]...[/db]#master}; the scheme is in lower case.
 *       Use {@link #host()}, {@link #port()}, {@link #username()}, {@link #password()}, {@link #database()} and
 *       {@link #tls()} rather than {@link URI#getHost()}, which is null for a host name with {@code _} (RFC 2396)
 *       and for a list of sentinels.
 *   <li>{@code namespace}: {@code REDIS_NAMESPACE}; every key is {@code <namespace>:<key>}, or bare when it is
 *       {@code ""} (see {@link #keyPrefix()}).
 *   <li>{@code sentinel}: the sentinels to ask for the master's address, from {@code switchboard.redis.sentinel} or
 *       from a {@code redis-sentinel://} URL; when present, the host of a {@code redis://} URL is not used, only its
 *       user, password, database and TLS.
 *   <li>{@code commandTimeout}: longest wait for one Redis command before the call fails.
 *   <li>{@code loadCacheStaleness}: how old the server list and the load table read by the hot path may be (another
 *       instance's writes are seen within it, this instance's at once); zero reads Redis every time.
 *   <li>{@code leaseTtl}: lifetime of the leases that keep the poller and the importer to one instance at a time.
 * </ul>
 *
 * <p>Redis is used when {@link #configured()}; otherwise Switchboard keeps its state in the embedded store.
 * {@link #toString()} hides the passwords.
 */
public record RedisConfig(Optional<URI> url, String namespace, Optional<SentinelConfig> sentinel,
                          Duration commandTimeout, Duration loadCacheStaleness, Duration leaseTtl) {
  public RedisConfig {
    requireNonNull(url, "url");
    url = url.map(given -> parse(given).uri());
    requireNonNull(namespace, "namespace");
    if (!StoreUrls.isNamespace(namespace)) {
      throw Checks.invalid("namespace", "\"" + namespace + "\"", StoreUrls.NAMESPACE);
    }
    requireNonNull(sentinel, "sentinel");
    Optional<StoreUrls.Parsed> sentinelUrl = url.map(RedisConfig::parse)
        .filter(parsed -> StoreUrls.REDIS_SENTINEL.equals(parsed.scheme()));
    if (sentinelUrl.isPresent()) {
      StoreUrls.Parsed parsed = sentinelUrl.get();
      boolean same = sentinel.filter(given -> given.masterName().equals(parsed.fragment().orElseThrow())
          && given.nodes().equals(parsed.hosts().stream().map(StoreUrls.HostPort::text).distinct().toList()))
          .isPresent();
      if (!same) {
        throw Checks.invalid("sentinel", sentinel, "the master and nodes of the redis-sentinel url");
      }
    }
    positive(commandTimeout, "commandTimeout");
    nonNegative(loadCacheStaleness, "loadCacheStaleness");
    positive(leaseTtl, "leaseTtl");
  }

  /** Whether Switchboard keeps its state in this Redis: a URL or sentinels are set. */
  public boolean configured() {
    return url.isPresent() || sentinel.isPresent();
  }

  /** {@code <namespace>:}, or {@code ""} when the namespace is empty. */
  public String keyPrefix() {
    return namespace.isEmpty() ? "" : namespace + ":";
  }

  /** The host of a {@code redis://} or {@code rediss://} URL, an IPv6 address without brackets; else empty. */
  public Optional<String> host() {
    return parsed().filter(parsed -> !StoreUrls.REDIS_SENTINEL.equals(parsed.scheme()))
        .map(parsed -> parsed.hosts().get(0).host());
  }

  /** The port of a {@code redis://} or {@code rediss://} URL, 6379 when it names none. */
  public int port() {
    return parsed().filter(parsed -> !StoreUrls.REDIS_SENTINEL.equals(parsed.scheme()))
        .map(parsed -> parsed.hosts().get(0).port()).orElse(StoreUrls.REDIS_PORT);
  }

  /** The ACL user of the URL ({@code user} of {@code user:password@}), percent-decoded; empty for the default user. */
  public Optional<String> username() {
    return parsed().flatMap(StoreUrls.Parsed::username);
  }

  /** The password of the URL ({@code :password@} or {@code user:password@}), percent-decoded; empty for none. */
  public Optional<String> password() {
    return parsed().flatMap(StoreUrls.Parsed::password);
  }

  /** The database number of the URL's path, 0 when it names none. */
  public int database() {
    return parsed().map(StoreUrls::redisDatabase).orElse(0);
  }

  /** Whether the master is reached over TLS: a {@code rediss://} URL. */
  public boolean tls() {
    return parsed().filter(parsed -> "rediss".equals(parsed.scheme())).isPresent();
  }

  @Override
  public String toString() {
    return "RedisConfig[url=" + url.map(StoreUrls::redact) + ", namespace=" + namespace + ", sentinel=" + sentinel
        + ", commandTimeout=" + commandTimeout + ", loadCacheStaleness=" + loadCacheStaleness + ", leaseTtl="
        + leaseTtl + "]";
  }

  private Optional<StoreUrls.Parsed> parsed() {
    return url.map(RedisConfig::parse);
  }

  private static StoreUrls.Parsed parse(URI url) {
    try {
      return StoreUrls.redis(url.toString());
    } catch (StoreUrls.Rejected e) {
      throw Checks.invalid("url", StoreUrls.redact(url.toString(), false), e.getMessage());
    }
  }
}
