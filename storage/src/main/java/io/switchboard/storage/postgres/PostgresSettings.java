package io.switchboard.storage.postgres;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.DatabaseConfig;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where {@link PostgresRecordings} connects, and how.
 *
 * @param url Scalelite's {@code DATABASE_URL}: {@code postgres://[user[:password]@]host[:port][/database][?params]}
 *     or the same with {@code postgresql://}. User and password are percent-decoded ({@code +} stays a plus); without
 *     a user, the OS user (as libpq); without a port, 5432; without a database, Scalelite's {@code scalelite}. Query
 *     parameters honoured: {@code sslmode} ({@code disable}, {@code allow}, {@code prefer} — the default, as libpq —,
 *     {@code require}, {@code verify-ca}, {@code verify-full}), {@code sslrootcert} (a PEM file; otherwise the JVM's
 *     trust store verifies), {@code application_name}, {@code connect_timeout} (seconds); any other parameter (Rails'
 *     {@code pool}, {@code encoding}, …) is ignored.
 * @param poolSize the most connections the pool opens (at least 1)
 * @param preparedStatements whether statements are prepared once per connection and cached (fast); off, every
 *     statement uses the unnamed prepared statement, as PgBouncer in transaction pooling mode requires
 */
public record PostgresSettings(URI url, int poolSize, boolean preparedStatements) {
  public static final int DEFAULT_POOL_SIZE = 5;
  public static final int DEFAULT_PORT = 5432;
  /** Scalelite's production database name, used when the URL names none. */
  public static final String DEFAULT_DATABASE = "scalelite";

  public PostgresSettings {
    requireNonNull(url, "url");
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: >= 1)");
    }
    parse(url);
  }

  /** {@code url} with {@link #DEFAULT_POOL_SIZE} connections and prepared statements on. */
  public static PostgresSettings of(URI url) {
    return new PostgresSettings(url, DEFAULT_POOL_SIZE, true);
  }

  /** {@code url} as text, checked; see {@link #url()}. */
  public static PostgresSettings of(String url) {
    return of(URI.create(requireNonNull(url, "url")));
  }

  /**
   * The settings of Switchboard's {@code switchboard.database} configuration (DATABASE_URL, pool size, prepared
   * statements).
   *
   * @throws IllegalArgumentException when {@code config} has no URL ({@link DatabaseConfig#configured()} is false)
   */
  public static PostgresSettings from(DatabaseConfig config) {
    requireNonNull(config, "config");
    URI url = config.url().orElseThrow(() -> new IllegalArgumentException(
        "config: no database URL (expected: DATABASE_URL or switchboard.database.url set)"));
    return new PostgresSettings(url, config.poolSize(), config.preparedStatements());
  }

  /** The same settings with another pool size. */
  public PostgresSettings withPoolSize(int value) {
    return new PostgresSettings(url, value, preparedStatements);
  }

  /** The same settings with prepared statements on or off. */
  public PostgresSettings withPreparedStatements(boolean value) {
    return new PostgresSettings(url, poolSize, value);
  }

  /** The database the URL names (or {@link #DEFAULT_DATABASE}). */
  public String database() {
    return parse(url).database();
  }

  @Override
  public String toString() {
    return "PostgresSettings[url=" + redacted() + ", poolSize=" + poolSize + ", preparedStatements="
        + preparedStatements + "]";
  }

  /** The URL with its password hidden. */
  public String redacted() {
    Parsed parsed = parse(url);
    return url.getScheme() + "://" + parsed.user() + (parsed.password().isEmpty() ? "" : ":<hidden>") + "@"
        + (parsed.host().indexOf(':') >= 0 ? "[" + parsed.host() + "]" : parsed.host()) + ":" + parsed.port() + "/"
        + parsed.database();
  }

  /** Vert.x options for this URL and these settings. */
  PgConnectOptions connectOptions() {
    Parsed parsed = parse(url);
    PgConnectOptions options = new PgConnectOptions()
        .setHost(parsed.host())
        .setPort(parsed.port())
        .setUser(parsed.user())
        .setDatabase(parsed.database())
        .setCachePreparedStatements(preparedStatements)
        .setPreparedStatementCacheMaxSize(512)
        // The recordings store's statements are long (the save statement is about 2,000 characters).
        .setPreparedStatementCacheSqlLimit(16_384)
        .setPipeliningLimit(256)
        .setSslMode(parsed.sslMode());
    if (!parsed.password().isEmpty()) {
      options.setPassword(parsed.password());
    }
    String applicationName = parsed.parameters().getOrDefault("application_name", "switchboard");
    options.addProperty("application_name", applicationName);
    if (parsed.sslMode() != SslMode.DISABLE) {
      options.setSslOptions(sslOptions(parsed));
    }
    return options;
  }

  /** How long opening a TCP connection may take: the URL's {@code connect_timeout}, else 10 s. */
  int connectTimeoutMillis() {
    String connectTimeout = parse(url).parameters().get("connect_timeout");
    if (connectTimeout == null || connectTimeout.isBlank()) {
      return 10_000;
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, Long.parseLong(connectTimeout.trim())) * 1000L);
  }

  private static ClientSSLOptions sslOptions(Parsed parsed) {
    ClientSSLOptions ssl = new ClientSSLOptions();
    switch (parsed.sslMode()) {
      case VERIFY_FULL, VERIFY_CA -> {
        ssl.setTrustOptions(trust(parsed.parameters().get("sslrootcert")));
        ssl.setHostnameVerificationAlgorithm(parsed.sslMode() == SslMode.VERIFY_FULL ? "HTTPS" : "");
      }
      default -> {
        // libpq's allow, prefer and require encrypt without verifying the server's certificate.
        ssl.setTrustAll(true);
        ssl.setHostnameVerificationAlgorithm("");
      }
    }
    return ssl;
  }

  private static TrustOptions trust(String rootCert) {
    if (rootCert != null && !rootCert.isBlank()) {
      return new PemTrustOptions().addCertPath(rootCert);
    }
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      return TrustOptions.wrap(factory);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM's default trust store cannot be loaded", e);
    }
  }

  record Parsed(String host, int port, String user, String password, String database, SslMode sslMode,
                Map<String, String> parameters) {}

  /** Takes the URL apart by hand: {@link URI#getHost()} drops hosts such as {@code scalelite_db}. */
  static Parsed parse(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgres") && !scheme.equals("postgresql") || url.isOpaque()
        || url.getRawAuthority() == null || url.getRawAuthority().isEmpty()) {
      throw rejected(url, "a postgres:// or postgresql:// URL with a host, e.g. "
          + "postgres://user:password@db.example.com:5432/scalelite");
    }
    String authority = url.getRawAuthority();
    int at = authority.lastIndexOf('@');
    String userinfo = at < 0 ? "" : authority.substring(0, at);
    String hostPort = authority.substring(at + 1);
    int colon = userinfo.indexOf(':');
    String user = decode(colon < 0 ? userinfo : userinfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userinfo.substring(colon + 1));
    if (user.isEmpty()) {
      user = System.getProperty("user.name", "postgres");
    }
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw rejected(url, "an IPv6 host in brackets, e.g. postgres://[::1]:5432/scalelite");
      }
      host = hostPort.substring(1, close);
      String rest = hostPort.substring(close + 1);
      port = rest.startsWith(":") ? rest.substring(1) : rest.isEmpty() ? "" : null;
    } else {
      int portColon = hostPort.lastIndexOf(':');
      host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
      port = portColon < 0 ? "" : hostPort.substring(portColon + 1);
    }
    if (host.isEmpty() || port == null) {
      throw rejected(url, "a host, e.g. postgres://user:password@db.example.com:5432/scalelite");
    }
    int portNumber = DEFAULT_PORT;
    if (!port.isEmpty()) {
      try {
        portNumber = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        portNumber = -1;
      }
      if (portNumber < 1 || portNumber > 65535) {
        throw rejected(url, "a port from 1 to 65535");
      }
    }
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    String database = path.length() <= 1 ? DEFAULT_DATABASE : decode(path.substring(1));
    if (database.indexOf('/') >= 0) {
      throw rejected(url, "a database name after the host, e.g. postgres://db.example.com/scalelite");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String query = url.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(Locale.ROOT);
        parameters.put(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    SslMode sslMode;
    try {
      sslMode = SslMode.of(parameters.getOrDefault("sslmode", "prefer").toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw rejected(url, "sslmode one of disable, allow, prefer, require, verify-ca, verify-full");
    }
    String connectTimeout = parameters.get("connect_timeout");
    if (connectTimeout != null && !connectTimeout.isBlank() && !connectTimeout.trim().matches("\\d{1,9}")) {
      throw rejected(url, "connect_timeout in whole seconds");
    }
    return new Parsed(host, portNumber, user, password, database, sslMode, Map.copyOf(parameters));
  }

  private static IllegalArgumentException rejected(URI url, String expected) {
    String shown = url.getScheme() + "://" + (url.getRawAuthority() == null ? ""
        : url.getRawAuthority().substring(url.getRawAuthority().lastIndexOf('@') + 1))
        + (url.getRawPath() == null ? "" : url.getRawPath());
    return new IllegalArgumentException("url: '" + shown + "' (expected: " + expected + ")");
  }

  /** Percent-decoding: {@code %XX} are UTF-8 bytes, {@code +} stays a plus. */
  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
        bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
        i += 3;
      } else {
        int end = raw.indexOf('%', i + 1);
        end = end < 0 ? raw.length() : end;
        bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
