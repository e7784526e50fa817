package io.switchboard.proxy.testing;

import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.server.StoresFactory;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A Switchboard in front of a simulated BBB fleet, over real loopback sockets: what the integration tests drive. The
 * poller's interval is an hour, so tests decide when a poll happens ({@link #pollNow()}).
 *
 * <p>Its stores are of a {@link StoreKind}: {@link StoreKind#EMBEDDED} (the default) or {@link StoreKind#SHARED}, a
 * fresh Redis namespace and a fresh PostgreSQL database ({@link SharedStores}) that {@link #close()} removes. Either way
 * the stores are opened by {@link StoresFactory#open} from the configuration, exactly as production opens them.
 */
public final class SwitchboardFixture implements AutoCloseable {
  /** The secret front-ends share with Switchboard in these tests. */
  public static final String SECRET = "front-end-secret";

  /** Where a fixture keeps its state. */
  public enum StoreKind {
    /** The embedded in-memory stores of a single instance (no REDIS_URL, no DATABASE_URL). */
    EMBEDDED,
    /**
     * Redis (a namespace {@code sbtest-<random>}) and PostgreSQL (a database {@code sbtest_<random>}), as instances
     * sharing them run; the test is skipped when either server is unreachable, and fails instead with {@code CI=true}.
     */
    SHARED
  }

  private final StoreKind kind;
  private final @Nullable SharedStores shared;
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
  private final AtomicBoolean closed = new AtomicBoolean();

  private SwitchboardFixture(StoreKind kind, @Nullable SharedStores shared, BbbSimulator fleet, Stores stores,
      SwitchboardServer server, List<Double> multipliers, String extraHocon, Path recordingsRoot) {
    this.kind = kind;
    this.shared = shared;
    this.multipliers = multipliers;
    this.extraHocon = extraHocon;
    this.recordingsRoot = recordingsRoot;
    this.fleet = fleet;
    this.stores = stores;
    this.server = server;
  }

  /** Switchboard over {@code multipliers.size()} simulated servers ({@code bbb0}, {@code bbb1}, …), embedded stores. */
  public static SwitchboardFixture start(List<Double> multipliers, String extraHocon) {
    return start(StoreKind.EMBEDDED, multipliers, extraHocon);
  }

  public static SwitchboardFixture start(int servers) {
    return start(StoreKind.EMBEDDED, servers);
  }

  public static SwitchboardFixture start(int servers, String extraHocon) {
    return start(StoreKind.EMBEDDED, servers, extraHocon);
  }

  /**
   * Switchboard over {@code multipliers.size()} simulated servers ({@code bbb0}, {@code bbb1}, …) with stores of
   * {@code kind}. For {@link StoreKind#SHARED} the test is skipped (failed with {@code CI=true}) when Redis or
   * PostgreSQL is unreachable.
   */
  public static SwitchboardFixture start(StoreKind kind, List<Double> multipliers, String extraHocon) {
    Path recordingsRoot;
    try {
      recordingsRoot = Files.createTempDirectory("switchboard-recordings");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SharedStores shared = kind == StoreKind.SHARED ? SharedStores.create() : null;
    BbbSimulator fleet = null;
    try {
      fleet = BbbSimulator.start(multipliers.size());
      return start(kind, shared, fleet, multipliers, extraHocon, recordingsRoot);
    } catch (RuntimeException | Error e) {
      if (fleet != null) {
        fleet.close();
      }
      if (shared != null) {
        shared.close();
      }
      throw e;
    }
  }

  public static SwitchboardFixture start(StoreKind kind, int servers) {
    return start(kind, servers, "");
  }

  public static SwitchboardFixture start(StoreKind kind, int servers, String extraHocon) {
    return start(kind, Collections.nCopies(servers, 1.0), extraHocon);
  }

  /**
   * Switchboard over an existing fleet — a restart, as far as the fleet can tell — with its recording trees
   * ({@code spool}, {@code work}, {@code published}, {@code unpublished}) under {@code recordingsRoot}, and for
   * {@link StoreKind#SHARED} the Redis namespace and database of {@code shared}. Does not close what it is given when
   * it fails.
   */
  private static SwitchboardFixture start(StoreKind kind, @Nullable SharedStores shared, BbbSimulator fleet,
      List<Double> multipliers, String extraHocon, Path recordingsRoot) {
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
    if (shared != null) {
      hocon.append(shared.hocon());
    }
    hocon.append(extraHocon).append('\n');
    try {
      Path file = Files.createTempFile("switchboard-test", ".conf");
      Files.writeString(file, hocon);
      SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of());
      Files.delete(file);
      if (config.redis().configured() != (kind == StoreKind.SHARED)
          || config.database().configured() != (kind == StoreKind.SHARED)) {
        throw new IllegalArgumentException("a " + kind + " fixture configured with redis " + config.redis()
            + " and database " + config.database());
      }
      Clock clock = Clock.systemUTC();
      Stores stores = StoresFactory.open(config, clock);
      try {
        return new SwitchboardFixture(kind, shared, fleet, stores, SwitchboardServer.start(config, stores, clock),
            multipliers, extraHocon, recordingsRoot);
      } catch (InterruptedException | RuntimeException failure) {
        stores.close();
        throw failure;
      }
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

  public StoreKind kind() {
    return kind;
  }

  /** The Redis namespace and database of a {@link StoreKind#SHARED} fixture; empty for an embedded one. */
  public Optional<SharedStores> shared() {
    return Optional.ofNullable(shared);
  }

  public int port() {
    return server.port();
  }

  /** The running server, for tests of how it stops; {@link #close()} still closes it (closing twice is harmless). */
  public SwitchboardServer server() {
    return server;
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

  /**
   * Stops this Switchboard and starts a fresh one over the same, still running fleet and recording trees: embedded
   * stores lose their state, shared ones keep it (the new instance opens the same namespace and database). The
   * returned fixture owns everything this one did; this one must not be used (nor closed) afterwards.
   */
  public SwitchboardFixture restart() {
    return restart(extraHocon);
  }

  /** {@link #restart()} with another configuration. */
  public SwitchboardFixture restart(String newExtraHocon) {
    if (!closed.compareAndSet(false, true)) {
      throw new IllegalStateException("restart of a closed or already restarted fixture");
    }
    server.close();
    stores.close();
    try {
      return start(kind, shared, fleet, multipliers, newExtraHocon, recordingsRoot);
    } catch (RuntimeException | Error failure) {
      // Nobody owns the fleet and the shared stores now: leave neither running nor behind.
      fleet.close();
      if (shared != null) {
        shared.close();
      }
      throw failure;
    }
  }

  /** Where the recording trees live: {@code spool}, {@code work}, {@code published}, {@code unpublished}. */
  public Path recordingsRoot() {
    return recordingsRoot;
  }

  /**
   * Stops Switchboard and the fleet, closes the stores, removes the shared stores' keys and database, the trees.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.close();
      stores.close();
      fleet.close();
    } finally {
      if (shared != null) {
        shared.close();
      }
      try (Stream<Path> tree = Files.walk(recordingsRoot)) {
        tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // A temporary directory left behind is harmless.
      }
    }
  }
}
