package io.switchboard.proxy.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Redis and PostgreSQL a test's Switchboard instances share: a fresh Redis namespace
 * ({@code sbtest-<random>}) and a freshly created database ({@code sbtest_<random>}), both removed by {@link #close}.
 * The servers are {@code SWITCHBOARD_TEST_REDIS_URL} (default {@code redis://127.0.0.1:6379}) and
 * {@code SWITCHBOARD_TEST_POSTGRES_URL} (default {@code postgres://postgres@127.0.0.1:5432/test}, trust auth, a user who
 * may CREATE DATABASE) — the same variables as the storage module's tests.
 *
 * <p>When either cannot be reached, {@link #create} skips the calling test, saying why on stderr and in the skip
 * reason; with {@code CI=true} that is a failure instead, as CI starts both servers.
 */
public final class SharedStores implements AutoCloseable {
  public static final String REDIS_URL_VARIABLE = "SWITCHBOARD_TEST_REDIS_URL";
  public static final String POSTGRES_URL_VARIABLE = "SWITCHBOARD_TEST_POSTGRES_URL";
  static final URI REDIS_URL = URI.create(System.getenv().getOrDefault(REDIS_URL_VARIABLE, "redis://127.0.0.1:6379"));
  static final URI POSTGRES_ADMIN_URL =
      URI.create(System.getenv().getOrDefault(POSTGRES_URL_VARIABLE, "postgres://postgres@127.0.0.1:5432/test"));
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final Set<String> REPORTED_SKIPS = ConcurrentHashMap.newKeySet();
  private static @Nullable Vertx vertx;

  private final String namespace;
  private final String database;
  private boolean closed;

  private SharedStores(String namespace, String database) {
    this.namespace = namespace;
    this.database = database;
  }

  /**
   * A new namespace and a new, empty database; skips the test (fails it with {@code CI=true}) when Redis or PostgreSQL
   * does not answer.
   */
  public static SharedStores create() {
    requireServers();
    String suffix = HexFormat.of().formatHex(randomBytes());
    String database = "sbtest_" + suffix;
    adminExecute("CREATE DATABASE " + database);
    return new SharedStores("sbtest-" + suffix, database);
  }

  /**
   * Skips the calling test (fails it under {@code CI=true}) unless both Redis and PostgreSQL answer. Checked on every
   * call: a refused local connection costs microseconds.
   */
  public static void requireServers() {
    List<String> problems = new ArrayList<>();
    String redis = redisProblem();
    if (redis != null) {
      problems.add("Redis is not reachable at " + redacted(REDIS_URL) + " (" + redis + "); start redis-server on "
          + "127.0.0.1:6379 or set " + REDIS_URL_VARIABLE);
    }
    String postgres = postgresProblem();
    if (postgres != null) {
      problems.add("PostgreSQL is not reachable at " + redacted(POSTGRES_ADMIN_URL) + " (" + postgres + "); start it "
          + "with a database named test and trust authentication, or set " + POSTGRES_URL_VARIABLE
          + " to a server where the user may CREATE DATABASE");
    }
    if (problems.isEmpty()) {
      return;
    }
    String message = String.join("; ", problems);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + " — CI=true, so the shared-store tests must not be skipped (.ci/run starts "
          + "both servers)");
    }
    String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
        .map(StackWalker.StackFrame::getDeclaringClass)
        .filter(type -> !type.getPackageName().equals(SharedStores.class.getPackageName()))
        .findFirst().map(Class::getSimpleName).orElse("shared stores"));
    // Printed as well (once per test class): Surefire's console summary counts skipped tests but does not show why.
    if (REPORTED_SKIPS.add(caller)) {
      System.err.println("[" + caller + "] SKIPPED (shared stores): " + message);
    }
    Assumptions.abort("skipped: " + message);
  }

  /** The Redis namespace, {@code sbtest-<random>}. */
  public String namespace() {
    return namespace;
  }

  /** The database's name, {@code sbtest_<random>}. */
  public String database() {
    return database;
  }

  /** The Redis URL the instances use. */
  public URI redisUrl() {
    return REDIS_URL;
  }

  /** The database's URL, with the credentials of {@code SWITCHBOARD_TEST_POSTGRES_URL}. */
  public URI databaseUrl() {
    return URI.create(POSTGRES_ADMIN_URL.toString()
        .replaceFirst("^(postgres(?:ql)?://[^/?]*)(/[^?]*)?", "$1/" + database));
  }

  /** The configuration that points an instance at these stores, as an operator's REDIS_URL, REDIS_NAMESPACE, DATABASE_URL. */
  public String hocon() {
    return "switchboard.redis.url = \"" + REDIS_URL + "\"\n"
        + "switchboard.redis.namespace = \"" + namespace + "\"\n"
        + "switchboard.database.url = \"" + databaseUrl() + "\"\n";
  }

  /** Every key of the namespace, sorted. */
  public List<String> keys() {
    return withRedis(redis -> {
      List<String> found = new ArrayList<>();
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(namespace + ":*").limit(1000));
        found.addAll(page.getKeys());
        cursor = page;
      } while (!cursor.isFinished());
      found.sort(null);
      return found;
    });
  }

  /** The first column, as text, of the rows {@code sql} (no parameters) returns on this database. */
  public List<String> query(String sql) {
    return adminQuery(database, sql);
  }

  /** Whether a database named {@code name} exists on the server. */
  static boolean databaseExists(String name) {
    return !adminQuery(null, "SELECT datname FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'")
        .isEmpty();
  }

  /** Deletes the namespace's keys and drops the database (forcing out connections left open). Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      List<String> keys = keys();
      if (!keys.isEmpty()) {
        withRedis(redis -> redis.del(keys.toArray(String[]::new)));
      }
    } finally {
      adminExecute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Override
  public String toString() {
    return "SharedStores[redis " + redacted(REDIS_URL) + " namespace " + namespace + ", database " + database + "]";
  }

  private interface RedisWork<T> {
    T run(RedisCommands<String, String> redis);
  }

  private static <T> T withRedis(RedisWork<T> work) {
    RedisURI uri = RedisURI.create(REDIS_URL);
    uri.setTimeout(TIMEOUT);
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return work.run(connection.sync());
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  /** Runs one statement on the admin database ({@code CREATE DATABASE} cannot run in a transaction: no pool). */
  private static void adminExecute(String sql) {
    adminQuery(null, sql);
  }

  /** Runs {@code sql} on {@code database} (null: the admin database) and returns the first column of its rows. */
  private static List<String> adminQuery(@Nullable String database, String sql) {
    PgConnectOptions options = adminOptions();
    if (database != null) {
      options.setDatabase(database);
    }
    PgConnection connection = await(PgConnection.connect(vertx(), options));
    try {
      List<String> values = new ArrayList<>();
      for (Row row : await(connection.query(sql).execute())) {
        Object value = row.size() == 0 ? null : row.getValue(0);
        values.add(value == null ? null : value.toString());
      }
      return values;
    } finally {
      await(connection.close());
    }
  }

  private static PgConnectOptions adminOptions() {
    URI url = POSTGRES_ADMIN_URL;
    PgConnectOptions options = new PgConnectOptions()
        .setHost(url.getHost() == null ? "127.0.0.1" : url.getHost())
        .setPort(url.getPort() < 0 ? 5432 : url.getPort())
        .setDatabase(url.getPath() == null || url.getPath().length() <= 1 ? "postgres" : url.getPath().substring(1))
        .setSslMode(SslMode.DISABLE);
    String userInfo = url.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      options.setUser(URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8));
      if (colon >= 0) {
        options.setPassword(URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8));
      }
    } else {
      options.setUser(System.getProperty("user.name"));
    }
    return options;
  }

  /** One small Vert.x for the admin statements of every test in this JVM (the instances open their own). */
  private static synchronized Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setFileSystemOptions(
          new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    }
    return vertx;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("PostgreSQL did not answer within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Why Redis cannot be used, or null when it answers PING (or asks for a password: it is there). */
  private static @Nullable String redisProblem() {
    String host = REDIS_URL.getHost() == null ? "127.0.0.1" : REDIS_URL.getHost();
    int port = REDIS_URL.getPort() < 0 ? 6379 : REDIS_URL.getPort();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[64];
      int read = in.read(reply);
      String answer = read < 0 ? "" : new String(reply, 0, read, StandardCharsets.US_ASCII);
      return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH") ? null : "PING answered " + answer.trim();
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Why PostgreSQL cannot be used, or null when the admin database accepts a connection. */
  private static @Nullable String postgresProblem() {
    try {
      await(PgConnection.connect(vertx(), adminOptions()).compose(PgConnection::close));
      return null;
    } catch (RuntimeException e) {
      return e.getMessage() == null ? e.toString() : e.getMessage();
    }
  }

  private static String redacted(URI url) {
    String userInfo = url.getRawUserInfo();
    if (userInfo == null || userInfo.indexOf(':') < 0) {
      return url.toString();
    }
    return url.toString().replace(userInfo + "@", userInfo.substring(0, userInfo.indexOf(':')) + ":<hidden>@");
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
