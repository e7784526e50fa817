package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.RedisURI;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how to connect, taken apart: from a {@link RedisStoreSettings} URI or from the conf module's
 * {@code RedisConfig}, and turned into Lettuce's {@link RedisURI}. Parsing the URI here (not with
 * {@link URI#getHost()}, nor Lettuce's {@code RedisURI.create}, which uses it) keeps hosts such as Docker Compose's
 * {@code scalelite_redis}, which RFC 2396 does not allow but Scalelite's Ruby accepts.
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

  static final int DEFAULT_PORT = 6379;

  ConnectionSpec {
    requireNonNull(host, "host");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    requireNonNull(sentinel, "sentinel");
    requireNonNull(commandTimeout, "commandTimeout");
    requireNonNull(description, "description");
  }

  /**
   * Takes a {@code redis://} or {@code rediss://} URI apart: {@code [user:password@ | :password@]host[:port][/db]}.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  static ConnectionSpec of(URI uri, Optional<RedisStoreSettings.Sentinel> sentinel, Duration commandTimeout) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw invalid(uri, "redis:// or rediss://");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.isOpaque()) {
      throw invalid(uri, "redis://[user:password@]host[:port][/db], no query or fragment");
    }
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      if (sentinel.isPresent()) {
        authority = "localhost";
      } else {
        throw invalid(uri, "a host");
      }
    }
    Optional<String> username = Optional.empty();
    Optional<String> password = Optional.empty();
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        throw invalid(uri, "user:password@ or :password@ (a word alone before @ is a user to Ruby, a password to "
            + "Lettuce)");
      }
      username = Optional.of(decode(userInfo.substring(0, colon))).filter(user -> !user.isEmpty());
      password = Optional.of(decode(userInfo.substring(colon + 1))).filter(secret -> !secret.isEmpty());
      authority = authority.substring(at + 1);
    }
    String host;
    String port;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw invalid(uri, "an IPv6 address in brackets");
      }
      host = authority.substring(1, close);
      String rest = authority.substring(close + 1);
      port = rest.startsWith(":") ? rest.substring(1) : rest.isEmpty() ? "" : "?";
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? "" : authority.substring(colon + 1);
    }
    if (host.isEmpty() && sentinel.isEmpty()) {
      throw invalid(uri, "a host");
    }
    int portNumber = DEFAULT_PORT;
    if (!port.isEmpty()) {
      try {
        portNumber = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        portNumber = -1;
      }
      if (portNumber < 1 || portNumber > 65535) {
        throw invalid(uri, "a port in 1..65535");
      }
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    int database = 0;
    if (!path.isEmpty() && !path.equals("/")) {
      try {
        database = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        database = -1;
      }
      if (database < 0) {
        throw invalid(uri, "a database number as the path, e.g. redis://host:6379/2");
      }
    }
    String description = sentinel
        .map(given -> "sentinel master " + given.masterName() + " via " + given.nodes() + ", db " + db(path))
        .orElse(RedisStoreSettings.redacted(uri));
    return new ConnectionSpec(host, portNumber, username, password, database, scheme.equals("rediss"), sentinel,
        commandTimeout, description);
  }

  private static String db(String path) {
    return path.isEmpty() || path.equals("/") ? "0" : path.substring(1);
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
      for (String node : given.nodes()) {
        RedisStoreSettings.Sentinel.HostAndPort address = RedisStoreSettings.Sentinel.hostAndPort(node);
        RedisURI.Builder sentinelUri = RedisURI.builder()
            .withHost(address.host())
            .withPort(address.port())
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

  private static IllegalArgumentException invalid(URI uri, String expected) {
    return new IllegalArgumentException("uri: " + RedisStoreSettings.redacted(uri) + " (expected: " + expected + ")");
  }

  /** Percent-decoding as RFC 3986 has it ({@code +} stays a plus; a {@code %} not followed by two hex digits stays). */
  private static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '%' && i + 2 < text.length()
          && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int codePoint = text.codePointAt(i);
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(codePoint);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
