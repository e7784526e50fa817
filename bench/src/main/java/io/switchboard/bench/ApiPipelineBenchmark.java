package io.switchboard.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.conf.ChecksumAlgorithm;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.HttpConfig;
import io.switchboard.conf.ServerState;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.api.Api;
import io.switchboard.proxy.metrics.SwitchboardMetrics;
import io.switchboard.proxy.api.BbbBackend;
import io.switchboard.proxy.server.PipelineNames;
import io.switchboard.proxy.upstream.UpstreamClient;
import io.switchboard.proxy.upstream.UpstreamLimits;
import io.switchboard.proxy.upstream.UpstreamTransport;
import io.switchboard.recordings.api.RecordingsApi;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.serving.RecordingsHandler;
import io.switchboard.recordings.serving.RecordingsServing;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A browser's {@code GET /bigbluebutton/api/join?…} through the front-end pipeline in an {@link EmbeddedChannel}: raw
 * request bytes in a pooled buffer of the server's default allocator go in, the encoded 302 comes out and is released.
 * The in-memory stores hold one enabled, online server with a load entry and {@value JoinQueries#COUNT} meetings on it,
 * so every join is answered without an upstream call (spec §4.7); the load increment of each join is included. One
 * operation is one request answered, so the score is requests per second on one core, with no socket I/O.
 *
 * <p>The pipeline is {@code SwitchboardInitializer}'s for the default configuration (plain HTTP, no {@code URL_HOST},
 * recordings enabled), in its {@link PipelineNames} order, built from public pieces: idle, HTTP codec, keep-alive,
 * aggregator, flow control, recordings (which passes API paths on), then {@link Api#handler}.
 * {@code MalformedRequestHandler} and {@code StalledRequestHandler} are package-private in proxy and left out; on a
 * well-formed, complete request each is a type check and a pass-through.
 *
 * <p>Run it with the class's defaults, spelled out (a bare {@code java -jar bench/target/benchmarks.jar} runs both
 * benchmark classes with their defaults, which is how the figures in {@code bench/README.md} were taken):
 *
 * <pre>
 * mvn -B -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar ApiPipelineBenchmark -f 1 -wi 6 -w 5s -i 5 -r 3s
 * </pre>
 *
 * Leak check (any {@code LEAK:} line on the console is a failure):
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ApiPipelineBenchmark -f 1 -wi 0 -i 2 -r 3s \
 *     -jvmArgsAppend -Dio.netty.leakDetection.level=paranoid
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
// 30 s of warm-up, as platform-notes.md asks for 2 shared cores: after 9 s the pipeline was still compiling and
// read up to 70 % low.
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 3)
@State(Scope.Thread)
public class ApiPipelineBenchmark {
  private static final String SERVER_ID = "bbb-000";
  private static final URI SERVER_URL = URI.create("https://bbb0.example.com/bigbluebutton/api");

  /** Where the request bytes live: real socket reads land in direct buffers; heap is for comparison. */
  @Param({"direct", "heap"})
  public String buffer;

  /**
   * Whether each answer is counted and timed in Prometheus meters, as a running Switchboard does ({@code on}); the
   * access line is written too, but bench's logback.xml is at WARN, so it costs only the level check.
   */
  @Param({"on", "off"})
  public String metrics;

  private Stores stores;
  private UpstreamClient upstream;
  private ExecutorService blocking;
  private EmbeddedChannel channel;
  private ByteBufAllocator allocator;
  private boolean direct;
  private byte[][] requests;
  private int index;

  @Setup(Level.Trial)
  public void setUp() {
    direct = switch (buffer) {
      case "direct" -> true;
      case "heap" -> false;
      default -> throw new IllegalArgumentException("buffer: " + buffer + " (expected: direct or heap)");
    };
    SwitchboardConfig config =
        ConfigLoader.load(Optional.empty(), Map.of("LOADBALANCER_SECRET", JoinQueries.FRONT_END_SECRET));
    stores = Stores.inMemory();
    seed(stores);
    requests = new byte[JoinQueries.COUNT][];
    for (int i = 0; i < JoinQueries.COUNT; i++) {
      requests[i] = request(JoinQueries.signed(JoinQueries.query(i), ChecksumAlgorithm.SHA256));
    }
    upstream = UpstreamClient.create(UpstreamTransport.nio(), UpstreamLimits.of(1, config.upstream().connectTimeout()));
    BbbBackend backend = new BbbBackend(upstream, config.upstream(), config.api().outboundAlgorithm());

    Clock clock = Clock.systemUTC();
    // The recordings' pool for disk calls; a join never reaches it.
    blocking = Executors.newSingleThreadExecutor();
    RecordingsApi recordingsApi = new RecordingsApi(config.recordings(), stores.recordings(), stores.recordingTokens(),
        new RecordingFiles(config.recordings()), clock, blocking);

    channel = new EmbeddedChannel();
    addHandlers(channel.pipeline(), config.http());
    if (config.recordings().enabled()) {
      channel.pipeline().addLast(PipelineNames.RECORDINGS, new RecordingsHandler(new RecordingsServing(
          config.recordings(), stores.recordings(), stores.recordingTokens(), blocking, false, clock)));
    }
    SwitchboardMetrics recorder = metrics.equals("on") ? SwitchboardMetrics.create() : null;
    channel.pipeline().addLast(PipelineNames.API,
        Api.handler(config, stores, backend, recordingsApi, clock, recorder));
    // The server leaves the channel allocator at Netty's default, which is pooled; socket reads use it too.
    allocator = ByteBufAllocator.DEFAULT;
    checkAnswers();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    boolean leftOver = channel.finishAndReleaseAll();
    upstream.close();
    blocking.shutdownNow();
    stores.close();
    if (leftOver) {
      throw new IllegalStateException("messages were left in the channel");
    }
  }

