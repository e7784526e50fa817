package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * A {@code redis://} or {@code rediss://} URL taken apart exactly as {@link RedisConfig#url()} is (Scalelite's
 * {@code REDIS_URL}, spec §7), for code given a Redis URL outside the configuration, such as the storage module's
 * settings. Sentinels are not part of it: a {@code redis-sentinel://} URL is refused.
 *
 * @param uri the URL, scheme in lower case
 * @param host the master's host, an IPv6 address without brackets
 * @param port the master's port, 6379 when the URL names none
 * @param username the ACL user, percent-decoded; empty for the default user
 * @param password the password, percent-decoded; empty for none
 * @param database the database number of the path, 0 when it names none
 * @param tls whether the URL is {@code rediss://}
 */
public record RedisUrl(URI uri, String host, int port, Optional<String> username, Optional<String> password,
                       int database, boolean tls) {
  private static final String NO_SENTINEL = "a redis:// or rediss:// URL; sentinels are given apart from it";

  public RedisUrl {
    requireNonNull(uri, "uri");
    requireNonNull(host, "host");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
  }

  /**
   * {@code url} taken apart.
   *
   * @param name what the URL is called in the message of a refusal, e.g. {@code uri}
   * @throws IllegalArgumentException {@code name: url (expected: ...)}, with the password hidden
   */
  public static RedisUrl parse(URI url, String name) {
    StoreUrls.Parsed parsed;
    try {
      parsed = StoreUrls.redis(url.toString());
    } catch (StoreUrls.Rejected e) {
      throw Checks.invalid(name, StoreUrls.redact(url.toString(), false), e.getMessage());
    }
    if (StoreUrls.REDIS_SENTINEL.equals(parsed.scheme())) {
      throw Checks.invalid(name, StoreUrls.redact(parsed.uri()), NO_SENTINEL);
    }
    StoreUrls.HostPort master = parsed.hosts().get(0);
    return new RedisUrl(parsed.uri(), master.host(), master.port(), parsed.username(), parsed.password(),
        StoreUrls.redisDatabase(parsed), "rediss".equals(parsed.scheme()));
  }

  /** The URL as given, with its password hidden. */
  public String redacted() {
    return StoreUrls.redact(uri);
  }

  @Override
  public String toString() {
    return "RedisUrl[" + redacted() + "]";
  }
}
