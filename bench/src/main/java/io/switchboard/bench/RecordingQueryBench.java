package io.switchboard.bench;

import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.server.StoresFactory;
import io.switchboard.proxy.server.SwitchboardServer;
import io.switchboard.storage.CallbackStore;
import io.switchboard.storage.Leases;
import io.switchboard.storage.LoadTable;
import io.switchboard.storage.MeetingStore;
import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.ServerStore;
import io.switchboard.storage.Stores;
import io.switchboard.storage.TenantStore;
import io.switchboard.storage.postgres.PostgresRecordings;
import io.switchboard.storage.postgres.PostgresSettings;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingPage;
import io.switchboard.storage.recordings.RecordingQuery;
import io.switchboard.storage.recordings.RecordingStore;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * getRecordings for one meeting among 100,000 recordings on PostgreSQL (issue 4: p99 under 50 ms). A plain main, not
 * JMH: it measures latency percentiles of whole calls, not a mean time per operation.
 *
 * <ol>
 *   <li>Creates a fresh database {@code sbbench_<random>} on the local PostgreSQL, opens {@link PostgresRecordings} on
 *       it (Switchboard creates Scalelite's schema and its own indexes) with a pool of 8 connections, Switchboard's
 *       default {@code pool-size}.</li>
 *   <li>Generates {@link RecordingDataSet} (100,000 recordings on about 18,000 meetings) and saves every recording
 *       through {@link RecordingStore#save}, oldest first (as a deployment indexes them, so a meeting's recordings lie
 *       weeks apart in the table), 64 saves in flight; then runs {@code ANALYZE} and prints the row counts
 *       and the plans of the three statements of one {@code find}.</li>
 *   <li>Store: {@link RecordingStore#find} with getRecordings' default query for one meetingID (states published and
 *       unpublished, no pagination), on meetings drawn uniformly at random; a warm-up, then {@code queries} queries
 *       from one caller, then {@code queries} queries from {@code callers} concurrent callers, for {@code rounds}
 *       rounds. Every answer is checked against the data set (the number of recordings listed).</li>
 *   <li>HTTP: a Switchboard started with {@code DATABASE_URL} naming that database (recordings on, in-memory state,
 *       no BBB servers), and {@code GET /bigbluebutton/api/getRecordings?meetingID=…&checksum=…} through the JDK's
 *       HttpClient, measured the same way; every answer's {@code <recordID>} count is checked.</li>
 *   <li>Drops the database (also on Ctrl-C).</li>
 * </ol>
 *
 * <p>Switchboard's startup indexes the recording trees on disk and removes from the index every recording they do
 * not hold (TreeIndexer.blockingRebuild, also on PostgreSQL): started on this database with empty trees, it would
 * delete all 100,000 recordings. The bench therefore hands the server its stores with {@link RecordingStore#recordIds}
 * answering an empty list, which makes that clean-up a no-op; every other call goes to the PostgreSQL store as is. It
 * checks the row count after startup.
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -q -B -o install -DskipTests &amp;&amp; mvn -q -B -o -pl bench package
 * java -cp bench/target/benchmarks.jar io.switchboard.bench.RecordingQueryBench
 * java -cp bench/target/benchmarks.jar io.switchboard.bench.RecordingQueryBench recordings=100000 queries=20000 \
 *     callers=8 rounds=2 warmup-seconds=20 http=true seed=42 url=postgres://postgres@127.0.0.1:5432
 * </pre>
 */
public final class RecordingQueryBench {
  private static final Map<String, String> DEFAULTS = defaults();
  private static final String SECRET = "bench-front-end-secret";

  private final BenchSupport.Args args;
  private final String serverUrl;
  private final String database;
  private final String databaseUrl;
  private final Vertx vertx = Vertx.vertx();
  private final AtomicBoolean dropped = new AtomicBoolean();
  private final List<String> summary = new ArrayList<>();

  private RecordingQueryBench(BenchSupport.Args args) {
    this.args = args;
    this.serverUrl = stripSlash(args.string("url"));
    this.database = "sbbench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    this.databaseUrl = serverUrl + "/" + database;
  }

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("url", "postgres://postgres@127.0.0.1:5432");
    defaults.put("admin-database", "test");
    defaults.put("recordings", "100000");
    defaults.put("queries", "20000");
    defaults.put("callers", "8");
    defaults.put("rounds", "2");
    defaults.put("warmup-seconds", "20");
    defaults.put("pool-size", "8");
    defaults.put("insert-in-flight", "64");
    defaults.put("http", "true");
    defaults.put("seed", "42");
    defaults.put("keep-database", "false");
    return defaults;
  }

  public static void main(String[] argv) throws Exception {
    BenchSupport.Args args = new BenchSupport.Args(argv, DEFAULTS);
    RecordingQueryBench bench = new RecordingQueryBench(args);
    Thread hook = new Thread(bench::dropDatabase, "drop-bench-database");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      bench.run();
    } finally {
      bench.dropDatabase();
      bench.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private void run() throws Exception {
    say("# RecordingQueryBench");
    say(BenchSupport.machine());
    say("arguments: " + args.describe());
    sql(args.string("admin-database"), "CREATE DATABASE " + database);
    say("created database " + database + " on " + serverUrl);

    RecordingDataSet data = RecordingDataSet.generate(args.integer("recordings"), args.longValue("seed"));
    say(String.format(Locale.ROOT, "data set: %,d recordings on %,d meetings (%d..%d per meeting), %,d visible to a "
            + "default getRecordings; %,d metadata rows, %,d playback formats, %,d thumbnails",
        data.recordingCount(), data.meetings().size(),
        data.meetings().stream().mapToInt(m -> m.recordings().size()).min().orElse(0),
        data.meetings().stream().mapToInt(m -> m.recordings().size()).max().orElse(0),
        data.meetings().stream().mapToLong(RecordingDataSet.Meeting::visible).sum(),
        data.metadataRows(), data.formatRows(), data.thumbnailRows()));

    PostgresSettings settings = PostgresSettings.of(databaseUrl).withPoolSize(args.integer("pool-size"));
    try (PostgresRecordings postgres = PostgresRecordings.open(settings)) {
      RecordingStore store = postgres.recordings();
      insert(store, data);
      sql(database, "ANALYZE");
      say("ANALYZE done; rows: " + counts());
      explain(data);

      int queries = args.integer("queries");
      int callers = args.integer("callers");
      Duration warmup = Duration.ofSeconds(args.integer("warmup-seconds"));
      say("");
      say("## store: RecordingStore.find(meetingID) on PostgreSQL, pool " + settings.poolSize());
      Caller storeCaller = meeting -> {
        RecordingPage page = store.find(query(meeting.meetingId())).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return page.recordings().size();
      };
      measure("store", storeCaller, data, queries, callers, warmup);
    }

    if (args.bool("http")) {
      say("");
      say("## HTTP: GET /bigbluebutton/api/getRecordings?meetingID=… through Switchboard (DATABASE_URL)");
      http(data, args.integer("queries"), args.integer("callers"), Duration.ofSeconds(args.integer("warmup-seconds")));
    }
    say("");
    say("## summary (ms)");
    say("| path | callers | round | p50 | p90 | p99 | p99.9 | max | queries/s |");
    say("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    summary.forEach(RecordingQueryBench::say);
    say("finished; load average " + BenchSupport.loadAverage());
  }

  // --- data ------------------------------------------------------------------------------------------------------------

  private void insert(RecordingStore store, RecordingDataSet data) throws Exception {
    int inFlight = args.integer("insert-in-flight");
    Semaphore permits = new Semaphore(inFlight);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong saved = new AtomicLong();
    long started = System.nanoTime();
    long lastReport = started;
    // In the order a deployment indexes them, oldest first: a meeting's recordings end up weeks apart in the table.
    List<Recording> chronological = new ArrayList<>(data.recordingCount());
    data.meetings().forEach(meeting -> chronological.addAll(meeting.recordings()));
    chronological.sort(java.util.Comparator.comparingLong(Recording::startTimeMillis));
    int done = 0;
    for (Recording recording : chronological) {
      {
        permits.acquire();
        if (failure.get() != null) {
          throw new IllegalStateException("a save failed", failure.get());
        }
        store.save(recording).whenComplete((ok, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
          saved.incrementAndGet();
          permits.release();
        });
      }
      long now = System.nanoTime();
      if (++done % 1000 == 0 && now - lastReport > TimeUnit.SECONDS.toNanos(15)) {
        lastReport = now;
        say(String.format(Locale.ROOT, "  saved %,d recordings in %.0f s", saved.get(), (now - started) / 1e9));
      }
    }
    permits.acquire(inFlight);
    permits.release(inFlight);
    if (failure.get() != null) {
      throw new IllegalStateException("a save failed", failure.get());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    say(String.format(Locale.ROOT, "inserted %,d recordings through RecordingStore.save (%d in flight, oldest first) "
        + "in %.1f s: %.0f recordings/s", data.recordingCount(), inFlight, seconds, data.recordingCount() / seconds));
  }

  private static RecordingQuery query(String meetingId) {
    return new RecordingQuery(List.of(), List.of(meetingId), RecordingQuery.DEFAULT_STATES, Map.of(), Optional.empty(),
        0, Optional.empty());
  }

  private String counts() throws Exception {
    Row row = sql(database, "SELECT (SELECT count(*) FROM recordings) AS recordings, "
        + "(SELECT count(*) FROM metadata) AS metadata, (SELECT count(*) FROM playback_formats) AS formats, "
        + "(SELECT count(*) FROM thumbnails) AS thumbnails, pg_database_size(current_database()) AS bytes")
        .iterator().next();
    return String.format(Locale.ROOT, "recordings %,d, metadata %,d, playback_formats %,d, thumbnails %,d; database "
        + "%,d MiB", row.getLong("recordings"), row.getLong("metadata"), row.getLong("formats"),
        row.getLong("thumbnails"), row.getLong("bytes") / (1024 * 1024));
  }

  private long recordingRows() throws Exception {
    return sql(database, "SELECT count(*) AS n FROM recordings").iterator().next().getLong("n");
  }

  /** The plans of the statements one find(meetingID) runs, for a meeting with the most recordings. */
  private void explain(RecordingDataSet data) throws Exception {
    RecordingDataSet.Meeting meeting = data.meetings().stream()
        .max((a, b) -> Integer.compare(a.recordings().size(), b.recordings().size())).orElseThrow();
    String meetingId = meeting.meetingId().replace("'", "''");
    String page = "SELECT r.id, r.record_id, r.meeting_id, r.name, r.published, r.protected, r.state, r.starttime, "
        + "r.endtime, r.participants, r.publish_updated FROM recordings r WHERE r.record_id <> '' AND "
        + "r.meeting_id = ANY('{" + meetingId + "}'::varchar[]) AND r.state = ANY('{published,unpublished}'::varchar[]) "
        + "ORDER BY r.starttime DESC NULLS LAST, r.record_id COLLATE \"C\"";
    say("plans for meeting " + meeting.meetingId() + " (" + meeting.recordings().size() + " recordings):");
    printPlan(page);
    List<String> idList = new ArrayList<>();
    for (Row row : sql(database, "SELECT id FROM recordings WHERE meeting_id = '" + meetingId + "'")) {
      idList.add(Long.toString(row.getLong(0)));
    }
    String ids = "'{" + String.join(",", idList) + "}'::bigint[]";
    printPlan("SELECT recording_id, key, value FROM metadata WHERE recording_id = ANY(" + ids
        + ") AND key IS NOT NULL ORDER BY recording_id, id");
    printPlan("SELECT f.id, f.recording_id, f.format, f.url, f.length, f.processing_time, t.id AS thumbnail_id, "
        + "t.width, t.height, t.alt, t.url AS thumbnail_url, t.sequence FROM playback_formats f LEFT JOIN thumbnails t "
        + "ON t.playback_format_id = f.id WHERE f.recording_id = ANY(" + ids + ") AND f.format IS NOT NULL "
        + "ORDER BY f.recording_id, f.format COLLATE \"C\", f.id, t.sequence NULLS LAST, t.id");
  }

  private void printPlan(String statement) throws Exception {
    for (Row row : sql(database, "EXPLAIN (ANALYZE, COSTS OFF, TIMING ON, SUMMARY ON) " + statement)) {
      say("    " + row.getString(0));
    }
  }

  // --- measuring -------------------------------------------------------------------------------------------------------

  /** One getRecordings for one meeting; returns how many recordings it listed. */
  @FunctionalInterface
  private interface Caller {
    int call(RecordingDataSet.Meeting meeting) throws Exception;
  }

  private void measure(String label, Caller caller, RecordingDataSet data, int queries, int callers,
      Duration warmup) throws Exception {
    long seed = args.longValue("seed");
    long warmupEnd = System.nanoTime() + warmup.toNanos();
    int warm = 0;
    Random random = new Random(seed ^ 0x5eed);
    while (System.nanoTime() < warmupEnd) {
      call(caller, pick(data, random));
      warm++;
    }
    int warmConcurrent = run(caller, data, callers, Math.max(callers, warm / 2), seed ^ 0xc0ffee, null);
    say(String.format(Locale.ROOT, "%s warm-up: %,d calls in %d s from 1 caller, then %,d from %d callers",
        label, warm, warmup.toSeconds(), warmConcurrent, callers));
    for (int round = 1; round <= args.integer("rounds"); round++) {
      Latencies single = new Latencies(queries);
      long[] gc = gc();
      long started = System.nanoTime();
      run(caller, data, 1, queries, seed + round, single);
      double singleRate = queries / ((System.nanoTime() - started) / 1e9);
      report(label, 1, round, single.summary(), singleRate, gc);

      Latencies concurrent = new Latencies(queries);
      gc = gc();
      started = System.nanoTime();
      run(caller, data, callers, queries, seed + 1000 + round, concurrent);
      double concurrentRate = queries / ((System.nanoTime() - started) / 1e9);
      report(label, callers, round, concurrent.summary(), concurrentRate, gc);
    }
  }

  /** Collections and milliseconds spent in them so far, over every collector of this JVM. */
  private static long[] gc() {
    long count = 0;
    long millis = 0;
    for (var collector : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, collector.getCollectionCount());
      millis += Math.max(0, collector.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private void report(String label, int callers, int round, Latencies.Summary summary, double rate, long[] gcBefore) {
    long[] gcAfter = gc();
    say(String.format(Locale.ROOT, "%s, %d caller%s, round %d: %s, %.0f queries/s; GC %d collections, %d ms; "
            + "load average %s", label, callers, callers == 1 ? "" : "s", round, summary.line(), rate,
        gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], BenchSupport.loadAverage()));
    this.summary.add(String.format(Locale.ROOT, "| %s | %d | %d %s %.0f |", label, callers, round, summary.cells(),
        rate));
  }

  /** {@code total} calls split over {@code callers} threads, each timed into {@code latencies} when given. */
  private static int run(Caller caller, RecordingDataSet data, int callers, int total, long seed, Latencies latencies)
      throws Exception {
    if (callers == 1) {
      Random random = new Random(seed);
      for (int i = 0; i < total; i++) {
        timed(caller, pick(data, random), latencies);
      }
      return total;
    }
    CountDownLatch done = new CountDownLatch(callers);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      int share = total / callers + (t < total % callers ? 1 : 0);
      Random random = new Random(seed * 31 + t);
      Thread thread = new Thread(() -> {
        try {
          for (int i = 0; i < share && failure.get() == null; i++) {
            timed(caller, pick(data, random), latencies);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }, "caller-" + t);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    done.await();
    if (failure.get() != null) {
      throw new IllegalStateException("a call failed", failure.get());
    }
    return total;
  }

  private static void timed(Caller caller, RecordingDataSet.Meeting meeting, Latencies latencies) throws Exception {
    long started = System.nanoTime();
    int listed = caller.call(meeting);
    long elapsed = System.nanoTime() - started;
    if (listed != meeting.visible()) {
      throw new IllegalStateException("meeting " + meeting.meetingId() + ": listed " + listed + " recordings "
          + "(expected: " + meeting.visible() + ")");
    }
    if (latencies != null) {
      latencies.record(elapsed);
    }
  }

  private static void call(Caller caller, RecordingDataSet.Meeting meeting) throws Exception {
    timed(caller, meeting, null);
  }

  private static RecordingDataSet.Meeting pick(RecordingDataSet data, Random random) {
    return data.meetings().get(random.nextInt(data.meetings().size()));
  }

  // --- through HTTP ----------------------------------------------------------------------------------------------------

  private void http(RecordingDataSet data, int queries, int callers, Duration warmup) throws Exception {
    Path dir = Files.createTempDirectory("sbbench-recordings");
    String hocon = "switchboard.http { port = 0, bind-address = \"127.0.0.1\" }\n"
        + "switchboard.api.secrets = [\"" + SECRET + "\"]\n"
        + "switchboard.poller.interval = 1h\n"
        + "switchboard.database.pool-size = " + args.integer("pool-size") + "\n"
        + "switchboard.recordings {\n"
        + "  spool-dir = \"" + dir.resolve("spool") + "\"\n"
        + "  work-dir = \"" + dir.resolve("work") + "\"\n"
        + "  publish-dir = \"" + dir.resolve("published") + "\"\n"
        + "  unpublish-dir = \"" + dir.resolve("unpublished") + "\"\n"
        + "}\n";
    Path file = Files.writeString(dir.resolve("switchboard.conf"), hocon);
    SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of("DATABASE_URL", databaseUrl));
    Stores stores = StoresFactory.open(config, Clock.systemUTC());
    SwitchboardServer server = null;
    try {
      long before = recordingRows();
      server = SwitchboardServer.start(config, new KeepIndexStores(stores), Clock.systemUTC());
      long after = recordingRows();
      say("Switchboard on 127.0.0.1:" + server.port() + " with DATABASE_URL=" + databaseUrl + ", recordings on, "
          + "empty recording trees; recordings rows before/after startup: " + before + "/" + after);
      if (after != before) {
        throw new IllegalStateException("the startup changed the recordings table: " + before + " -> " + after);
      }
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      String base = "http://127.0.0.1:" + server.port() + "/bigbluebutton/api/getRecordings?";
      Caller httpCaller = meeting -> {
        String query = "meetingID=" + meeting.meetingId();
        URI uri = URI.create(base + query + "&checksum=" + BenchSupport.checksum("getRecordings", query, SECRET));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
            .build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        if (response.statusCode() != 200 || !body.contains("<returncode>SUCCESS</returncode>")) {
          throw new IllegalStateException("getRecordings " + meeting.meetingId() + ": " + response.statusCode()
              + " " + body.substring(0, Math.min(300, body.length())));
        }
        return occurrences(body, "<recordID>");
      };
      measure("HTTP", httpCaller, data, queries, callers, warmup);
    } finally {
      if (server != null) {
        server.close();
      }
      stores.close();
      BenchSupport.deleteTree(dir);
    }
  }

  private static int occurrences(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      count++;
    }
    return count;
  }

  /**
   * The stores Switchboard opened, except that {@link RecordingStore#recordIds} answers an empty list: the startup
   * rebuild of the index from the (empty) recording trees then removes nothing. See the class comment.
   */
  private record KeepIndexStores(Stores delegate) implements Stores {
    @Override
    public ServerStore servers() {
      return delegate.servers();
    }

    @Override
    public MeetingStore meetings() {
      return delegate.meetings();
    }

    @Override
    public LoadTable load() {
      return delegate.load();
    }

    @Override
    public RecordingStore recordings() {
      RecordingStore recordings = delegate.recordings();
      return new RecordingStore() {
        @Override
        public CompletionStage<RecordingPage> find(RecordingQuery query) {
          return recordings.find(query);
        }

        @Override
        public CompletionStage<Optional<Recording>> get(String recordId) {
          return recordings.get(recordId);
        }

        @Override
        public CompletionStage<List<Recording>> getAll(Collection<String> recordIds) {
          return recordings.getAll(recordIds);
        }

        @Override
        public CompletionStage<Void> save(Recording recording) {
          return recordings.save(recording);
        }

        @Override
        public CompletionStage<Optional<Recording>> update(String recordId, UnaryOperator<Recording> change) {
          return recordings.update(recordId, change);
        }

        @Override
        public CompletionStage<Boolean> remove(String recordId) {
          return recordings.remove(recordId);
        }

        @Override
        public CompletionStage<List<String>> recordIds() {
          return java.util.concurrent.CompletableFuture.completedStage(List.of());
        }

        @Override
        public CompletionStage<Boolean> updateMetadata(Collection<String> recordIds, Map<String, String> changes) {
          return recordings.updateMetadata(recordIds, changes);
        }
      };
    }

    @Override
    public CallbackStore callbacks() {
      return delegate.callbacks();
    }

    @Override
    public TenantStore tenants() {
      return delegate.tenants();
    }

    @Override
    public RecordingTokenStore recordingTokens() {
      return delegate.recordingTokens();
    }

    @Override
    public Leases leases() {
      return delegate.leases();
    }

    @Override
    public CompletionStage<Void> check() {
      return delegate.check();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  // --- SQL -------------------------------------------------------------------------------------------------------------

  /** Runs one simple-protocol statement on {@code db} over a connection of its own. */
  private RowSet<Row> sql(String db, String statement) throws Exception {
    URI uri = URI.create(serverUrl);
    PgConnectOptions options = new PgConnectOptions().setHost(uri.getHost())
        .setPort(uri.getPort() < 0 ? 5432 : uri.getPort())
        .setUser(uri.getUserInfo() == null ? "postgres" : uri.getUserInfo().split(":", 2)[0])
        .setDatabase(db);
    if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
      options.setPassword(uri.getUserInfo().split(":", 2)[1]);
    }
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx).build();
    try {
      return pool.query(statement).execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } finally {
      pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private void dropDatabase() {
    if (args.bool("keep-database")) {
      if (dropped.compareAndSet(false, true)) {
        say("kept database " + database + " (keep-database=true); drop it with: psql -h 127.0.0.1 -U postgres -d "
            + args.string("admin-database") + " -c 'DROP DATABASE " + database + "'");
      }
      return;
    }
    if (!dropped.compareAndSet(false, true)) {
      return;
    }
    try {
      sql(args.string("admin-database"), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      say("dropped database " + database);
    } catch (Exception e) {
      System.err.println("could not drop database " + database + ": " + e);
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
