package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisException;
import io.switchboard.conf.ServerState;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis Sentinel for real: a sentinel started by the test ({@code redis-server --sentinel}) monitors the test Redis as
 * a master of a name of its own; the stores ask it for the master and work there.
 */
@ExtendWith(RedisTestSupport.Required.class)
class RedisSentinelTest {
  private static Process sentinel;
  private static Path directory;
  private static int sentinelPort;
  private static String masterName;

  private String namespace;
  private RedisTestSupport.Raw raw;
  private Stores stores;

  @BeforeAll
  static void startSentinel() throws Exception {
    Optional<Path> redisServer = Stream.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")
        .map(Path::of).filter(Files::isExecutable).findFirst();
    if (redisServer.isEmpty()) {
      String message = "redis-server is not installed, so no sentinel can be started";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message + "; CI=true, so this is a failure");
      }
      Assumptions.abort(message + ": SKIPPED the Sentinel test (apt-get install redis-server)");
    }
    String host = RedisTestSupport.REDIS_URI.getHost();
    int port = RedisTestSupport.REDIS_URI.getPort() < 0 ? 6379 : RedisTestSupport.REDIS_URI.getPort();
    directory = Files.createTempDirectory("sbtest-sentinel");
    sentinelPort = TcpForwarder.freePort();
    masterName = RedisTestSupport.namespace();
    Path config = directory.resolve("sentinel.conf");
    Files.writeString(config, String.join("\n",
        "port " + sentinelPort,
        "bind 127.0.0.1",
        "daemonize no",
        "dir " + directory,
        "sentinel monitor " + masterName + " " + host + " " + port + " 1",
        ""));
    sentinel = new ProcessBuilder(redisServer.get().toString(), config.toString(), "--sentinel")
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("sentinel.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!answers(sentinelPort)) {
      if (System.nanoTime() > deadline || !sentinel.isAlive()) {
        throw new AssertionError("the sentinel did not start: " + Files.readString(directory.resolve("sentinel.log")));
      }
      Thread.sleep(50);
    }
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @AfterAll
  static void stopSentinel() throws Exception {
    if (sentinel != null) {
      sentinel.destroy();
      if (!sentinel.waitFor(5, TimeUnit.SECONDS)) {
        sentinel.destroyForcibly();
      }
    }
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @BeforeEach
  void open() {
    namespace = RedisTestSupport.namespace();
    raw = new RedisTestSupport.Raw(namespace);
  }

  @AfterEach
  void close() {
    if (stores != null) {
      stores.close();
    }
    raw.close();
  }

  private Stores openVia(List<String> sentinels) {
    RedisStoreSettings settings = RedisStoreSettings.of(URI.create("redis://master-from-sentinel/0"))
        .withNamespace(namespace)
        .withCommandTimeout(Duration.ofSeconds(2))
        .withSentinel(new RedisStoreSettings.Sentinel(masterName, sentinels, Optional.empty()));
    stores = RedisStores.open(settings, Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
    return stores;
  }

  @Test
  void theStoresFindTheMasterThroughTheSentinel() {
    Stores viaSentinel = openVia(List.of("127.0.0.1:" + sentinelPort));
    ServerRecord server = new ServerRecord("bbb-1", URI.create("https://bbb-1.example.com/bigbluebutton/api"),
        "secret", ServerState.ENABLED, true, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, "");

    viaSentinel.servers().save(server).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();

    assertThat(raw.redis.hget(raw.key("server:bbb-1"), "secret")).isEqualTo("secret");
  }

  @Test
  void aDeadSentinelIsSkippedForALiveOne() throws IOException {
    Stores viaSentinel = openVia(List.of("127.0.0.1:" + TcpForwarder.freePort(), "127.0.0.1:" + sentinelPort));

    assertThat(viaSentinel.servers().all().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));
  }

  @Test
  void noSentinelReachableFailsCallsFast() throws IOException {
    Stores viaSentinel = openVia(List.of("127.0.0.1:" + TcpForwarder.freePort()));

    assertThat(viaSentinel.servers().all().toCompletableFuture()).failsWithin(Duration.ofSeconds(4))
        .withThrowableThat().withCauseInstanceOf(RedisException.class);
  }
}
