package io.switchboard.proxy.testing;

import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.server.SwitchboardServer;
import io.switchboard.simulator.BbbSimulator;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.storage.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Switchboard in front of a simulated BBB fleet, over real loopback sockets: what the integration tests drive. The
 * poller's interval is an hour, so tests decide when a poll happens ({@link #pollNow()}).
 */
public final class SwitchboardFixture implements AutoCloseable {
  /** The secret front-ends share with Switchboard in these tests. */
  public static final String SECRET = "front-end-secret";

  private final BbbSimulator fleet;
  private final Stores stores;
  private final SwitchboardServer server;
  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final List<Double> multipliers;
  private final String extraHocon;
  private final Path recordingsRoot;

  private SwitchboardFixture(BbbSimulator fleet, Stores stores, SwitchboardServer server, List<Double> multipliers,
      String extraHocon, Path recordingsRoot) {
    this.multipliers = multipliers;
    this.extraHocon = extraHocon;
    this.recordingsRoot = recordingsRoot;
    this.fleet = fleet;
    this.stores = stores;
    this.server = server;
  }

  /** Switchboard over {@code multipliers.size()} simulated servers ({@code bbb0}, {@code bbb1}, …). */
  public static SwitchboardFixture start(List<Double> multipliers, String extraHocon) {
    try {
      return start(BbbSimulator.start(multipliers.size()), multipliers, extraHocon,
          Files.createTempDirectory("switchboard-recordings"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SwitchboardFixture start(int servers) {
    return start(servers, "");
  }

  public static SwitchboardFixture start(int servers, String extraHocon) {
    return start(Collections.nCopies(servers, 1.0), extraHocon);
  }

  /**
   * Switchboard over an existing fleet — a restart, as far as the fleet can tell — with its recording trees
   * ({@code spool}, {@code work}, {@code published}, {@code unpublished}) under {@code recordingsRoot}.
   */
  static SwitchboardFixture start(
      BbbSimulator fleet, List<Double> multipliers, String extraHocon, Path recordingsRoot) {
    StringBuilder hocon = new StringBuilder()
        .append("switchboard.http.port = 0\n")
        .append("switchboard.http.bind-address = \"127.0.0.1\"\n")
        .append("switchboard.api.secrets = [\"").append(SECRET).append("\", \"second-secret\"]\n")
        .append("switchboard.poller.interval = 1h\n")
        .append("switchboard.upstream.connect-timeout = 1s\n")
        .append("switchboard.upstream.response-timeout = 2s\n")
        .append("switchboard.recordings.spool-dir = \"").append(recordingsRoot.resolve("spool")).append("\"\n")
        .append("switchboard.recordings.work-dir = \"").append(recordingsRoot.resolve("work")).append("\"\n")
        .append("switchboard.recordings.publish-dir = \"").append(recordingsRoot.resolve("published")).append("\"\n")
        .append("switchboard.recordings.unpublish-dir = \"").append(recordingsRoot.resolve("unpublished"))
        .append("\"\n")
        .append("switchboard.recordings.import-poll-interval = 200ms\n");
    for (int i = 0; i < multipliers.size(); i++) {
      SimulatedBbb bbb = fleet.server(i);
      hocon.append("switchboard.servers.bbb").append(i).append(" { url = \"").append(bbb.apiUrl())
          .append("\", secret = \"").append(bbb.secret()).append("\", load-multiplier = ")
          .append(multipliers.get(i)).append(" }\n");
    }
    hocon.append(extraHocon).append('\n');
    try {
      Path file = Files.createTempFile("switchboard-test", ".conf");
      Files.writeString(file, hocon);
      SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of());
      Files.delete(file);
      Clock clock = Clock.systemUTC();
      Stores stores = Stores.inMemory(clock, config.rewrite().meetingTtl());
      return new SwitchboardFixture(fleet, stores, SwitchboardServer.start(config, stores, clock), multipliers,
          extraHocon, recordingsRoot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public BbbSimulator fleet() {
    return fleet;
  }

  public SimulatedBbb bbb(int index) {
    return fleet.server(index);
  }

  /** The one simulated server that runs {@code meetingId}; fails when none or several do. */
  public SimulatedBbb hostOf(String meetingId) {
    List<SimulatedBbb> hosts = fleet.servers().stream().filter(bbb -> bbb.meeting(meetingId).isPresent()).toList();
    if (hosts.size() != 1) {
      throw new AssertionError(meetingId + " runs on " + hosts.size() + " servers (expected: exactly one)");
    }
    return hosts.get(0);
  }

  public Stores stores() {
    return stores;
  }

  public int port() {
    return server.port();
  }

  /** The URL a front-end calls: {@code call} with {@code query}, signed with {@link #SECRET} (SHA-256). */
  public URI signed(String call, String query) {
    return signed(call, query, SECRET, "SHA-256");
  }

  public URI signed(String call, String query, String secret, String algorithm) {
    String checksum = checksum(call + query + secret, algorithm);
    String separator = query.isEmpty() ? "" : "&";
    return URI.create("http://127.0.0.1:" + port() + "/bigbluebutton/api/" + call + "?" + query + separator
        + "checksum=" + checksum);
  }

  public HttpResponse<String> get(String call, String query) {
    return send(HttpRequest.newBuilder(signed(call, query)).GET().build());
  }

  public HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET().build());
  }

  /** Sends with a 30 s timeout, so a Switchboard that never answers fails the test instead of hanging it. */
  public HttpResponse<String> send(HttpRequest request) {
    HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(30)).build();
    try {
      return http.send(bounded, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient http() {
    return http;
  }

  /** Runs one poll of every server and waits for it. */
  public void pollNow() {
    try {
      server.poller().pollOnce().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("poll did not complete", e);
    }
  }

  public static String checksum(String input, String algorithm) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(digest.digest(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Stops this Switchboard, losing its in-memory state, and starts a fresh one over the same, still running fleet. */
  public SwitchboardFixture restart() {
    return restart(extraHocon);
  }

  /** {@link #restart()} with another configuration. */
  public SwitchboardFixture restart(String newExtraHocon) {
    server.close();
    return start(fleet, multipliers, newExtraHocon, recordingsRoot);
  }

  /** Where the recording trees live: {@code spool}, {@code work}, {@code published}, {@code unpublished}. */
  public Path recordingsRoot() {
    return recordingsRoot;
  }

  @Override
  public void close() {
    server.close();
    fleet.close();
    try (Stream<Path> tree = Files.walk(recordingsRoot)) {
      tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // A temporary directory left behind is harmless.
    }
  }
}
