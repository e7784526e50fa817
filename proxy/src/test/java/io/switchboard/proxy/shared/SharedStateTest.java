package io.switchboard.proxy.shared;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.server.StoresFactory;
import io.switchboard.proxy.server.SwitchboardServer;
import io.switchboard.proxy.testing.RecordingTarballs;
import io.switchboard.proxy.testing.SharedStores;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.routing.jwt.HmacJwt;
import io.switchboard.simulator.BbbSimulator;
import io.switchboard.simulator.SimulatedBbb.Mode;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.storage.Stores;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Three Switchboard instances on one machine sharing one Redis (Scalelite's layout), one PostgreSQL database
 * (Scalelite's schema) and one recordings volume, as a Kubernetes Deployment runs them: creates spread as one instance
 * would spread them, any instance joins any meeting, one instance polls and another takes over when it dies, a Redis
 * restart mid-load loses nothing, a tarball dropped into the shared spool is imported once and then listed and served
 * by every instance, and a rolling update (an instance stopping, another starting) interrupts neither importing nor
 * placement. Skipped (failed with CI=true) when Redis or PostgreSQL is unreachable.
 */
class SharedStateTest {
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  /** The running instances, closed after each test; instances may start on another thread. */
  private final List<Instance> instances = new CopyOnWriteArrayList<>();
  private final AtomicInteger started = new AtomicInteger();
  private SharedStores shared;
  private BbbSimulator fleet;
  private Path recordings;

  private record Instance(SwitchboardServer server, Stores stores) {
    void close() {
      server.close();
      stores.close();
    }

    int port() {
      return server.port();
    }
  }

  @BeforeEach
  void requireRedisAndPostgres(@TempDir Path dir) {
    shared = SharedStores.create();
    fleet = BbbSimulator.start(3);
    recordings = dir;
  }

  @AfterEach
  void stop() {
    try {
      instances.forEach(Instance::close);
      if (fleet != null) {
        fleet.close();
      }
    } finally {
      if (shared != null) {
        shared.close();
      }
    }
  }

  /** An instance on the shared Redis, database and recordings volume, polling every second, leases of 2 s. */
  private Instance start() throws Exception {
    return start("1s", "2s", "");
  }

  /**
   * @param pollInterval a poll overwrites the load table with what the servers report, as Scalelite's does; tests of
   *     the placement arithmetic keep polls out of the way with a long interval
   * @param leaseTtl how long the poller's and the importer's leases outlive a holder that stops renewing them
   * @param extraHocon more configuration, e.g. another Redis URL
   */
  private Instance start(String pollInterval, String leaseTtl, String extraHocon) throws Exception {
    StringBuilder hocon = new StringBuilder()
        .append("switchboard.http { port = 0, bind-address = \"127.0.0.1\" }\n")
        .append("switchboard.api.secrets = [\"").append(SwitchboardFixture.SECRET).append("\"]\n")
        .append("switchboard.poller { interval = ").append(pollInterval).append(", wait-timeout = 3s }\n")
        .append("switchboard.upstream { connect-timeout = 2s, response-timeout = 5s }\n")
        .append(shared.hocon())
        .append("switchboard.redis { lease-ttl = ").append(leaseTtl).append(", command-timeout = 2s }\n")
        // One recordings volume for every instance, as a shared NFS or Kubernetes volume is mounted.
        .append("switchboard.recordings { spool-dir = \"").append(recordings.resolve("spool"))
        .append("\", work-dir = \"").append(recordings.resolve("work"))
        .append("\", publish-dir = \"").append(recordings.resolve("published"))
        .append("\", unpublish-dir = \"").append(recordings.resolve("unpublished"))
        .append("\", import-poll-interval = 200ms }\n");
    for (int i = 0; i < 3; i++) {
      SimulatedBbb bbb = fleet.server(i);
      hocon.append("switchboard.servers.bbb").append(i).append(" { url = \"").append(bbb.apiUrl())
          .append("\", secret = \"").append(bbb.secret()).append("\" }\n");
    }
    hocon.append(extraHocon).append('\n');
    Path file = Files.writeString(recordings.resolve("switchboard-" + started.getAndIncrement() + ".conf"), hocon);
    SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of());
    Stores stores = StoresFactory.open(config, Clock.systemUTC());
    try {
      Instance instance = new Instance(SwitchboardServer.start(config, stores, Clock.systemUTC()), stores);
      instances.add(instance);
      return instance;
    } catch (Exception | Error failure) {
      stores.close();
      throw failure;
    }
  }

  private HttpResponse<String> call(Instance instance, String apiCall, String query) throws Exception {
    String checksum = SwitchboardFixture.checksum(apiCall + query + SwitchboardFixture.SECRET, "SHA-256");
    URI uri = URI.create("http://127.0.0.1:" + instance.port() + "/bigbluebutton/api/" + apiCall + "?"
        + query + "&checksum=" + checksum);
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void threeInstancesSpreadConcurrentCreatesAsOneWouldAndJoinAnyMeeting() throws Exception {
    // A generous Redis timeout: on a loaded machine (or a Redis other work is hammering) a 2 s command timeout fails
    // creates, and this test is about where they land, not about timeouts.
    for (int i = 0; i < 3; i++) {
      start("1h", "2s", "switchboard.redis.command-timeout = 15s");
    }
    List<CompletableFuture<HttpResponse<String>>> creates = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instance instance = instances.get(i % 3);
      String query = "meetingID=shared-" + i + "&name=Room+" + i;
      String checksum = SwitchboardFixture.checksum("create" + query + SwitchboardFixture.SECRET, "SHA-256");
      creates.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port()
          + "/bigbluebutton/api/create?" + query + "&checksum=" + checksum)).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    creates.forEach(create -> assertThat(create.join().body()).contains("<returncode>SUCCESS</returncode>"));

    List<Integer> perServer = fleet.servers().stream().map(bbb -> bbb.meetings().size()).toList();
    assertThat(perServer.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
    assertThat(perServer).as("300 creates through 3 instances spread as one instance spreads them: %s", perServer)
        .allSatisfy(count -> assertThat(count).isBetween(97, 103));

    for (int i = 0; i < 30; i++) {
      String meeting = "shared-" + i;
      int host = fleet.servers().indexOf(fleet.servers().stream()
          .filter(bbb -> bbb.meeting(meeting).isPresent()).findFirst().orElseThrow());
      for (Instance instance : instances) {
        HttpResponse<String> join = call(instance, "join", "meetingID=" + meeting + "&fullName=Guest");
        assertThat(join.statusCode()).isEqualTo(302);
        assertThat(URI.create(join.headers().firstValue("location").orElseThrow()).getPort())
            .as("every instance sends %s's joins to its server", meeting).isEqualTo(fleet.server(host).port());
      }
    }
  }

  @Test
  void whenThePollingInstanceDiesAnotherTakesOver() throws Exception {
    for (int i = 0; i < 3; i++) {
      start();
    }
    // Whoever holds the lease, close the instances one by one until one remains: it must be polling.
    instances.remove(0).close();
    instances.remove(0).close();
    fleet.server(2).setMode(Mode.OFFLINE);

    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    boolean offline = false;
    while (!offline && Instant.now().isBefore(deadline)) {
      offline = !instances.get(0).stores().servers().find("bbb2").toCompletableFuture().join().orElseThrow().online();
      Thread.sleep(200);
    }
    assertThat(offline).as("the surviving instance polls and declares the dead server offline").isTrue();
  }

  @Test
  void redisRestartMidLoadLosesNothing(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server")), "redis-server is not installed");
    int port;
    try (var probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Process redis = startRedis(port, dir);
    String ownRedis = "switchboard.redis.url = \"redis://127.0.0.1:" + port + "\"";
    try {
      Instance a = start("1s", "2s", ownRedis);
      Instance b = start("1s", "2s", ownRedis);
      for (int i = 0; i < 10; i++) {
        assertThat(call(i % 2 == 0 ? a : b, "create", "meetingID=durable-" + i + "&name=Room+" + i).body())
            .contains("<returncode>SUCCESS</returncode>");
      }

      stopRedis(redis);
      long started = System.nanoTime();
      HttpResponse<String> duringOutage = call(a, "join", "meetingID=durable-1&fullName=Guest");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no hang while Redis is down")
          .isLessThan(Duration.ofSeconds(10));
      assertThat(duringOutage.statusCode()).isEqualTo(200);
      assertThat(duringOutage.body()).contains("<returncode>FAILED</returncode>");

      redis = startRedis(port, dir);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      int status = 0;
      while (status != 302 && Instant.now().isBefore(deadline)) {
        status = call(b, "join", "meetingID=durable-1&fullName=Guest").statusCode();
        Thread.sleep(200);
      }
      assertThat(status).as("joins work again after Redis is back, without a restart").isEqualTo(302);
      for (int i = 0; i < 10; i++) {
        assertThat(call(a, "join", "meetingID=durable-" + i + "&fullName=Guest").statusCode())
            .as("durable-%d survived the restart", i).isEqualTo(302);
      }
    } finally {
      stopRedis(redis);
    }
  }

  @Test
  void tarballsInTheSharedSpoolAreImportedOnceThenListedAndServedByEveryInstance() throws Exception {
    List<String> callbacks = new CopyOnWriteArrayList<>();
    HttpServer frontEnd = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    frontEnd.createContext("/recording_ready", exchange -> {
      callbacks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    frontEnd.start();
    try (ImporterLog log = ImporterLog.capture()) {
      for (int i = 0; i < 3; i++) {
        start();
      }
      String readyUrl = "http://127.0.0.1:" + frontEnd.getAddress().getPort() + "/recording_ready";
      assertThat(call(instances.get(1), "create", "meetingID=lecture&name=Lecture&record=true"
          + "&meta_bbb-recording-ready-url=" + URLEncoder.encode(readyUrl, StandardCharsets.UTF_8)).body())
          .contains("<returncode>SUCCESS</returncode>");

      // Six tarballs at once, while all three instances watch the spool: whoever imports, each is imported once.
      List<String> recordIds = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        recordIds.add(recordId(i));
        RecordingTarballs.write(recordings.resolve("spool"), recordId(i), "lecture");
      }
      for (Instance instance : instances) {
        String listing = awaitListed(instance, "lecture", recordIds, Duration.ofSeconds(30));
        assertThat(listing.split("<recording>", -1)).as("instance on %d lists each recording once", instance.port())
            .hasSize(recordIds.size() + 1);
      }
      awaitCondition(Duration.ofSeconds(20), () -> callbacks.size() >= recordIds.size(),
          () -> "one recording-ready callback per recording; got " + callbacks.size());
      Thread.sleep(1_000); // a second importer, had there been one, would have called back by now

      assertThat(log.imported()).as("each tarball is imported by one instance, once: %s", log.events())
          .containsExactlyInAnyOrderElementsOf(recordIds);
      assertThat(callbacks.stream().map(SharedStateTest::calledBackRecordId).toList())
          .as("the front-end hears of each recording once").containsExactlyInAnyOrderElementsOf(recordIds);
      assertThat(shared.query("SELECT record_id FROM recordings")).as("one row per recording in the shared database")
          .containsExactlyInAnyOrderElementsOf(recordIds);
      try (Stream<Path> spool = Files.list(recordings.resolve("spool"))) {
        assertThat(spool.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".tar")))
            .as("the spool is empty").isEmpty();
      }
      Path failed = recordings.resolve("spool").resolve("failed");
      if (Files.isDirectory(failed)) {
        try (Stream<Path> failures = Files.list(failed)) {
          assertThat(failures).as("no importer tripped over another's tarball").isEmpty();
        }
      }

      for (Instance instance : instances) {
        for (String recordId : recordIds) {
          HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                  + instance.port() + "/presentation/" + recordId + "/shapes.svg")).timeout(Duration.ofSeconds(10))
              .build(), HttpResponse.BodyHandlers.ofByteArray());
          assertThat(file.statusCode()).as("instance on %d serves %s", instance.port(), recordId).isEqualTo(200);
          assertThat(file.body()).isEqualTo(RecordingTarballs.SHAPES);
        }
      }
    } finally {
      frontEnd.stop(0);
    }
  }

  /**
   * A rolling update stops the instance that imports: the one left running must import from the spool at once, as it
   * polls at once when the polling instance stops — not once the stopped instance's importer lease has expired.
   */
  @Test
  void whenTheImportingInstanceShutsDownAnotherImportsAtOnce() throws Exception {
    Instance first = start("1h", "30s", "");
    RecordingTarballs.write(recordings.resolve("spool"), recordId(1), "handover");
    awaitListed(first, "handover", List.of(recordId(1)), Duration.ofSeconds(20));
    Instance second = start("1h", "30s", "");

    instances.remove(first);
    first.close();
    RecordingTarballs.write(recordings.resolve("spool"), recordId(2), "handover");

    awaitListed(second, "handover", List.of(recordId(1), recordId(2)), Duration.ofSeconds(10));
  }

  /**
   * A rolling update starts an instance while the others serve: its start must not take the servers out of the shared
   * placement pool, nor mark them offline, while its first poll is under way.
   */
  @Test
  void anInstanceStartingLeavesTheServersAvailableToTheOthers() throws Exception {
    Instance running = start("1h", "30s", "");
    for (SimulatedBbb bbb : fleet.servers()) {
      bbb.setSlowDelay(Duration.ofSeconds(2));
      bbb.setMode(Mode.SLOW);
      bbb.clearRequests();
    }
    CompletableFuture<Instance> starting = CompletableFuture.supplyAsync(() -> {
      try {
        return start("1h", "30s", "");
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    try {
      awaitCondition(Duration.ofSeconds(10),
          () -> fleet.servers().stream().allMatch(bbb -> bbb.callCount("getMeetings") > 0),
          () -> "the starting instance's first poll did not reach every server");
      Thread.sleep(700); // past the running instance's load cache (500 ms), well within the 2 s poll

      assertThat(running.stores().servers().all().toCompletableFuture().join())
          .as("the servers stay online while the new instance's first poll is under way")
          .allSatisfy(server -> assertThat(server.online()).as(server.id()).isTrue());
      assertThat(call(running, "create", "meetingID=during-rollout&name=Room+R").body())
          .as("the running instance still places meetings").contains("<returncode>SUCCESS</returncode>");
    } finally {
      starting.join();
    }
  }

  private static String recordId(int index) {
    return "%040x-%d".formatted(index + 0xabc, 1_700_000_000_000L + index);
  }

  /** The record_id of a recording-ready callback's verified token. */
  private static String calledBackRecordId(String body) {
    String token = URLDecoder.decode(body.substring("signed_parameters=".length()), StandardCharsets.UTF_8);
    String claims = HmacJwt.of(HmacJwt.Algorithm.HS256, SwitchboardFixture.SECRET).verifiedClaims(token)
        .orElseThrow(() -> new AssertionError("a callback with a token that does not verify: " + body));
    Matcher recordId = Pattern.compile("\"record_id\":\"([^\"]+)\"").matcher(claims);
    assertThat(recordId.find()).as(claims).isTrue();
    return recordId.group(1);
  }

  /** Waits until {@code instance}'s getRecordings for {@code meetingId} lists every one of {@code recordIds}. */
  private String awaitListed(Instance instance, String meetingId, List<String> recordIds, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    String body = "";
    while (Instant.now().isBefore(deadline)) {
      body = call(instance, "getRecordings", "meetingID=" + meetingId).body();
      String listing = body;
      if (recordIds.stream().allMatch(listing::contains)) {
        return body;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("instance on " + instance.port() + " did not list " + recordIds + " within " + timeout
        + "; last answer: " + body);
  }

  private static void awaitCondition(Duration timeout, BooleanSupplier condition, Supplier<String> failure)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(failure.get() + " within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  /** What the recording importers of every instance in this JVM log, collected while open. */
  private static final class ImporterLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private static final Pattern IMPORTED = Pattern.compile("imported recording (\\S+) .*");
    private final Logger logger =
        (Logger) LoggerFactory.getLogger("io.switchboard.recordings.importer.RecordingImporter");
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Level previousLevel = logger.getLevel();

    static ImporterLog capture() {
      ImporterLog log = new ImporterLog();
      log.setContext(log.logger.getLoggerContext());
      log.start();
      log.logger.addAppender(log);
      log.logger.setLevel(Level.INFO);
      return log;
    }

    @Override
    protected void append(ILoggingEvent event) {
      events.add(event.getLevel() + " " + event.getFormattedMessage());
    }

    List<String> events() {
      return events;
    }

    /** The record ids of every "imported recording" line, one per import. */
    List<String> imported() {
      List<String> imported = new ArrayList<>();
      for (String event : events) {
        Matcher matcher = IMPORTED.matcher(event.substring(event.indexOf(' ') + 1));
        if (matcher.matches()) {
          imported.add(matcher.group(1));
        }
      }
      return imported;
    }

    @Override
    public void close() {
      logger.detachAppender(this);
      logger.setLevel(previousLevel);
      stop();
    }
  }

  /** A Redis of this test's own, persisting every write, so a restart keeps what was written. */
  private static Process startRedis(int port, Path dir) throws Exception {
    Process redis = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!answersPing(port)) {
      if (Instant.now().isAfter(deadline)) {
        redis.destroyForcibly();
        throw new AssertionError("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
      }
      Thread.sleep(50);
    }
    return redis;
  }

  private static void stopRedis(Process redis) throws InterruptedException {
    redis.destroy();
    if (!redis.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      redis.destroyForcibly();
    }
  }

  private static boolean answersPing(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] reply = new byte[7];
      int read = socket.getInputStream().read(reply);
      return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException unreachable) {
      return false;
    }
  }
}
