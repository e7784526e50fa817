package io.switchboard.recordings.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.flow.FlowControlHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Playback over real sockets, in the proxy's pipeline order (codec, keep-alive, aggregator, flow control, playback,
 * then an API stand-in), on the JDK's NIO transport and, where the native library is on the classpath, on epoll with
 * TCP_CORK: sendfile byte-exactness on a 50 MiB file, ranges, pipelining, and traversal requests sent verbatim.
 */
@ExtendWith(LeakWatch.class)
class RecordingsSocketTest {
  private static final String RID = RecordingsHandlerTest.RID;
  private static final int BIG = 50 * 1024 * 1024;

  @TempDir static Path temp;
  private static PlaybackFixture fixture;
  private static Path bigFile;
  private static byte[] bigSha256;
  private static ExecutorService blocking;

  enum Transport {
    NIO(() -> new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), NioServerSocketChannel.class),
    EPOLL(() -> new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()), EpollServerSocketChannel.class);

    private final Supplier<EventLoopGroup> group;
    private final Class<? extends ServerChannel> serverChannel;

    Transport(Supplier<EventLoopGroup> group, Class<? extends ServerChannel> serverChannel) {
      this.group = group;
      this.serverChannel = serverChannel;
    }

    void assumeAvailable() {
      assumeTrue(this == NIO || Epoll.isAvailable(), "native epoll is not on the test classpath");
    }
  }

  @BeforeAll
  static void recordings() throws IOException, NoSuchAlgorithmException {
    fixture = new PlaybackFixture(temp);
    fixture.index(RID, true, false, "presentation");
    fixture.publish("presentation", RID, "shapes.svg", "<svg>shapes</svg>");
    bigFile = fixture.published.resolve("presentation/" + RID + "/video/webcams.webm");
    Files.createDirectories(bigFile.getParent());
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    Random random = new Random(42);
    byte[] chunk = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(bigFile)) {
      for (int written = 0; written < BIG; written += chunk.length) {
        random.nextBytes(chunk);
        sha256.update(chunk);
        out.write(chunk);
      }
    }
    bigSha256 = sha256.digest();
    blocking = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64));
  }

  @AfterAll
  static void stopExecutor() {
    blocking.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void fiftyMebibytesGoByteExactOverSendfile(Transport transport) throws Exception {
    try (TestServer server = TestServer.start(transport)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      HttpResponse<InputStream> response = client.send(
          HttpRequest.newBuilder(server.uri("/presentation/" + RID + "/video/webcams.webm")).build(),
          HttpResponse.BodyHandlers.ofInputStream());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValueAsLong("content-length")).hasValue(BIG);
      assertThat(sha256(response.body())).isEqualTo(bigSha256);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aRangeOfTheBigFileIsExactlyThatSlice(Transport transport) throws Exception {
    try (TestServer server = TestServer.start(transport)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      long start = 17 * 1024 * 1024 + 3;
      int length = 1024 * 1024;

      HttpResponse<byte[]> response = client.send(
          HttpRequest.newBuilder(server.uri("/presentation/" + RID + "/video/webcams.webm"))
              .header("Range", "bytes=" + start + "-" + (start + length - 1)).build(),
          HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(206);
      assertThat(response.headers().firstValue("content-range"))
          .hasValue("bytes " + start + "-" + (start + length - 1) + "/" + BIG);
      assertThat(response.body()).isEqualTo(slice(start, length));
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void pipelinedRequestsAreAnsweredInOrderOnOneConnection(Transport transport) throws Exception {
    try (TestServer server = TestServer.start(transport); Socket socket = server.connect()) {
      String host = "Host: localhost\r\n";
      socket.getOutputStream().write((
          "GET /presentation/" + RID + "/video/webcams.webm HTTP/1.1\r\n" + host + "Range: bytes=100-199\r\n\r\n"
          + "GET /bigbluebutton/api/getMeetings HTTP/1.1\r\n" + host + "\r\n"
          + "HEAD /presentation/" + RID + "/shapes.svg HTTP/1.1\r\n" + host + "\r\n"
          + "GET /presentation/" + RID + "/shapes.svg HTTP/1.1\r\n" + host + "\r\n"
          + "GET /presentation/" + RID + "/missing.svg HTTP/1.1\r\n" + host + "\r\n"
          + "GET /presentation/" + RID + "/shapes.svg HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();

      RawResponse range = RawResponse.read(in, false);
      RawResponse api = RawResponse.read(in, false);
      RawResponse head = RawResponse.read(in, true);
      RawResponse svg = RawResponse.read(in, false);
      RawResponse missing = RawResponse.read(in, false);
      RawResponse last = RawResponse.read(in, false);

      assertThat(range.status()).isEqualTo(206);
      assertThat(range.body()).isEqualTo(slice(100, 100));
      assertThat(api.status()).isEqualTo(200);
      assertThat(api.text()).isEqualTo("api /bigbluebutton/api/getMeetings");
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers().get("content-length")).isEqualTo("17");
      assertThat(svg.text()).isEqualTo("<svg>shapes</svg>");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(last.text()).isEqualTo("<svg>shapes</svg>");
      assertThat(last.headers().get("connection")).isEqualToIgnoringCase("close");
      assertThat(in.read()).as("the server closed after Connection: close").isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void traversalRequestsSentVerbatimNeverReachTheSecret(Transport transport) throws Exception {
    String secret = new String(PlaybackFixture.SECRET, StandardCharsets.ISO_8859_1);
    Files.createSymbolicLink(fixture.published.resolve("presentation/" + RID + "/leak-" + transport + ".txt"),
        fixture.secret);
    try (TestServer server = TestServer.start(transport)) {
      for (String target : List.of(
          "/presentation/" + RID + "/../../../secret.txt",
          "/presentation/" + RID + "/%2e%2e/%2e%2e/%2e%2e/secret.txt",
          "/presentation/" + RID + "/..%2f..%2f..%2fsecret.txt",
          "/presentation/" + RID + "/..%5c..%5c..%5csecret.txt",
          "/presentation/" + RID + "/secret.txt%00.svg",
          "/presentation/" + RID + "/%2F" + fixture.secret.toString().substring(1).replace("/", "%2F"),
          "/presentation/" + RID + "/leak-" + transport + ".txt",
          "/playback/../secret.txt")) {
        try (Socket socket = server.connect()) {
          socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
          byte[] whole = socket.getInputStream().readAllBytes();

          assertThat(new String(whole, StandardCharsets.ISO_8859_1)).as(target)
              .startsWith("HTTP/1.1 404 Not Found").doesNotContain(secret);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aClientLeavingMidBodyLeavesNoFileOpen(Transport transport) throws Exception {
    try (TestServer server = TestServer.start(transport)) {
      long before = openFiles();
      try (Socket socket = server.connect()) {
        socket.setReceiveBufferSize(4096);
        socket.getOutputStream().write(("GET /presentation/" + RID + "/video/webcams.webm HTTP/1.1\r\n"
            + "Host: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(socket.getInputStream().readNBytes(4096)).hasSize(4096);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (openFiles() > before && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(openFiles()).isLessThanOrEqualTo(before);
    }
  }

  @Test
  void onEpollTheSocketIsUncorkedOnceTheFileIsSent() throws Exception {
    Transport.EPOLL.assumeAvailable();
    try (TestServer server = TestServer.start(Transport.EPOLL); Socket socket = server.connect()) {
      socket.getOutputStream().write(("GET /presentation/" + RID + "/shapes.svg HTTP/1.1\r\nHost: localhost\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      RawResponse response = RawResponse.read(socket.getInputStream(), false);
      // The next request is answered only after the cork came off and reading resumed.
      socket.getOutputStream().write(("GET /bigbluebutton/api/x HTTP/1.1\r\nHost: localhost\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      RawResponse next = RawResponse.read(socket.getInputStream(), false);

      assertThat(response.text()).isEqualTo("<svg>shapes</svg>");
      assertThat(next.status()).isEqualTo(200);
      EpollSocketChannel accepted = (EpollSocketChannel) server.accepted.get();
      assertThat(accepted.eventLoop().submit(() -> accepted.config().isTcpCork()).get()).isFalse();
    }
  }

  private static byte[] slice(long start, int length) throws IOException {
    byte[] bytes = new byte[length];
    try (RandomAccessFile file = new RandomAccessFile(bigFile.toFile(), "r")) {
      file.seek(start);
      file.readFully(bytes);
    }
    return bytes;
  }

  private static byte[] sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (in) {
      byte[] buffer = new byte[64 * 1024];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
    return digest.digest();
  }

  private static long openFiles() throws IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  /** A server with the proxy's pipeline order; requests playback passes on get {@code api <uri>}. */
  private static final class TestServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel server;
    final AtomicReference<Channel> accepted = new AtomicReference<>();

    private TestServer(Transport transport) throws InterruptedException {
      transport.assumeAvailable();
      this.group = transport.group.get();
      RecordingsServing serving = fixture.serving(false, blocking, false);
      this.server = new ServerBootstrap().group(group).channel(transport.serverChannel)
          .childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
              accepted.set(channel);
              channel.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                  new HttpObjectAggregator(65536), new FlowControlHandler(), new RecordingsHandler(serving),
                  new ApiStandIn());
            }
          })
          .bind("127.0.0.1", 0).sync().channel();
    }

    static TestServer start(Transport transport) throws InterruptedException {
      return new TestServer(transport);
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port() + path);
    }

    Socket connect() throws IOException {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port()));
      socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
      return socket;
    }

    private int port() {
      return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
      server.close().syncUninterruptibly();
      group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** Answers like the API handler: one request at a time, reading resumed after the write. */
  private static final class ApiStandIn extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      ctx.channel().config().setAutoRead(false);
      byte[] body = ("api " + request.uri()).getBytes(StandardCharsets.UTF_8);
      DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
          Unpooled.wrappedBuffer(body));
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      ctx.writeAndFlush(response).addListener(done -> ctx.channel().config().setAutoRead(true));
    }
  }

  /** A response read off a raw socket: status line, headers, and a Content-Length body (none for HEAD). */
  private record RawResponse(int status, Map<String, String> headers, byte[] body) {
    static RawResponse read(InputStream in, boolean head) throws IOException {
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new HashMap<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      int length = head || status == 304 ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
      return new RawResponse(status, headers, in.readNBytes(length));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed mid-response");
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
