package io.switchboard.storage.postgres;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.DatabaseConfig;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where {@link PostgresRecordings} connects, and how.
 *
 * @param url Scalelite's {@code DATABASE_URL}: {@code postgres://[user[:password]@]host[:port][/database][?params]}
 *     or the same with {@code postgresql://}, taken apart by the conf module's {@link DatabaseConfig} exactly as
 *     {@code switchboard.database.url} is. User and password are percent-decoded ({@code +} stays a plus); without
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

  public PostgresSettings {
    requireNonNull(url, "url");
    parse(url, poolSize, preparedStatements);
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

  /** The database the URL names, or Scalelite's {@code scalelite}. */
  public String database() {
    return parsed().config().database();
  }

  @Override
  public String toString() {
    return "PostgresSettings[url=" + redacted() + ", poolSize=" + poolSize + ", preparedStatements="
        + preparedStatements + "]";
  }

  /** The URL with its password hidden. */
  public String redacted() {
    return redacted(parsed());
  }

  /** Vert.x options for this URL and these settings. */
  PgConnectOptions connectOptions() {
    Parsed parsed = parsed();
    DatabaseConfig config = parsed.config();
    PgConnectOptions options = new PgConnectOptions()
        .setHost(config.host().orElseThrow())
        .setPort(config.port())
        .setUser(parsed.user())
        .setDatabase(config.database())
        .setCachePreparedStatements(preparedStatements)
        .setPreparedStatementCacheMaxSize(512)
        // The recordings store's statements are long (the save statement is about 2,000 characters).
        .setPreparedStatementCacheSqlLimit(16_384)
        .setPipeliningLimit(256)
        .setSslMode(parsed.sslMode());
    config.password().ifPresent(options::setPassword);
    String applicationName = parsed.parameters().getOrDefault("application_name", "switchboard");
    options.addProperty("application_name", applicationName);
    if (parsed.sslMode() != SslMode.DISABLE) {
      options.setSslOptions(sslOptions(parsed));
    }
    return options;
  }

  /** How long opening a TCP connection may take: the URL's {@code connect_timeout}, else 10 s. */
  int connectTimeoutMillis() {
    String connectTimeout = parsed().parameters().get("connect_timeout");
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

  /**
   * The URL as the conf module takes DATABASE_URL apart, and what connecting adds to it: the user (the OS user, as
   * libpq, when the URL names none), the {@code sslmode} and the query parameters with names in lower case.
   */
  private record Parsed(DatabaseConfig config, String user, SslMode sslMode, Map<String, String> parameters) {}

  private Parsed parsed() {
    return parse(url, poolSize, preparedStatements);
  }

  /**
   * The URL taken apart by the conf module, with the two parameters it does not check: {@code sslmode} and
   * {@code connect_timeout}.
   */
  private static Parsed parse(URI url, int poolSize, boolean preparedStatements) {
    DatabaseConfig config = new DatabaseConfig(Optional.of(url), poolSize, preparedStatements);
    Map<String, String> parameters = new LinkedHashMap<>();
    config.parameters().forEach((name, value) -> parameters.put(name.toLowerCase(Locale.ROOT), value));
    String user = config.username().orElseGet(() -> System.getProperty("user.name", "postgres"));
    SslMode sslMode;
    try {
      sslMode = SslMode.of(parameters.getOrDefault("sslmode", "prefer").toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw rejected(config, user, "sslmode one of disable, allow, prefer, require, verify-ca, verify-full");
    }
    String connectTimeout = parameters.get("connect_timeout");
    if (connectTimeout != null && !connectTimeout.isBlank() && !connectTimeout.trim().matches("\\d{1,9}")) {
      throw rejected(config, user, "connect_timeout in whole seconds");
    }
    return new Parsed(config, user, sslMode, Map.copyOf(parameters));
  }

  private static IllegalArgumentException rejected(DatabaseConfig config, String user, String expected) {
    return new IllegalArgumentException("url: '" + redacted(config, user) + "' (expected: " + expected + ")");
  }

  private static String redacted(Parsed parsed) {
    return redacted(parsed.config(), parsed.user());
  }

  private static String redacted(DatabaseConfig config, String user) {
    String host = config.host().orElseThrow();
    return config.url().orElseThrow().getScheme() + "://" + user + (config.password().isEmpty() ? "" : ":<hidden>")
        + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + config.port() + "/" + config.database();
  }
}
