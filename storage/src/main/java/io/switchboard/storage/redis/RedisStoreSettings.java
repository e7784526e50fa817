package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the Redis stores connect and how they behave.
 *
 * @param uri Scalelite's {@code REDIS_URL}: {@code redis://} or {@code rediss://} (TLS), with optional user and password
 *     ({@code redis://user:password@host:6379/2}, or {@code redis://:password@host}) and database number in the path.
 *     With {@code sentinel}, the host and port are ignored: the master comes from the sentinels, while the user,
 *     password, database and TLS still apply to it.
 * @param namespace Scalelite's {@code REDIS_NAMESPACE} (default {@code scalelite}): every key is {@code <namespace>:...};
 *     empty means no prefix
 * @param sentinel Redis Sentinel, for high availability; empty connects to {@code uri}'s host directly
 * @param commandTimeout how long a command (and a connection attempt) may take before its stage fails
 * @param loadCacheStaleness how old the cached load table snapshot read by placements may be; zero reads Redis every time
 */
public record RedisStoreSettings(
    URI uri, String namespace, Optional<Sentinel> sentinel, Duration commandTimeout, Duration loadCacheStaleness) {

  public static final String DEFAULT_NAMESPACE = "scalelite";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_LOAD_CACHE_STALENESS = Duration.ofMillis(200);

  /**
   * Redis Sentinel: the name of the monitored master and the sentinels to ask for it.
   *
   * @param masterName the name the sentinels monitor the master under ({@code sentinel monitor <name> ...})
   * @param nodes the sentinels, {@code host:port} (port 26379 when omitted; IPv6 as {@code [::1]:26379})
   * @param password the sentinels' own password ({@code requirepass} of the sentinels), if any
   */
  public record Sentinel(String masterName, List<String> nodes, Optional<String> password) {
    public static final int DEFAULT_PORT = 26379;

    public Sentinel {
      requireNonNull(masterName, "masterName");
      requireNonNull(password, "password");
      nodes = List.copyOf(requireNonNull(nodes, "nodes"));
      if (masterName.isBlank()) {
        throw new IllegalArgumentException("masterName: '" + masterName + "' (expected: not blank)");
      }
      if (nodes.isEmpty()) {
        throw new IllegalArgumentException("nodes: [] (expected: at least one sentinel)");
      }
      for (String node : nodes) {
        hostAndPort(node);
      }
    }

    @Override
    public String toString() {
      return "Sentinel[masterName=" + masterName + ", nodes=" + nodes + ", password="
          + (password.isPresent() ? "<hidden>" : "none") + "]";
    }

    /** A node's host and port, validated. */
    static HostAndPort hostAndPort(String node) {
      String trimmed = node.trim();
      String host;
      String port;
      if (trimmed.startsWith("[")) {
        int end = trimmed.indexOf(']');
        if (end < 0) {
          throw new IllegalArgumentException("nodes: '" + node + "' (expected: host:port)");
        }
        host = trimmed.substring(1, end);
        String rest = trimmed.substring(end + 1);
        port = rest.startsWith(":") ? rest.substring(1) : rest.isEmpty() ? null : "?";
      } else {
        int colon = trimmed.lastIndexOf(':');
        if (colon >= 0 && trimmed.indexOf(':') != colon) {
          throw new IllegalArgumentException("nodes: '" + node + "' (expected: host:port, IPv6 in brackets)");
        }
        host = colon < 0 ? trimmed : trimmed.substring(0, colon);
        port = colon < 0 ? null : trimmed.substring(colon + 1);
      }
      if (host.isEmpty()) {
        throw new IllegalArgumentException("nodes: '" + node + "' (expected: host:port)");
      }
      int number = DEFAULT_PORT;
      if (port != null) {
        try {
          number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
          number = -1;
        }
        if (number < 1 || number > 65535) {
          throw new IllegalArgumentException("nodes: '" + node + "' (expected: a port in 1..65535)");
        }
      }
      return new HostAndPort(host, number);
    }

    record HostAndPort(String host, int port) {}
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
    return "RedisStoreSettings[uri=" + redacted(uri) + ", namespace=" + namespace + ", sentinel="
        + sentinel.map(Sentinel::toString).orElse("none") + ", commandTimeout=" + commandTimeout
        + ", loadCacheStaleness=" + loadCacheStaleness + "]";
  }

  /** The URI without its password, for messages and logs. */
  static String redacted(URI uri) {
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null) {
      return uri.toString();
    }
    int colon = userInfo.indexOf(':');
    String shown = colon < 0 ? "<hidden>" : userInfo.substring(0, colon) + ":<hidden>";
    return uri.toString().replace(userInfo + "@", shown + "@");
  }
}