  /** One join request in, its 302 out; the number of response bytes. */
  @Benchmark
  public int join() {
    int answered = exchange(requests[index++ & JoinQueries.MASK]);
    if (answered == 0) {
      throw new IllegalStateException("no answer: the channel stopped reading requests");
    }
    return answered;
  }

  private int exchange(byte[] request) {
    ByteBuf in = direct ? allocator.directBuffer(request.length) : allocator.heapBuffer(request.length);
    channel.writeInbound(in.writeBytes(request));
    int bytes = 0;
    for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
      if (out instanceof ByteBuf written) {
        bytes += written.readableBytes();
      }
      ReferenceCountUtil.release(out);
    }
    return bytes;
  }

  /** The transport and HTTP handlers {@code SwitchboardInitializer} adds without TLS, minus its package-private ones. */
  private static void addHandlers(ChannelPipeline pipeline, HttpConfig http) {
    pipeline.addLast(PipelineNames.IDLE,
        new IdleStateHandler(0, 0, http.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    HttpDecoderConfig decoder = new HttpDecoderConfig()
        .setMaxInitialLineLength(http.maxInitialLineLength())
        .setMaxHeaderSize(http.maxHeaderSize());
    pipeline.addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec(decoder));
    pipeline.addLast(PipelineNames.KEEP_ALIVE, new HttpServerKeepAliveHandler());
    pipeline.addLast(PipelineNames.AGGREGATOR, new HttpObjectAggregator(http.maxContentLength()));
    pipeline.addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler());
  }

  /** One enabled, online server with a load entry, and every benchmark meeting running on it. */
  private static void seed(Stores stores) {
    stores.servers().save(new ServerRecord(SERVER_ID, SERVER_URL, HotPathBenchmark.Fleet.secretOf(0),
        ServerState.ENABLED, true, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, "")).toCompletableFuture().join();
    stores.load().set(SERVER_ID, 0).toCompletableFuture().join();
    Instant now = Instant.now();
    for (int i = 0; i < JoinQueries.COUNT; i++) {
      stores.meetings().createIfAbsent(new MeetingRecord(JoinQueries.meetingId(i), SERVER_ID, "mp",
          String.valueOf(70_000 + i), "", now)).toCompletableFuture().join();
    }
  }

  /** What a browser sends when a front-end redirects it to the join URL, through a TLS-terminating NGINX. */
  private static byte[] request(String signedQuery) {
    String request = "GET /bigbluebutton/api/join?" + signedQuery + " HTTP/1.1\r\n"
        + "Host: lb.example.com\r\n"
        + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
        + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
        + "Accept-Language: en-US,en;q=0.5\r\n"
        + "Accept-Encoding: gzip, deflate, br\r\n"
        + "X-Forwarded-For: 203.0.113.7\r\n"
        + "X-Forwarded-Proto: https\r\n"
        + "Connection: keep-alive\r\n"
        + "\r\n";
    return request.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Fails the trial unless consecutive requests on the one connection are each answered with a 302 to the server, the
   * request buffers are released, and nothing is passed on past the API handler.
   */
  private void checkAnswers() {
    for (int i = 0; i < 3; i++) {
      ByteBuf in = allocator.directBuffer(requests[i].length).writeBytes(requests[i]);
      channel.writeInbound(in);
      if (in.refCnt() != 0) {
        in.release(in.refCnt());
        throw new IllegalStateException("the pipeline did not release the request buffer");
      }
      StringBuilder answer = new StringBuilder();
      for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
        answer.append(((ByteBuf) out).toString(StandardCharsets.US_ASCII));
        ReferenceCountUtil.release(out);
      }
      String text = answer.toString().toLowerCase(Locale.ROOT);
      if (!text.startsWith("http/1.1 302 ") || !text.contains("\r\nlocation: " + SERVER_URL + "/join?")) {
        throw new IllegalStateException("request " + i + " was answered with: " + answer);
      }
      Object passedOn = channel.readInbound();
      if (passedOn != null) {
        ReferenceCountUtil.release(passedOn);
        throw new IllegalStateException("the API handler passed on " + passedOn);
      }
    }
  }
}
