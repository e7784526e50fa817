package io.switchboard.proxy.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.switchboard.proxy.upstream.UpstreamException.Kind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamClientTest {
  private static final Duration CONNECT = Duration.ofSeconds(2);
  private static final Duration RESPONSE = Duration.ofSeconds(5);

  private static EventLoopGroup group;
  private static WireMockServer wireMock;
  private static SslContext insecureTls;

  private EventLoop loop;
  private UpstreamClient client;

  @BeforeAll
  static void startLoopsAndWireMock() throws SSLException {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    wireMock = new WireMockServer(wireMockConfig()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .dynamicHttpsPort()
        .notifier(new ConsoleNotifier(false)));
    wireMock.start();
    insecureTls = SslContextBuilder.forClient()
        .trustManager(InsecureTrustManagerFactory.INSTANCE)
        .endpointIdentificationAlgorithm(null)
        .build();
  }

  // Buffers are checked for leaks after the class by the auto-detected NettyLeakExtension (paranoid detection).
  @AfterAll
  static void stopLoopsAndWireMock() {
    wireMock.stop();
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @BeforeEach
  void newClient() {
    wireMock.resetAll();
    loop = group.next();
    client = new UpstreamClient(UpstreamTransport.nio(), UpstreamLimits.of(4, CONNECT), insecureTls);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void getRelaysTheQueryAndTheResponseBytesExactly() throws Exception {
    byte[] payload = everyByteValue(70_000);
    try (LocalHttpServer server = LocalHttpServer.start((ctx, request) -> {
      FullHttpResponse response = new DefaultFullHttpResponse(
          HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(payload));
      response.headers()
          .setInt(HttpHeaderNames.CONTENT_LENGTH, payload.length)
          .set("X-Bbb-Node", "one")
          .add("X-Multi", "a")
          .add("X-Multi", "b");
      ctx.writeAndFlush(response);
    })) {
      String pathAndQuery = "/bigbluebutton/api/getMeetingInfo?meetingID=a+b%26c&name=%C3%A9t%C3%A9&checksum=ab12";

      UpstreamResponse response = await(client.send(loop, get(server.uri(pathAndQuery))));

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(payload);
      assertThat(response.headers())
          .containsEntry("x-bbb-node", "one")
          .containsEntry("x-multi", "a, b")
          .containsEntry("content-length", String.valueOf(payload.length));
      LocalHttpServer.Received received = server.received().get(0);
      assertThat(received.method()).isEqualTo("GET");
      assertThat(received.uri()).isEqualTo(pathAndQuery);
      assertThat(received.body()).isEmpty();
      assertThat(received.headers().get(HttpHeaderNames.HOST)).isEqualTo("127.0.0.1:" + server.port());
      assertThat(received.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("keep-alive");
      assertThat(received.headers().get(HttpHeaderNames.USER_AGENT)).isEqualTo("Switchboard");
      assertThat(received.headers().contains(HttpHeaderNames.CONTENT_TYPE)).isFalse();
    }
  }

  @Test
  void postSendsTheBodyVerbatimWithItsTypeAndLength() throws Exception {
    byte[] body = "<?xml version='1.0'?><modules><module name=\"presentation\">\u00e9\u0000\u00ff</module></modules>"
        .getBytes(StandardCharsets.ISO_8859_1);
    try (LocalHttpServer server =
        LocalHttpServer.start((ctx, request) -> LocalHttpServer.answer(ctx, everyByteValue(1000)))) {

      UpstreamResponse response = await(client.send(
          loop,
          UpstreamRequest.post(server.uri("/bigbluebutton/api/create?meetingID=m"), body, "application/xml", CONNECT,
              RESPONSE)));

      assertThat(response.body()).isEqualTo(everyByteValue(1000));
      LocalHttpServer.Received received = server.received().get(0);
      assertThat(received.method()).isEqualTo("POST");
      assertThat(received.uri()).isEqualTo("/bigbluebutton/api/create?meetingID=m");
      assertThat(received.body()).isEqualTo(body);
      assertThat(received.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/xml");
      assertThat(received.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(body.length);
    }
  }

  @Test
  void tenSequentialCallsReuseOneKeepAliveConnection() throws Exception {
    try (LocalHttpServer server = LocalHttpServer.start((ctx, request) -> LocalHttpServer.answer(ctx, new byte[] {1}))) {
      for (int i = 0; i < 10; i++) {
        assertThat(await(client.send(loop, get(server.uri("/api/" + i)))).status()).isEqualTo(200);
      }

      assertThat(server.received()).hasSize(10);
      assertThat(server.acceptedConnections()).isEqualTo(1);
    }
  }

  @Test
  void connectionAnsweredWithConnectionCloseIsNotReused() throws Exception {
    try (LocalHttpServer server = LocalHttpServer.start((ctx, request) -> {
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(new byte[] {1}));
      HttpUtil.setContentLength(response, 1);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    })) {
      await(client.send(loop, get(server.uri("/first"))));
      await(client.send(loop, get(server.uri("/second"))));

      assertThat(server.acceptedConnections()).isEqualTo(2);
    }
  }

  @Test
  void idlePooledConnectionIsClosedAfterTheIdleTimeoutAndReplaced() throws Exception {
    try (UpstreamClient shortIdle = new UpstreamClient(
            UpstreamTransport.nio(), new UpstreamLimits(2, 16, CONNECT, Duration.ofMillis(300), 1024), insecureTls);
        LocalHttpServer server = LocalHttpServer.start((ctx, request) -> LocalHttpServer.answer(ctx, new byte[] {5}))) {
      await(shortIdle.send(loop, get(server.uri("/first"))));
      long idleSince = System.nanoTime();

      server.firstConnectionClosed().get(5, TimeUnit.SECONDS);

      assertThat(Duration.ofNanos(System.nanoTime() - idleSince)).isGreaterThan(Duration.ofMillis(200));
      assertThat(await(shortIdle.send(loop, get(server.uri("/second")))).body()).containsExactly(5);
      assertThat(server.acceptedConnections()).isEqualTo(2);
    }
  }

  @Test
  void concurrentCallsOpenAtMostMaxConnectionsPerServer() throws Exception {
    try (UpstreamClient twoPerServer =
            new UpstreamClient(UpstreamTransport.nio(), UpstreamLimits.of(2, CONNECT), insecureTls);
        LocalHttpServer server = LocalHttpServer.start((ctx, request) -> ctx.executor().schedule(
            () -> LocalHttpServer.answer(ctx, new byte[] {7}), 50, TimeUnit.MILLISECONDS))) {
      List<CompletionStage<UpstreamResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        calls.add(twoPerServer.send(loop, get(server.uri("/api/" + i))));
      }

      for (CompletionStage<UpstreamResponse> call : calls) {
        assertThat(await(call).body()).containsExactly(7);
      }
      assertThat(server.acceptedConnections()).isEqualTo(2);
      assertThat(server.maxOpenConnections()).isEqualTo(2);
    }
  }

  @Test
  void responseTimeoutFailsTheCallWithTimeoutWithinItsBound() {
    wireMock.stubFor(WireMock.get(urlPathEqualTo("/slow")).willReturn(aResponse().withBody("late").withFixedDelay(2_000)));
    long start = System.nanoTime();

    UpstreamException failure = failure(client.send(
        loop, UpstreamRequest.get(wireMockUri("/slow"), CONNECT, Duration.ofMillis(200))));

    assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofMillis(1_500));
  }

  @Test
  void closedPortFailsFastWithConnect() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    long start = System.nanoTime();

    UpstreamException failure = failure(client.send(loop, get(URI.create("http://127.0.0.1:" + closedPort + "/"))));

    assertThat(failure.kind()).isEqualTo(Kind.CONNECT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void connectTimeoutBoundsTheWaitForAPooledConnectionAndTheLateConnectionIsReused() throws Exception {
    CompletableFuture<ChannelHandlerContext> held = new CompletableFuture<>();
    try (UpstreamClient onePerServer =
            new UpstreamClient(UpstreamTransport.nio(), UpstreamLimits.of(1, CONNECT), insecureTls);
        LocalHttpServer server = LocalHttpServer.start((ctx, request) -> {
          if (request.uri().equals("/hold")) {
            held.complete(ctx);
          } else {
            LocalHttpServer.answer(ctx, new byte[] {2});
          }
        })) {
      CompletionStage<UpstreamResponse> holding = onePerServer.send(loop, get(server.uri("/hold")));
      ChannelHandlerContext holder = held.get(5, TimeUnit.SECONDS);

      UpstreamException failure = failure(
          onePerServer.send(loop, UpstreamRequest.get(server.uri("/waits"), Duration.ofMillis(200), RESPONSE)));
      holder.executor().execute(() -> LocalHttpServer.answer(holder, new byte[] {1}));

      assertThat(failure.kind()).isEqualTo(Kind.CONNECT);
      assertThat(await(holding).body()).containsExactly(1);
      assertThat(await(onePerServer.send(loop, get(server.uri("/next")))).body()).containsExactly(2);
      assertThat(server.acceptedConnections()).isEqualTo(1);
    }
  }

  // WireMock's malformed chunk is garbage with no line end, then a close: the decoder is still waiting for the end of
  // the chunk-size line when the connection drops, so the response is cut short rather than unparseable.
  @ParameterizedTest
  @ValueSource(strings = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK"})
  void connectionDroppedBeforeTheAnswerIsCompleteFailsWithClosed(Fault fault) {
    wireMock.stubFor(WireMock.get(urlPathEqualTo("/drop")).willReturn(aResponse().withFault(fault)));

    assertThat(failure(client.send(loop, get(wireMockUri("/drop")))).kind()).isEqualTo(Kind.CLOSED);
  }

  @Test
  void serverClosingMidResponseFailsWithClosed() throws Exception {
    try (LocalHttpServer server = LocalHttpServer.start((ctx, request) ->
        LocalHttpServer.answerRaw(ctx, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b"))) {

      assertThat(failure(client.send(loop, get(server.uri("/partial")))).kind()).isEqualTo(Kind.CLOSED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SSH-2.0-OpenSSH_9.6\r\n\r\n",
      "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nlskdu018973t09sylgasjkfg1\r\n\r\n"})
  void answerThatIsNotValidHttpFailsWithProtocol(String answer) throws Exception {
    try (LocalHttpServer server = LocalHttpServer.start((ctx, request) -> LocalHttpServer.answerRaw(ctx, answer))) {

      assertThat(failure(client.send(loop, get(server.uri("/")))).kind()).isEqualTo(Kind.PROTOCOL);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void bodyOverTheLimitFailsWithTooLargeAndTheNextCallStillWorks(boolean chunked) throws Exception {
    try (UpstreamClient small = new UpstreamClient(
            UpstreamTransport.nio(), new UpstreamLimits(2, 16, CONNECT, Duration.ofSeconds(30), 1024), insecureTls);
        LocalHttpServer server = LocalHttpServer.start((ctx, request) -> {
          if (!request.uri().equals("/big")) {
            LocalHttpServer.answer(ctx, new byte[1024]);
          } else if (chunked) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setTransferEncodingChunked(head, true);
            ctx.write(head);
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[800])));
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[800])));
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
          } else {
            LocalHttpServer.answer(ctx, new byte[1025]);
          }
        })) {

      assertThat(failure(small.send(loop, get(server.uri("/big")))).kind()).isEqualTo(Kind.TOO_LARGE);
      assertThat(await(small.send(loop, get(server.uri("/fits")))).body()).hasSize(1024);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ok", "/reset"})
  void stageCompletesOnTheGivenEventLoop(String path) throws Exception {
    wireMock.stubFor(WireMock.get(urlPathEqualTo("/ok")).willReturn(aResponse().withBody("fine")));
    wireMock.stubFor(WireMock.get(urlPathEqualTo("/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    CompletableFuture<Boolean> completedOnLoop = new CompletableFuture<>();

    // Attaching the callback on the loop itself guarantees it runs on the completing thread.
    loop.execute(() -> client.send(loop, get(wireMockUri(path)))
        .whenComplete((response, failure) -> completedOnLoop.complete(loop.inEventLoop())));

    assertThat(completedOnLoop.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void httpsWorksAgainstASelfSignedServerWithAnInsecureContext() throws Exception {
    wireMock.stubFor(WireMock.get(urlPathEqualTo("/bigbluebutton/api")).willReturn(aResponse().withBody("<response/>")));
    URI https = URI.create("https://127.0.0.1:" + wireMock.httpsPort() + "/bigbluebutton/api");

    for (int i = 0; i < 3; i++) {
      assertThat(await(client.send(loop, get(https))).body()).asString(StandardCharsets.UTF_8).isEqualTo("<response/>");
    }
  }

  @Test
  void defaultTlsRejectsASelfSignedCertificateWithConnect() {
    URI https = URI.create("https://127.0.0.1:" + wireMock.httpsPort() + "/bigbluebutton/api");
    try (UpstreamClient verifying = UpstreamClient.create(UpstreamTransport.nio(), UpstreamLimits.of(2, CONNECT))) {

      UpstreamException failure = failure(verifying.send(loop, get(https)));

      assertThat(failure.kind()).isEqualTo(Kind.CONNECT);
      assertThat(failure).hasCauseInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void localhostResolvesWithoutADnsServer() throws Exception {
    try (LocalHttpServer server = LocalHttpServer.start((ctx, request) -> LocalHttpServer.answer(ctx, new byte[] {3}))) {

      UpstreamResponse response = await(client.send(loop, get(URI.create("http://localhost:" + server.port() + "/"))));

      assertThat(response.body()).containsExactly(3);
      assertThat(server.received().get(0).headers().get(HttpHeaderNames.HOST)).isEqualTo("localhost:" + server.port());
    }
  }

  @Test
  void worksOnTheNativeEpollTransport() throws Exception {
    assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
    EventLoopGroup epollGroup = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    try (LocalHttpServer server = LocalHttpServer.start((ctx, request) -> LocalHttpServer.answer(ctx, new byte[] {4}))) {
      try (UpstreamClient epoll = new UpstreamClient(
          new UpstreamTransport(EpollSocketChannel.class, EpollDatagramChannel.class),
          UpstreamLimits.of(2, CONNECT),
          insecureTls)) {
        EventLoop epollLoop = epollGroup.next();
        for (int i = 0; i < 3; i++) {
          assertThat(await(epoll.send(epollLoop, get(server.uri("/")))).body()).containsExactly(4);
        }
        assertThat(server.acceptedConnections()).isEqualTo(1);
      }
    } finally {
      epollGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void sendAfterCloseFailsWithClosed() {
    client.close();

    assertThat(failure(client.send(loop, get(wireMockUri("/any")))).kind()).isEqualTo(Kind.CLOSED);
  }

  @Test
  void requestsAreValidated() {
    URI uri = URI.create("http://127.0.0.1/api");
    assertThatThrownBy(() -> new UpstreamRequest(uri, false, new byte[1], "", CONNECT, RESPONSE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("body: 1 bytes (expected: none for GET)");
    assertThatThrownBy(() -> UpstreamRequest.get(URI.create("ftp://127.0.0.1/api"), CONNECT, RESPONSE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("uri: ftp://127.0.0.1/api");
    assertThatThrownBy(() -> UpstreamRequest.post(uri, new byte[0], " ", CONNECT, RESPONSE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contentType: ' '");
    assertThatThrownBy(() -> UpstreamRequest.post(uri, new byte[0], "text/xml\r\nX-Injected: 1", CONNECT, RESPONSE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("(expected: no line breaks)");
    assertThatThrownBy(() -> UpstreamRequest.get(uri, Duration.ZERO, RESPONSE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout: PT0S (expected: > 0)");
  }

  private static UpstreamRequest get(URI uri) {
    return UpstreamRequest.get(uri, CONNECT, RESPONSE);
  }

  private static URI wireMockUri(String path) {
    return URI.create("http://127.0.0.1:" + wireMock.port() + path);
  }

  private static UpstreamResponse await(CompletionStage<UpstreamResponse> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static UpstreamException failure(CompletionStage<?> stage) {
    Throwable thrown = catchThrowable(() -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UpstreamException.class);
    return (UpstreamException) thrown.getCause();
  }

  private static byte[] everyByteValue(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }
}
