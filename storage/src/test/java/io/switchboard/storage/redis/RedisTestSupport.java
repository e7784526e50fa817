package io.switchboard.storage.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.switchboard.conf.RedisUrl;
import io.switchboard.storage.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Redis the tests use: {@code redis://127.0.0.1:6379} unless {@code SWITCHBOARD_TEST_REDIS_URL} says
 * otherwise. Each test works in its own namespace ({@code sbtest-<random>}) and deletes its keys afterwards, so tests
 * never see each other's keys nor anybody else's.
 *
 * <p>{@link Required} skips a test class, saying why, when Redis is not reachable — except under {@code CI=true}, where
 * CI has started Redis and its absence is a failure.
 */
final class RedisTestSupport {
  static final URI REDIS_URI = URI.create(
      System.getenv().getOrDefault("SWITCHBOARD_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private RedisTestSupport() {}

  /** Skips (or, in CI, fails) the test class when Redis does not answer PING. */
  static final class Required implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      String problem = problem();
      if (problem == null) {
        return;
      }
      String message = "Redis is not reachable at " + RedisUrl.parse(REDIS_URI, "SWITCHBOARD_TEST_REDIS_URL").redacted() + " (" + problem + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message + "; CI=true, so this is a failure: .ci/run must start Redis");
      }
      String skipped = message + ": SKIPPED the Redis tests of " + context.getDisplayName()
          + ". Start redis-server on 127.0.0.1:6379 (e.g. apt-get install redis-server && redis-server --daemonize yes)"
          + " or set SWITCHBOARD_TEST_REDIS_URL.";
      System.err.println(skipped);
      Assumptions.abort(skipped);
    }

    /** Why Redis cannot be used, or null when it answers PING. */
    private static String problem() {
      String host = REDIS_URI.getHost() == null ? "127.0.0.1" : REDIS_URI.getHost();
      int port = REDIS_URI.getPort() < 0 ? 6379 : REDIS_URI.getPort();
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
        // +PONG, or -NOAUTH when the URL has a password: the server is there either way.
        return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH") ? null : "PING answered " + answer.trim();
      } catch (IOException e) {
        return e.toString();
      }
    }
  }

  /** A fresh namespace for one test. */
  static String namespace() {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    return "sbtest-" + HexFormat.of().formatHex(random);
  }

  static RedisStoreSettings settings(String namespace) {
    return RedisStoreSettings.of(REDIS_URI).withNamespace(namespace).withCommandTimeout(COMMAND_TIMEOUT);
  }

  static Stores open(String namespace, Clock clock, Duration meetingTtl) {
    return RedisStores.open(settings(namespace), clock, meetingTtl);
  }

  /**
   * A plain connection of the test's own, to write keys as Scalelite would and read them back raw; closing it deletes
   * every key of the namespace.
   */
  static final class Raw implements AutoCloseable {
    final String namespace;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    final RedisCommands<String, String> redis;

    Raw(String namespace) {
      this.namespace = namespace;
      RedisURI uri = RedisURI.create(REDIS_URI);
      uri.setTimeout(COMMAND_TIMEOUT);
      this.client = RedisClient.create(uri);
      this.connection = client.connect();
      this.redis = connection.sync();
    }

    /** The namespaced key, as Scalelite's redis-namespace writes it. */
    String key(String key) {
      return namespace + ":" + key;
    }

    /** Every key of the namespace. */
    List<String> keys() {
      List<String> found = new java.util.ArrayList<>();
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(namespace + ":*").limit(500));
        found.addAll(page.getKeys());
        cursor = page;
      } while (!cursor.isFinished());
      return found;
    }

    void deleteNamespace() {
      List<String> keys = keys();
      if (!keys.isEmpty()) {
        redis.del(keys.toArray(String[]::new));
      }
    }

    @Override
    public void close() {
      try {
        deleteNamespace();
      } finally {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    }
  }

  /** Waits until {@code condition} holds, failing after {@code timeout}. */
  static void eventually(Duration timeout, Check condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    AssertionError last = null;
    while (System.nanoTime() < deadline) {
      try {
        condition.run();
        return;
      } catch (AssertionError e) {
        last = e;
      }
      Thread.sleep(20);
    }
    if (last != null) {
      throw last;
    }
    condition.run();
  }

  @FunctionalInterface
  interface Check {
    void run() throws Exception;
  }
}
