package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.switchboard.conf.RedisConfig;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the stores do when Redis is not there, goes away or comes back: every call answers (fails) within the command
 * timeout, nothing hangs, and the stores work again without being reopened.
 */
@ExtendWith(RedisTestSupport.Required.class)
class RedisConnectionTest {
  private static final Duration TIMEOUT = Duration.ofMillis(800);
  /** The longest a failing call may take: the timeout plus scheduling slack. */
  private static final Duration ANSWERED_WITHIN = TIMEOUT.plusMillis(1_200);

  private String namespace;
  private RedisTestSupport.Raw raw;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void open() {
    namespace = RedisTestSupport.namespace();
    raw = new RedisTestSupport.Raw(namespace);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : closing) {
      closeable.close();
    }
    raw.close();
  }

  private Stores storesAt(int port) {
    RedisStoreSettings settings = RedisStoreSettings.of(URI.create("redis://127.0.0.1:" + port))
        .withNamespace(namespace)
        .withCommandTimeout(TIMEOUT);
    long started = System.nanoTime();
    Stores stores = RedisStores.open(settings, Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("open never waits on Redis")
        .isLessThan(Duration.ofSeconds(1));
    closing.add(0, stores::close);
    return stores;
  }

  /** Asserts the call fails, within the timeout, with a Redis exception. */
  private static void failsFast(CompletionStage<?> call) {
    long started = System.nanoTime();
    CompletableFuture<?> future = call.toCompletableFuture();
    assertThat(future).failsWithin(ANSWERED_WITHIN)
        .withThrowableThat()
        .withCauseInstanceOf(RedisException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWERED_WITHIN);
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static ServerRecord server(String id) {
    return new ServerRecord(id, URI.create("https://" + id + ".example.com/bigbluebutton/api"), "secret",
        io.switchboard.conf.ServerState.ENABLED, true, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, "");
  }

  @Test
  void aClosedPortFailsEveryCallFast() throws IOException {
    Stores stores = storesAt(TcpForwarder.freePort());

    failsFast(stores.servers().all());
    failsFast(stores.load().snapshot());
    failsFast(stores.load().incrementLeastLoaded(Map.of("bbb-1", 1.0)));
    failsFast(stores.meetings().find("m-1"));
    failsFast(stores.recordingTokens().consume("token"));
    failsFast(stores.leases().tryAcquire("poller", "me", Duration.ofSeconds(5)));

    assertThat(stores.servers().all().toCompletableFuture()).failsWithin(ANSWERED_WITHIN)
        .withThrowableThat().withCauseInstanceOf(RedisConnectionException.class);
  }

  @Test
  void theHealthCheckOfAnUnreachableRedisFailsFastNamingIt() throws IOException {
    int port = TcpForwarder.freePort();
    Stores stores = storesAt(port);

    assertThat(stores.check().toCompletableFuture()).failsWithin(ANSWERED_WITHIN)
        .withThrowableThat()
        .havingRootCause()
        .isInstanceOf(java.net.ConnectException.class);
    assertThat(stores.check().toCompletableFuture()).failsWithin(ANSWERED_WITHIN)
        .withThrowableThat()
        .withMessageContaining("Redis at redis://127.0.0.1:" + port);
  }

  @Test
  void aServerThatNeverAnswersFailsCallsWithinTheTimeout() throws Exception {
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    List<Socket> accepted = new ArrayList<>();
    Thread acceptor = new Thread(() -> {
      while (!silent.isClosed()) {
        try {
          accepted.add(silent.accept()); // accepts, reads nothing, answers nothing
        } catch (IOException e) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    closing.add(() -> {
      silent.close();
      for (Socket socket : accepted) {
        socket.close();
      }
    });
    Stores stores = storesAt(silent.getLocalPort());

    failsFast(stores.servers().find("bbb-1"));
    failsFast(stores.meetings().all());
  }

  @Test
  void storesOpenedWhileRedisIsDownWorkOnceItIsUp() throws Exception {
    TcpForwarder redis = new TcpForwarder(TcpForwarder.freePort(), "127.0.0.1", 6379);
    closing.add(redis);
    Stores stores = storesAt(redis.port());
    failsFast(stores.servers().all());

    redis.start();

    RedisTestSupport.eventually(Duration.ofSeconds(10),
        () -> assertThat(stores.servers().save(server("bbb-1")).toCompletableFuture())
            .succeedsWithin(Duration.ofSeconds(2)));
    assertThat(raw.redis.sismember(raw.key("servers"), "bbb-1")).isTrue();
  }

  @Test
  void aRedisRestartFailsCallsFastAndTheStoresReconnectByThemselves() throws Exception {
    TcpForwarder redis = new TcpForwarder(TcpForwarder.freePort(), "127.0.0.1", 6379);
    closing.add(redis);
    redis.start();
    Stores stores = storesAt(redis.port());
    await(stores.servers().save(server("bbb-1")));

    redis.stop(); // Redis goes away: connections drop, the port refuses
    failsFast(stores.servers().find("bbb-1"));
    failsFast(stores.load().set("bbb-1", 1));
    Thread.sleep(1_500); // a while down, reconnection attempts failing
    failsFast(stores.servers().find("bbb-1"));

    redis.start(); // and comes back
    RedisTestSupport.eventually(Duration.ofSeconds(10),
        () -> assertThat(stores.servers().find("bbb-1").toCompletableFuture())
            .succeedsWithin(Duration.ofSeconds(2))
            .isEqualTo(Optional.of(server("bbb-1"))));
  }

  @Test
  void scriptsAreSentAgainWhenRedisHasForgottenThem() {
    Stores stores = RedisTestSupport.open(namespace, Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
    closing.add(stores::close);
    await(stores.load().set("bbb-1", 1));
    assertThat(await(stores.load().incrementLeastLoaded(Map.of("bbb-1", 1.0)))).contains("bbb-1");

    raw.redis.scriptFlush(); // as after a Redis restart: EVALSHA answers NOSCRIPT

    assertThat(await(stores.load().incrementLeastLoaded(Map.of("bbb-1", 1.0)))).contains("bbb-1");
    assertThat(await(stores.load().snapshot())).containsEntry("bbb-1", 3.0);
  }

  @Test
  void theConnectionNamesItselfForClientList() {
    Stores stores = RedisTestSupport.open(namespace, Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
    closing.add(stores::close);
    await(stores.servers().all());

    assertThat(raw.redis.clientList()).contains("name=switchboard:" + namespace + " ");
  }

  @Test
  void storesOpenFromTheConfModulesRedisConfig() {
    RedisConfig config = new RedisConfig(Optional.of(RedisTestSupport.REDIS_URI), namespace, Optional.empty(),
        Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(30));
    Stores stores = RedisStores.open(config, Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
    closing.add(stores::close);

    await(stores.servers().save(server("bbb-1")));

    assertThat(raw.redis.hget(raw.key("server:bbb-1"), "secret")).isEqualTo("secret");
    assertThat(stores.load()).isInstanceOfSatisfying(CachedLoadTable.class,
        load -> assertThat(load.staleness()).isEqualTo(Duration.ofMillis(200)));
    assertThat(stores.servers()).isInstanceOfSatisfying(CachedServerStore.class,
        servers -> assertThat(servers.staleness()).isEqualTo(Duration.ofMillis(200)));
  }
}
