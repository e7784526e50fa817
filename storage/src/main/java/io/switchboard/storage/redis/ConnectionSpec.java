package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.RedisURI;
import io.switchboard.conf.RedisUrl;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how to connect, taken apart: from a {@link RedisStoreSettings} URI or from the conf module's
 * {@code RedisConfig}, and turned into Lettuce's {@link RedisURI}. The conf module parses every Redis URL (not
 * {@link URI#getHost()}, nor Lettuce's {@code RedisURI.create}, which uses it), which keeps hosts such as Docker
 * Compose's {@code scalelite_redis}, which RFC 2396 does not allow but Scalelite's Ruby accepts.
 *
 * @param host the master's host (ignored with a sentinel), an IPv6 address without brackets
 * @param description where it connects, for logs, without password
 */
record ConnectionSpec(
    String host,
    int port,
    Optional<String> username,
    Optional<String> password,
    int database,
    boolean tls,
    Optional<RedisStoreSettings.Sentinel> sentinel,
    Duration commandTimeout,
    String description) {

  ConnectionSpec {
    requireNonNull(host, "host");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    requireNonNull(sentinel, "sentinel");
    requireNonNull(commandTimeout, "commandTimeout");
    requireNonNull(description, "description");
  }

  /**
   * The master named by a {@code redis://} or {@code rediss://} URI, taken apart by the conf module's {@link RedisUrl}
   * exactly as REDIS_URL is; with a sentinel, only its user, password, database and TLS are used.
   *
   * @throws IllegalArgumentException {@code uri: <uri, password hidden> (expected: ...)}
   */
  static ConnectionSpec of(URI uri, Optional<RedisStoreSettings.Sentinel> sentinel, Duration commandTimeout) {
    RedisUrl url = RedisUrl.parse(uri, "uri");
    String description = sentinel
        .map(given -> "sentinel master " + given.masterName() + " via " + given.nodes() + ", db " + url.database())
        .orElse(url.redacted());
    return new ConnectionSpec(url.host(), url.port(), url.username(), url.password(), url.database(), url.tls(),
        sentinel, commandTimeout, description);
  }

  /**
   * Lettuce's URI: the master directly, or the sentinels asked for it, with credentials, database and TLS.
   *
   * @param clientName the name the connection gives itself ({@code CLIENT SETNAME}), shown by {@code CLIENT LIST}
   */
  RedisURI redisUri(String clientName) {
    RedisURI.Builder builder;
    if (sentinel.isEmpty()) {
      builder = RedisURI.builder().withHost(host).withPort(port);
    } else {
      RedisStoreSettings.Sentinel given = sentinel.get();
      builder = RedisURI.builder().withSentinelMasterId(given.masterName());
      for (InetSocketAddress address : given.addresses()) {
        RedisURI.Builder sentinelUri = RedisURI.builder()
            .withHost(address.getHostString())
            .withPort(address.getPort())
            .withSsl(tls)
            .withTimeout(commandTimeout);
        given.password().ifPresent(sentinelUri::withPassword);
        builder.withSentinel(sentinelUri.build());
      }
    }
    builder.withDatabase(database).withSsl(tls).withTimeout(commandTimeout).withClientName(clientName);
    if (password.isPresent()) {
      if (username.isPresent()) {
        builder.withAuthentication(username.get(), password.get());
      } else {
        builder.withPassword(password.get());
      }
    }
    return builder.build();
  }
}
