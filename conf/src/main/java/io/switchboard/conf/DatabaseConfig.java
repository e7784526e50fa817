package io.switchboard.conf;

import static io.switchboard.conf.Checks.between;
import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The shared PostgreSQL database ({@code switchboard.database}, spec §8): Scalelite's {@code DATABASE_URL},
 * {@code postgres://[user[:password]@]host[:port][/database][?param=value&...]} or {@code postgresql://...} (scheme in
 * lower case), the size of the connection pool and whether statements are prepared (Scalelite's
 * {@code PREPARED_STATEMENT}; off behind pgbouncer in transaction mode). Use {@link #host()}, {@link #port()},
 * {@link #database()}, {@link #username()}, {@link #password()} and {@link #parameters()} rather than
 * {@link URI#getHost()}, which is null for a host name with {@code _}. The database is used when
 * {@link #configured()}; otherwise recordings stay in the embedded store. {@link #toString()} hides the password.
 */
public record DatabaseConfig(Optional<URI> url, int poolSize, boolean preparedStatements) {
  public DatabaseConfig {
    requireNonNull(url, "url");
    url = url.map(given -> parse(given).uri());
    between(poolSize, 1, Integer.MAX_VALUE, "poolSize");
  }

  /** Whether Switchboard keeps recordings in this database: a URL is set. */
  public boolean configured() {
    return url.isPresent();
  }

  /** The URL's host, an IPv6 address without brackets; empty without a URL. */
  public Optional<String> host() {
    return parsed().map(parsed -> parsed.hosts().get(0).host());
  }

  /** The URL's port, 5432 when it names none. */
  public int port() {
    return parsed().map(parsed -> parsed.hosts().get(0).port()).orElse(StoreUrls.POSTGRES_PORT);
  }

  /** The database named by the URL's path, percent-decoded; Scalelite's {@code scalelite} when it names none. */
  public String database() {
    return parsed().map(StoreUrls.Parsed::path).filter(name -> !name.isEmpty()).orElse(StoreUrls.DEFAULT_DATABASE);
  }

  /** The user of the URL's userinfo, percent-decoded; empty for the driver's default. */
  public Optional<String> username() {
    return parsed().flatMap(StoreUrls.Parsed::username);
  }

  /** The password of the URL's userinfo, percent-decoded; empty for none. */
  public Optional<String> password() {
    return parsed().flatMap(StoreUrls.Parsed::password);
  }

  /**
   * The URL's query as libpq connection parameters, e.g. {@code sslmode=require}, percent-decoded, in order; never
   * {@code user} or {@code password}, which the userinfo carries.
   */
  public Map<String, String> parameters() {
    return parsed().map(StoreUrls.Parsed::parameters).orElse(Map.of());
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url=" + url.map(StoreUrls::redact) + ", poolSize=" + poolSize + ", preparedStatements="
        + preparedStatements + "]";
  }

  private Optional<StoreUrls.Parsed> parsed() {
    return url.map(DatabaseConfig::parse);
  }

  private static StoreUrls.Parsed parse(URI url) {
    try {
      return StoreUrls.database(url.toString());
    } catch (StoreUrls.Rejected e) {
      throw Checks.invalid("url", StoreUrls.redact(url.toString(), true), e.getMessage());
    }
  }
}
