package io.switchboard.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.storage.Stores;
import io.switchboard.storage.redis.RedisStoreSettings;
import io.switchboard.storage.redis.RedisStores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What monitors and orchestrators read from the health endpoints, one handler in an embedded channel. */
class HealthHandlerTest {
  private final EventLoopGroup loops = new DefaultEventLoopGroup(2);
  private Stores stores;
  private EmbeddedChannel channel;

  @BeforeEach
  void openStores() {
    stores = Stores.inMemory();
  }

  @AfterEach
  void close() {
    if (channel != null) {
      assertThat(channel.finishAndReleaseAll()).as("nothing left unanswered or unreleased").isFalse();
    }
    stores.close();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private HealthHandler handler(Readiness readiness) {
    return new HealthHandler(readiness, new Liveness(loops));
  }

  private Readiness readiness(@Nullable Path publishDir) {
    return new Readiness(stores, publishDir, Runnable::run);
  }

  /** Sends {@code method path} and waits for the answer the handler writes once its check completed. */
  private Answer exchange(HealthHandler handler, HttpMethod method, String path) throws InterruptedException {
    if (channel == null) {
      channel = new EmbeddedChannel(handler);
    }
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path);
    request.headers().set(HttpHeaderNames.HOST, "10.0.0.7:8080");
    channel.writeInbound(request);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    FullHttpResponse response = channel.readOutbound();
    while (response == null && System.nanoTime() < deadline) {
      Thread.sleep(5);
      channel.runPendingTasks();
      response = channel.readOutbound();
    }
    assertThat(response).as(method + " " + path + " is answered within 10 s").isNotNull();
    try {
      return new Answer(response.status().code(), response.headers().get(HttpHeaderNames.CONTENT_TYPE),
          response.headers().get(HttpHeaderNames.CACHE_CONTROL), response.content().toString(StandardCharsets.UTF_8));
    } finally {
      response.release();
    }
  }

  private record Answer(int status, String contentType, String cacheControl, String body) {}

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /health_check",
      "GET, /health_check/",
      "POST, /health_check",
      "GET, /",
      "DELETE, /",
      "GET, /health_check?from=monitor",
  })
  void healthCheckIsScalelitesPlainTextSuccess(String method, String path) throws Exception {
    Answer answer = exchange(handler(readiness(null)), HttpMethod.valueOf(method), path);

    assertThat(answer).isEqualTo(new Answer(200, "text/plain; charset=utf-8", "no-store", "success"));
  }

  @Test
  void healthCheckOfUnreachableStoresIsStillHttp200WithTheFailureInTheBody() throws Exception {
    stores.close();
    stores = unreachableRedis();

    Answer answer = exchange(handler(readiness(null)), HttpMethod.GET, "/health_check");

    assertThat(answer.status()).as("monitors read the body, as with Scalelite").isEqualTo(200);
    assertThat(answer.body()).startsWith("Health Check Failure: stores: Redis at redis://127.0.0.1:")
        .doesNotContain("\n");
  }

  @Test
  void livezIsOkWhileEveryEventLoopAnswers() throws Exception {
    Answer answer = exchange(handler(readiness(null)), HttpMethod.GET, "/livez");

    assertThat(answer).isEqualTo(new Answer(200, "text/plain; charset=utf-8", "no-store", "ok"));
  }

  @Test
  void livezFailsOnceAnEventLoopIsGone() throws Exception {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();

    Answer answer = exchange(handler(readiness(null)), HttpMethod.GET, "/livez");

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body()).isEqualTo("event loop 0: stopped");
  }

  @Test
  void readyzIsReadyWithAnsweringStoresAndAMountedRecordingsTree(@TempDir Path published) throws Exception {
    Answer answer = exchange(handler(readiness(published)), HttpMethod.GET, "/readyz");

    assertThat(answer).isEqualTo(new Answer(200, "text/plain; charset=utf-8", "no-store", "ready"));
  }

  @Test
  void readyzNamesAMissingRecordingsTree(@TempDir Path root) throws Exception {
    Path published = root.resolve("published");

    Answer answer = exchange(handler(readiness(published)), HttpMethod.GET, "/readyz");

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body())
        .isEqualTo("recordings directory " + published + ": is missing (is the recordings volume mounted?)");

    Files.createDirectory(published);
    assertThat(exchange(handler(readiness(published)), HttpMethod.GET, "/readyz").body())
        .as("ready as soon as the volume is there").isEqualTo("ready");
  }

  @Test
  void readyzNamesStoresThatDoNotAnswer() throws Exception {
    stores.close();
    stores = unreachableRedis();

    Answer answer = exchange(handler(readiness(null)), HttpMethod.GET, "/readyz");

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body()).startsWith("stores: Redis at redis://127.0.0.1:");
  }

  @Test
  void readyzSaysDrainingOnceShutdownStartedWhileHealthCheckAndLivezStayUp() throws Exception {
    Readiness readiness = readiness(null);
    HealthHandler handler = handler(readiness);

    readiness.startDraining();

    assertThat(exchange(handler, HttpMethod.GET, "/readyz")).isEqualTo(
        new Answer(503, "text/plain; charset=utf-8", "no-store", "draining"));
    assertThat(exchange(handler, HttpMethod.GET, "/livez").body()).isEqualTo("ok");
    assertThat(exchange(handler, HttpMethod.GET, "/health_check").body()).isEqualTo("success");
  }

  @Test
  void headIsAnsweredWithoutABody() throws Exception {
    Answer answer = exchange(handler(readiness(null)), HttpMethod.HEAD, "/readyz");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "POST, /livez",
      "PUT, /readyz",
      "GET, /livez/x",
      "GET, /readyzz",
      "GET, /bigbluebutton/api",
      "GET, /presentation/rid-1/shapes.svg",
  })
  void everythingElseGoesOnToTheNextHandler(String method, String path) {
    channel = new EmbeddedChannel(handler(readiness(null)));
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), path);

    channel.writeInbound(request);

    FullHttpRequest passed = channel.readInbound();
    assertThat(passed).isSameAs(request);
    passed.release();
    assertThat(channel.<Object>readOutbound()).isNull();
  }

  /** Real Redis stores pointed at a port nobody listens on: every check fails fast. */
  private static Stores unreachableRedis() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    return RedisStores.open(RedisStoreSettings.of(URI.create("redis://127.0.0.1:" + port))
        .withCommandTimeout(Duration.ofMillis(500)), Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
  }
}
