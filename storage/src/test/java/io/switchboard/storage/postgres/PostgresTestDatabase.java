package io.switchboard.storage.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A freshly created PostgreSQL database for one test class ({@code sbtest_<random>}), dropped by {@link #close}, so
 * test classes never share state. The server is the one of {@code SWITCHBOARD_TEST_POSTGRES_URL} (default
 * {@code postgres://postgres@127.0.0.1:5432/test}, trust auth). When it cannot be reached the calling test class is
 * skipped with a message saying so — except with {@code CI=true}, where that is a failure.
 */
final class PostgresTestDatabase implements AutoCloseable {
  static final String URL_VARIABLE = "SWITCHBOARD_TEST_POSTGRES_URL";
  static final String DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";

  private final Vertx vertx;
  private final PgConnectOptions admin;
  private final PgConnection connection;
  private final String name;
  private final URI url;

  private PostgresTestDatabase(Vertx vertx, PgConnectOptions admin, PgConnection connection, String name, URI url) {
    this.vertx = vertx;
    this.admin = admin;
    this.connection = connection;
    this.name = name;
    this.url = url;
  }

  /** A new, empty database; skips (or, with CI=true, fails) the test when PostgreSQL is unreachable. */
  static PostgresTestDatabase create() {
    String adminUrl = System.getenv().getOrDefault(URL_VARIABLE, DEFAULT_URL);
    PostgresSettings settings = new PostgresSettings(URI.create(adminUrl), 1, false);
    PgConnectOptions admin = settings.connectOptions().setSslMode(io.vertx.pgclient.SslMode.DISABLE);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    PgConnection adminConnection;
    try {
      adminConnection = await(PgConnection.connect(vertx, admin));
    } catch (RuntimeException e) {
      await(vertx.close());
      String message = "PostgreSQL is not reachable at " + settings.redacted() + " (" + e.getMessage() + "); set "
          + URL_VARIABLE + " to a server where the user may CREATE DATABASE";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " — CI=true, so PostgreSQL tests must not be skipped");
      }
      // Printed as well: Surefire's console summary shows a skipped class's count, not its reason.
      System.err.println("[" + StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames ->
          frames.skip(1).findFirst().map(frame -> frame.getDeclaringClass().getSimpleName()).orElse("postgres"))
          + "] SKIPPED: " + message);
      Assumptions.abort("skipped: " + message);
      throw new AssertionError("unreachable");
    }
    String name = "sbtest_" + HexFormat.of().formatHex(randomBytes());
    await(adminConnection.query("CREATE DATABASE " + name).execute());
    adminConnection.close();
    PgConnection connection = await(PgConnection.connect(vertx, new PgConnectOptions(admin).setDatabase(name)));
    URI url = URI.create(adminUrl.replaceFirst("^(postgres(?:ql)?://[^/?]*)(/[^?]*)?", "$1/" + name));
    return new PostgresTestDatabase(vertx, admin, connection, name, url);
  }

  String name() {
    return name;
  }

  /** The URL of this database, with the credentials of the admin URL. */
  URI url() {
    return url;
  }

  /** Settings for {@link PostgresRecordings#open}: a pool of 4, prepared statements as given. */
  PostgresSettings settings(boolean preparedStatements) {
    return new PostgresSettings(url, 4, preparedStatements);
  }

  PostgresSettings settings() {
    return settings(true);
  }

  /** Runs {@code sql} (several statements allowed, no parameters) and waits. */
  void execute(String sql) {
    await(connection.query(sql).execute());
  }

  /** Runs one statement with parameters and returns its rows. */
  List<Row> query(String sql, Object... params) {
    RowSet<Row> rows = await(connection.preparedQuery(sql).execute(Tuple.wrap(params)));
    List<Row> list = new ArrayList<>();
    rows.forEach(list::add);
    return list;
  }

  /** One column of the rows of {@code sql}, as text. */
  List<String> column(String sql, Object... params) {
    List<String> values = new ArrayList<>();
    for (Row row : query(sql, params)) {
      Object value = row.getValue(0);
      values.add(value == null ? null : value.toString());
    }
    return values;
  }

  /** Empties Scalelite's tables (the schema stays). */
  void truncate() {
    execute("TRUNCATE recordings, metadata, playback_formats, thumbnails, callback_data RESTART IDENTITY");
  }

  /** Drops the database (forcing out any connection left open) and closes the admin connections. */
  @Override
  public void close() {
    try {
      await(connection.close());
      PgConnection adminConnection = await(PgConnection.connect(vertx, admin));
      await(adminConnection.query("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").execute());
      await(adminConnection.close());
    } finally {
      await(vertx.close());
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
