package io.switchboard.simulator;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * One fake BigBlueButton server of a {@link BbbSimulator} fleet, listening on 127.0.0.1 with its own random secret. It
 * validates checksums as bbb-web does and answers the meeting calls of bbb-api.md §4–§5.6 and §5.13 from an in-memory
 * meeting table; {@link Mode} makes it slow, failing, hanging or unreachable; every request is recorded. Mode and
 * meeting accessors are thread-safe; {@link #setMode} and {@link #reset} block briefly, so call them from test threads,
 * never from a Netty event loop.
 */
public final class SimulatedBbb {
  /** How the server answers. Switching back from {@link #OFFLINE} re-binds the same port. */
  public enum Mode {
    /** Answers every request at once. */
    NORMAL,
    /** Answers as NORMAL, each reply delayed by {@link #slowDelay()}. */
    SLOW,
    /** Answers every request with HTTP 500 and an HTML body. */
    FAILING,
    /** Accepts connections and reads requests but never answers. */
    HANGING,
    /** Closes the listening socket and every open connection, so connecting is refused. */
    OFFLINE
  }

  static final Duration DEFAULT_SLOW_DELAY = Duration.ofMillis(500);
  private static final int MAX_CONTENT_LENGTH = 16 * 1024 * 1024;

  private final EventLoopGroup group;
  private final String secret;
  private final BbbHttpHandler handler = new BbbHttpHandler(this);
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final List<RecordedRequest> requests = new ArrayList<>(); // guarded by itself
  private final Map<String, LongAdder> callCounts = new ConcurrentHashMap<>();
  private final int port;
  private final BbbApi api;
  private volatile Mode mode = Mode.NORMAL;
  private volatile Duration slowDelay = DEFAULT_SLOW_DELAY;
  private @Nullable Channel listener; // guarded by this

  SimulatedBbb(EventLoopGroup group, Clock clock) {
    this.group = group;
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    this.secret = HexFormat.of().formatHex(salt);
    Channel bound = bind(0);
    this.listener = bound;
    this.port = ((InetSocketAddress) bound.localAddress()).getPort();
    this.api = new BbbApi(secret, port, clock);
  }

  /** {@code http://127.0.0.1:<port>/bigbluebutton/api}, without a trailing slash. */
  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + port + BbbApi.API_PATH);
  }

  /** The shared secret (bbb-web's securitySalt), 32 random hex characters. */
  public String secret() {
    return secret;
  }

  public int port() {
    return port;
  }

  /** A URL for {@code callName} with {@code query} (sent as is) signed with this server's secret using SHA-256. */
  public URI signedUrl(String callName, String query) {
    String checksum = Checksums.hex("SHA-256", callName + query + secret);
    return URI.create(apiUrl() + "/" + callName + "?" + (query.isEmpty() ? "" : query + "&") + "checksum=" + checksum);
  }

  public Mode mode() {
    return mode;
  }

  /** Switches the mode; going OFFLINE closes the socket and connections, leaving OFFLINE binds the same port again. */
  public synchronized void setMode(Mode next) {
    requireNonNull(next, "next");
    Channel current = listener;
    if (next == Mode.OFFLINE && current != null) {
      current.close().syncUninterruptibly();
      connections.close().awaitUninterruptibly();
      listener = null;
    } else if (next != Mode.OFFLINE && current == null) {
      listener = bind(port);
    }
    mode = next;
  }

  public Duration slowDelay() {
    return slowDelay;
  }

  /** How long SLOW delays each reply (500 ms until set). */
  public void setSlowDelay(Duration delay) {
    requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
    }
    slowDelay = delay;
  }

  public Optional<SimMeeting> meeting(String id) {
    return api.meeting(id);
  }

  /** A snapshot of the meetings, in creation order. */
  public Collection<SimMeeting> meetings() {
    return api.meetings();
  }

  /** Ends a meeting from the server side (as if everyone left or the duration ran out); no-op when unknown. */
  public void endMeeting(String id) {
    api.remove(id);
  }

  /** A snapshot of the requests received since the start or the last {@link #clearRequests()}, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public void clearRequests() {
    synchronized (requests) {
      requests.clear();
      callCounts.clear();
    }
  }

  /** Requests received for {@code callName} ({@code ""} = the API root) since the start or the last clear. */
  public int callCount(String callName) {
    LongAdder count = callCounts.get(callName);
    return count == null ? 0 : count.intValue();
  }

  /** Back to a fresh server: no meetings, no recorded requests, NORMAL mode, default slow delay. */
  public void reset() {
    setMode(Mode.NORMAL);
    slowDelay = DEFAULT_SLOW_DELAY;
    api.clear();
    clearRequests();
  }

  @Override
  public String toString() {
    return "SimulatedBbb[" + apiUrl() + ", " + mode + "]";
  }

  BbbApi api() {
    return api;
  }

  void record(RecordedRequest request) {
    synchronized (requests) {
      requests.add(request);
      callCounts.computeIfAbsent(request.callName(), name -> new LongAdder()).increment();
    }
  }

  synchronized void stop() {
    Channel current = listener;
    if (current != null) {
      current.close().syncUninterruptibly();
      listener = null;
    }
    connections.close().awaitUninterruptibly();
  }

  private Channel bind(int wantedPort) {
    return new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            connections.add(ch);
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_CONTENT_LENGTH), handler);
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", wantedPort))
        .syncUninterruptibly()
        .channel();
  }
}
