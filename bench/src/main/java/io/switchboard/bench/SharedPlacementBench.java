package io.switchboard.bench;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.server.StoresFactory;
import io.switchboard.proxy.server.SwitchboardServer;
import io.switchboard.simulator.BbbSimulator;
import io.switchboard.simulator.SimMeeting;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.storage.Stores;
import io.switchboard.storage.redis.CachedLoadTable;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Throughput of {@code create} and {@code join} through (a) one embedded Switchboard (in-memory stores) and (b) three
 * Switchboard instances sharing one Redis in Scalelite's layout (issue 4, "Bench"), and the Caffeine hit rate of each
 * instance's load cache. A plain main, not JMH: it drives real sockets on loopback.
 *
 * <ul>
 *   <li>A {@link BbbSimulator} fleet of 3 fake BBB servers (in this JVM) takes the creates.</li>
 *   <li>Each Switchboard runs in this JVM too ({@link SwitchboardServer#start}), with recordings disabled and the
 *       poller at 1 h (so polls do not overwrite the load table during the run), its stores from
 *       {@link StoresFactory}: in memory for (a), Redis on {@code redis} in a fresh namespace
 *       {@code sbbench-<random>} for (b), whose keys are deleted at the end.</li>
 *   <li>The client is the JDK's async HttpClient (HTTP/1.1, keep-alive) with at most {@code in-flight} requests
 *       outstanding, sent round-robin over the instances. Creates use distinct meetingIDs; the joins then go to the
 *       same meetings in random order, each through the instance after the one that created it, so in (b) no join is
 *       answered by the instance that placed its meeting. Every answer is checked: a create must say SUCCESS, a join
 *       must be a 302 to the BBB server that holds the meeting.</li>
 *   <li>Both configurations are started at once and stay up. Warm-up: for {@code warmup-seconds}, batches of 1,000
 *       creates, joins and ends of throw-away meetings through (a) and (b) in turn, so the JIT has compiled both
 *       paths before either is measured and no meetings pile up. Then {@code rounds} rounds, (a) then (b) in odd
 *       rounds and (b) then (a) in even ones: {@code n} creates and {@code n} joins measured, then the meetings are
 *       ended (not measured), so every round starts from the same state. A phase stops early at
 *       {@code phase-seconds} (the report says so).</li>
 *   <li>Reported per phase: requests/s, latency percentiles, the spread of the created meetings over the 3 BBB
 *       servers, for (b) the load cache's hits and misses of each instance ({@link CachedLoadTable#stats()} via
 *       {@code stores.load()}), the Redis commands per request ({@code INFO commandstats}, which counts every client
 *       of that Redis) and redis-server's CPU, and this JVM's CPU by thread group ({@link CpuAccount}); at the end,
 *       (b)/(a) per round and its median, the figure least affected by the machine's drift.</li>
 * </ul>
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -q -B -o install -DskipTests &amp;&amp; mvn -q -B -o -pl bench package
 * java -cp bench/target/benchmarks.jar io.switchboard.bench.SharedPlacementBench
 * java -cp bench/target/benchmarks.jar io.switchboard.bench.SharedPlacementBench n=10000 in-flight=64 rounds=3 \
 *     warmup-seconds=45 phase-seconds=30 redis=redis://127.0.0.1:6379 seed=42
 * </pre>
 */
public final class SharedPlacementBench {
  private static final String SECRET = "bench-front-end-secret";
  private static final Map<String, String> DEFAULTS = defaults();

  private final BenchSupport.Args args;
  private final String namespace = "sbbench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> summary = new ArrayList<>();
  private final AtomicBoolean cleaned = new AtomicBoolean();
  private BbbSimulator fleet;
  private RedisClient adminClient;
  private StatefulRedisConnection<String, String> adminConnection;

  private SharedPlacementBench(BenchSupport.Args args) {
    this.args = args;
  }

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("n", "10000");
    defaults.put("in-flight", "64");
    defaults.put("warmup-seconds", "45");
    defaults.put("phase-seconds", "30");
    defaults.put("redis", "redis://127.0.0.1:6379");
    defaults.put("rounds", "3");
    defaults.put("seed", "42");
    return defaults;
  }

  public static void main(String[] argv) throws Exception {
    SharedPlacementBench bench = new SharedPlacementBench(new BenchSupport.Args(argv, DEFAULTS));
    Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanRedis, "clean-bench-namespace"));
    try {
      bench.run();
    } finally {
      bench.cleanRedis();
      bench.closeRedis();
      if (bench.fleet != null) {
        bench.fleet.close();
      }
    }
    System.exit(0);
  }

  /** One Switchboard instance and its stores. */
  private record Instance(String name, SwitchboardServer server, Stores stores) {
    void close() {
      server.close();
      stores.close();
    }

    Optional<CachedLoadTable> cache() {
      return stores.load() instanceof CachedLoadTable cached ? Optional.of(cached) : Optional.empty();
    }
  }

  /** One configuration under test: its instances, started once and measured in every round. */
  private record Setup(String label, String tag, boolean redis, List<Instance> instances) {
    void close() {
      instances.forEach(Instance::close);
    }
  }

  /** The creates/s and joins/s of one configuration in one round. */
  private record Rates(String label, int round, double creates, double joins) {}

  private void run() throws Exception {
    long started = System.nanoTime();
    say("# SharedPlacementBench");
    say(BenchSupport.machine());
    say("arguments: " + args.describe() + "; Redis namespace " + namespace);
    fleet = BbbSimulator.start(3);
    say("BBB simulator fleet: " + fleet.servers().stream().map(bbb -> bbb.apiUrl().toString()).toList());
    Path dir = Files.createTempDirectory("sbbench-placement");
    List<Setup> setups = new ArrayList<>();
    try {
      setups.add(setUp(dir, "(a) 1 embedded", "a", false, 1));
      setups.add(setUp(dir, "(b) 3 on Redis", "b", true, 3));
      for (Setup setup : setups) {
        say(setup.label() + ": " + setup.instances().stream().map(instance -> instance.name() + " on 127.0.0.1:"
            + instance.server().port() + " (" + instance.stores().load().getClass().getSimpleName() + ")").toList());
      }
      warmUp(setups);
      List<Rates> rates = new ArrayList<>();
      for (int round = 1; round <= args.integer("rounds"); round++) {
        List<Setup> order = new ArrayList<>(setups);
        if (round % 2 == 0) {
          Collections.reverse(order);
        }
        for (Setup setup : order) {
          rates.add(measure(setup, round));
        }
      }
      say("");
      say("## summary");
      say("| configuration | round | phase | requests | requests/s | p50 ms | p99 ms | max ms | spread over "
          + "bbb0/bbb1/bbb2 | load cache hit rate | Redis commands/request |");
      say("|---|---:|---|---:|---:|---:|---:|---:|---|---|---|");
      summary.forEach(SharedPlacementBench::say);
      say("");
      say("| round | (a) creates/s | (b) creates/s | (b)/(a) creates | (a) joins/s | (b) joins/s | (b)/(a) joins |");
      say("|---:|---:|---:|---:|---:|---:|---:|");
      List<Double> createRatios = new ArrayList<>();
      List<Double> joinRatios = new ArrayList<>();
      for (int round = 1; round <= args.integer("rounds"); round++) {
        int r = round;
        Rates a = rates.stream().filter(x -> x.round() == r && x.label().startsWith("(a)")).findFirst().orElseThrow();
        Rates b = rates.stream().filter(x -> x.round() == r && x.label().startsWith("(b)")).findFirst().orElseThrow();
        createRatios.add(b.creates() / a.creates());
        joinRatios.add(b.joins() / a.joins());
        say(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |", round, a.creates(),
            b.creates(), b.creates() / a.creates(), a.joins(), b.joins(), b.joins() / a.joins()));
      }
      say(String.format(Locale.ROOT, "median (b)/(a): creates %.2f, joins %.2f", median(createRatios),
          median(joinRatios)));
    } finally {
      setups.forEach(Setup::close);
      BenchSupport.deleteTree(dir);
    }
    say(String.format(Locale.ROOT, "finished in %.0f s; load average %s", (System.nanoTime() - started) / 1e9,
        BenchSupport.loadAverage()));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private Setup setUp(Path dir, String label, String tag, boolean redis, int count) throws Exception {
    List<Instance> instances = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        instances.add(start(dir, redis, tag, i));
      }
    } catch (Exception | Error e) {
      instances.forEach(Instance::close);
      throw e;
    }
    return new Setup(label, tag, redis, List.copyOf(instances));
  }

  /**
   * Throw-away meetings, created, joined and ended in batches of 1,000 through each configuration in turn until the
   * time is up, so the JIT has compiled both paths before either is measured, and neither Switchboard's stores nor
   * the simulator accumulate meetings (the simulator's create scans its meetings).
   */
  private void warmUp(List<Setup> setups) throws Exception {
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(args.integer("warmup-seconds"));
    int batch = 0;
    Map<String, Integer> requests = new LinkedHashMap<>();
    while (System.nanoTime() < warmupEnd) {
      for (Setup setup : setups) {
        List<Instance> instances = setup.instances();
        String prefix = "warm-" + setup.tag() + "-" + batch + "-";
        int size = 1000;
        int done = drive(size, i -> create(instances, i, prefix + i), null, Long.MAX_VALUE, null).done();
        done += drive(size, i -> join(instances, i + 1, prefix + i), null, Long.MAX_VALUE, null).done();
        done += drive(size, i -> end(instances, i + 2, prefix + i), null, Long.MAX_VALUE, null).done();
        requests.merge(setup.label(), done, Integer::sum);
        fleet.servers().forEach(SimulatedBbb::clearRequests);
      }
      batch++;
    }
    int leftOver = fleet.servers().stream().mapToInt(bbb -> bbb.meetings().size()).sum();
    if (leftOver > 0) {
      say("  " + leftOver + " warm-up meetings were not ended; the fleet is reset");
      fleet.servers().forEach(SimulatedBbb::reset);
    }
    say(String.format(Locale.ROOT, "warm-up: %d s, requests %s", args.integer("warmup-seconds"), requests));
  }

  /** n creates, then n joins of those meetings in random order (both measured), then their ends (not measured). */
  private Rates measure(Setup setup, int round) throws Exception {
    say("");
    say("## " + setup.label() + ", round " + round);
    List<Instance> instances = setup.instances();
    boolean redis = setup.redis();
    int n = args.integer("n");
    long phaseNanos = TimeUnit.SECONDS.toNanos(args.integer("phase-seconds"));
    String prefix = "bench-" + setup.tag() + "-" + round + "-";

    Map<String, CacheStats> beforeCreates = cacheStats(instances);
    Map<String, Long> redisBefore = redis ? redisCalls() : Map.of();
    double redisCpuBefore = redis ? redisCpuSeconds() : 0;
    Latencies createLatencies = new Latencies(n);
    CpuAccount createCpu = CpuAccount.start();
    Outcome creates = drive(n, i -> create(instances, i, prefix + i), createLatencies, phaseNanos, null);
    String createCpuText = createCpu.report(creates.done());
    Map<String, Long> redisAfterCreates = redis ? redisCalls() : Map.of();
    double redisCpuAfterCreates = redis ? redisCpuSeconds() : 0;
    Map<String, CacheStats> afterCreates = cacheStats(instances);

    // Where each measured meeting went, by the BBB server holding it.
    Map<String, Integer> portOf = new HashMap<>();
    int[] spread = new int[fleet.servers().size()];
    for (int s = 0; s < fleet.servers().size(); s++) {
      SimulatedBbb bbb = fleet.server(s);
      for (SimMeeting meeting : bbb.meetings()) {
        if (meeting.meetingID().startsWith(prefix)) {
          portOf.put(meeting.meetingID(), bbb.port());
          spread[s]++;
        }
      }
    }
    fleet.servers().forEach(SimulatedBbb::clearRequests);

    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (portOf.containsKey(prefix + i)) {
        order.add(i);
      }
    }
    Collections.shuffle(order, new Random(args.longValue("seed") + round));
    Latencies joinLatencies = new Latencies(order.size());
    CpuAccount joinCpu = CpuAccount.start();
    Outcome joins = drive(order.size(), k -> {
      int i = order.get(k);
      return join(instances, i + 1, prefix + i);
    }, joinLatencies, phaseNanos, portOf);
    String joinCpuText = joinCpu.report(joins.done());
    Map<String, Long> redisAfterJoins = redis ? redisCalls() : Map.of();
    double redisCpuAfterJoins = redis ? redisCpuSeconds() : 0;
    Map<String, CacheStats> afterJoins = cacheStats(instances);

    String spreadText = Arrays.stream(spread).mapToObj(Integer::toString).collect(Collectors.joining(" / "));
    report(setup.label(), round, "create", creates, createLatencies.summary(), spreadText,
        cacheText(instances, beforeCreates, afterCreates), redisPerRequest(redisBefore, redisAfterCreates, creates));
    report(setup.label(), round, "join", joins, joinLatencies.summary(), "",
        cacheText(instances, afterCreates, afterJoins), redisPerRequest(redisAfterCreates, redisAfterJoins, joins));
    say("CPU during the creates: " + createCpuText + (redis ? redisCpuText(redisCpuBefore,
        redisCpuAfterCreates, creates) : ""));
    say("CPU during the joins: " + joinCpuText + (redis ? redisCpuText(redisCpuAfterCreates, redisCpuAfterJoins,
        joins) : ""));
    say("meetings per BBB server (measured creates): " + spreadText);
    if (redis) {
      say("load table in Redis after the joins: " + loadTable());
    }
    Outcome ends = drive(order.size(), k -> end(instances, k, prefix + order.get(k)), null, Long.MAX_VALUE, null);
    int leftOver = fleet.servers().stream().mapToInt(bbb -> bbb.meetings().size()).sum();
    say(String.format(Locale.ROOT, "ended the %,d meetings (not measured, %.1f s); %d left on the fleet",
        ends.done(), ends.nanos() / 1e9, leftOver));
    fleet.servers().forEach(SimulatedBbb::clearRequests);
    return new Rates(setup.label(), round, creates.perSecond(), joins.perSecond());
  }

  // --- instances -------------------------------------------------------------------------------------------------------

  private Instance start(Path dir, boolean redis, String tag, int index) throws Exception {
    StringBuilder hocon = new StringBuilder()
        .append("switchboard.http { port = 0, bind-address = \"127.0.0.1\" }\n")
        .append("switchboard.api.secrets = [\"").append(SECRET).append("\"]\n")
        .append("switchboard.poller { interval = 1h, wait-timeout = 3s }\n")
        .append("switchboard.upstream { connect-timeout = 2s, response-timeout = 10s }\n")
        .append("switchboard.recordings.enabled = false\n");
    if (redis) {
      hocon.append("switchboard.redis { url = \"").append(args.string("redis")).append("\", namespace = \"")
          .append(namespace).append("\" }\n");
    }
    for (int i = 0; i < fleet.servers().size(); i++) {
      SimulatedBbb bbb = fleet.server(i);
      hocon.append("switchboard.servers.bbb").append(i).append(" { url = \"").append(bbb.apiUrl())
          .append("\", secret = \"").append(bbb.secret()).append("\" }\n");
    }
    Path file = Files.writeString(dir.resolve("switchboard-" + tag + index + ".conf"), hocon);
    SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of());
    Stores stores = StoresFactory.open(config, Clock.systemUTC());
    try {
      return new Instance("sb" + index, SwitchboardServer.start(config, stores, Clock.systemUTC()), stores);
    } catch (Exception | Error e) {
      stores.close();
      throw e;
    }
  }

  private HttpRequest create(List<Instance> instances, int i, String meetingId) {
    String query = "meetingID=" + meetingId + "&name=Room+" + i + "&record=false";
    return request(instances.get(i % instances.size()), "create", query);
  }

  /** A join of {@code meetingId} through instance {@code i % instances}. */
  private HttpRequest join(List<Instance> instances, int i, String meetingId) {
    String query = "meetingID=" + meetingId + "&fullName=Guest+" + i + "&role=VIEWER";
    return request(instances.get(i % instances.size()), "join", query);
  }

  /** An end of {@code meetingId} through instance {@code i % instances}. */
  private HttpRequest end(List<Instance> instances, int i, String meetingId) {
    return request(instances.get(i % instances.size()), "end", "meetingID=" + meetingId);
  }

  private static HttpRequest request(Instance instance, String call, String query) {
    URI uri = URI.create("http://127.0.0.1:" + instance.server().port() + "/bigbluebutton/api/" + call + "?" + query
        + "&checksum=" + BenchSupport.checksum(call, query, SECRET));
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
  }

  // --- driving ---------------------------------------------------------------------------------------------------------

  /** How a phase went: requests answered as expected, wall time, whether it hit the time cap. */
  private record Outcome(int done, int failed, long nanos, boolean capped, String firstFailure) {
    double perSecond() {
      return done / (nanos / 1e9);
    }
  }

  /**
   * Sends {@code total} requests with at most {@code in-flight} outstanding; a create must answer SUCCESS, a join a
   * 302 (to {@code joinPorts}' port for its meeting, when given). Stops sending once {@code capNanos} have passed.
   */
  private Outcome drive(int total, IntFunction<HttpRequest> request, Latencies latencies, long capNanos,
      Map<String, Integer> joinPorts) throws InterruptedException {
    int inFlight = args.integer("in-flight");
    Semaphore permits = new Semaphore(inFlight);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>("");
    long started = System.nanoTime();
    boolean capped = false;
    for (int i = 0; i < total; i++) {
      if (System.nanoTime() - started > capNanos) {
        capped = true;
        break;
      }
      permits.acquire();
      HttpRequest sent = request.apply(i);
      long sentAt = System.nanoTime();
      http.sendAsync(sent, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
        long elapsed = System.nanoTime() - sentAt;
        String problem = error != null ? error.toString() : check(sent, response, joinPorts);
        if (problem == null) {
          ok.incrementAndGet();
          if (latencies != null) {
            latencies.record(elapsed);
          }
        } else {
          failed.incrementAndGet();
          firstFailure.compareAndSet("", sent.uri().getPath() + ": " + problem);
        }
        permits.release();
      });
    }
    permits.acquire(inFlight);
    permits.release(inFlight);
    Outcome outcome = new Outcome(ok.get(), failed.get(), System.nanoTime() - started, capped, firstFailure.get());
    if (outcome.failed() > 0) {
      say("  " + outcome.failed() + " requests failed; the first: " + outcome.firstFailure());
    }
    return outcome;
  }

  private static String check(HttpRequest sent, HttpResponse<String> response, Map<String, Integer> joinPorts) {
    if (sent.uri().getPath().endsWith("/create") || sent.uri().getPath().endsWith("/end")) {
      return response.statusCode() == 200 && response.body().contains("<returncode>SUCCESS</returncode>") ? null
          : response.statusCode() + " " + abbreviate(response.body());
    }
    if (response.statusCode() != 302) {
      return response.statusCode() + " " + abbreviate(response.body());
    }
    if (joinPorts == null) {
      return null;
    }
    String query = sent.uri().getRawQuery();
    String meetingId = query.substring("meetingID=".length(), query.indexOf('&'));
    Integer expected = joinPorts.get(meetingId);
    int port = URI.create(response.headers().firstValue("location").orElse("http://none:0/")).getPort();
    return expected != null && expected == port ? null
        : "redirected to port " + port + ", but " + meetingId + " is on " + expected;
  }

  private static String abbreviate(String body) {
    return body.substring(0, Math.min(200, body.length())).replace('\n', ' ');
  }

  // --- reporting -------------------------------------------------------------------------------------------------------

  private void report(String label, int round, String phase, Outcome outcome, Latencies.Summary latency,
      String spread, String cache, String redisPerRequest) {
    say(String.format(Locale.ROOT, "%s %s: %,d ok, %d failed in %.2f s%s: %.0f/s; latency %s%s%s", label, phase,
        outcome.done(), outcome.failed(), outcome.nanos() / 1e9, outcome.capped() ? " (stopped at the time cap)" : "",
        outcome.perSecond(), latency.line(), cache.isEmpty() ? "" : "; load cache " + cache,
        redisPerRequest.isEmpty() ? "" : "; Redis commands/request " + redisPerRequest));
    summary.add(String.format(Locale.ROOT, "| %s | %d | %s | %,d | %.0f | %s | %s | %s | %s | %s | %s |", label,
        round, phase,
        outcome.done(), outcome.perSecond(), Latencies.ms(latency.percentileNanos(50)),
        Latencies.ms(latency.percentileNanos(99)), Latencies.ms(latency.maxNanos()), spread,
        cache.isEmpty() ? "–" : cache, redisPerRequest.isEmpty() ? "–" : redisPerRequest));
  }

  private static Map<String, CacheStats> cacheStats(List<Instance> instances) {
    Map<String, CacheStats> stats = new LinkedHashMap<>();
    for (Instance instance : instances) {
      instance.cache().ifPresent(cache -> stats.put(instance.name(), cache.stats()));
    }
    return stats;
  }

  /** Per instance: {@code sb0 12.3 % (hits/requests)}, from the stats of the phase. */
  private static String cacheText(List<Instance> instances, Map<String, CacheStats> before,
      Map<String, CacheStats> after) {
    List<String> parts = new ArrayList<>();
    for (Instance instance : instances) {
      CacheStats start = before.get(instance.name());
      CacheStats end = after.get(instance.name());
      if (start == null || end == null) {
        continue;
      }
      CacheStats phase = end.minus(start);
      if (phase.requestCount() == 0) {
        parts.add(instance.name() + " no reads");
        continue;
      }
      parts.add(String.format(Locale.ROOT, "%s %.1f %% (%d/%d)", instance.name(), 100 * phase.hitRate(),
          phase.hitCount(), phase.requestCount()));
    }
    return String.join(", ", parts);
  }

  // --- Redis -----------------------------------------------------------------------------------------------------------

  /** The bench's own Redis connection (INFO, the load table, the clean-up), opened once. */
  private synchronized <T> T withRedis(java.util.function.Function<RedisCommands<String, String>, T> work) {
    if (adminConnection == null) {
      adminClient = RedisClient.create(args.string("redis"));
      adminConnection = adminClient.connect();
    }
    return work.apply(adminConnection.sync());
  }

  private synchronized void closeRedis() {
    if (adminConnection != null) {
      adminConnection.close();
      adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      adminConnection = null;
    }
  }

  /** Calls per command since Redis started, from {@code INFO commandstats}. */
  private Map<String, Long> redisCalls() {
    String info = withRedis(redis -> redis.info("commandstats"));
    Map<String, Long> calls = new HashMap<>();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        int at = line.indexOf("calls=") + "calls=".length();
        int end = line.indexOf(',', at);
        calls.put(name, Long.parseLong(line.substring(at, end)));
      }
    }
    return calls;
  }

  /** {@code 7.0 (evalsha 1.0, hget 2.0, …)}: Redis commands per answered request, most frequent first. */
  private static String redisPerRequest(Map<String, Long> before, Map<String, Long> after, Outcome outcome) {
    if (after.isEmpty() || outcome.done() == 0) {
      return "";
    }
    Map<String, Long> delta = new HashMap<>();
    long total = 0;
    for (Map.Entry<String, Long> entry : after.entrySet()) {
      long calls = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
      if (calls > 0 && !entry.getKey().equals("info")) {
        delta.put(entry.getKey(), calls);
        total += calls;
      }
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(delta.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> entry : sorted) {
      double perRequest = entry.getValue() / (double) outcome.done();
      if (perRequest >= 0.05) {
        parts.add(String.format(Locale.ROOT, "%s %.1f", entry.getKey(), perRequest));
      }
    }
    return String.format(Locale.ROOT, "%.1f (%s)", total / (double) outcome.done(), String.join(", ", parts));
  }

  /** {@code used_cpu_user + used_cpu_sys} of the Redis server, in seconds (every client's work). */
  private double redisCpuSeconds() {
    String info = withRedis(redis -> redis.info("cpu"));
    double seconds = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
        seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return seconds;
  }

  private static String redisCpuText(double before, double after, Outcome outcome) {
    return String.format(Locale.ROOT, "; redis-server %.2f cores, %.0f µs CPU/request", (after - before)
        / (outcome.nanos() / 1e9), outcome.done() == 0 ? 0 : (after - before) * 1e6 / outcome.done());
  }

  private String loadTable() {
    return withRedis(redis -> redis.zrangeWithScores(namespace + ":server_load", 0, -1).stream()
        .map(scored -> scored.getValue() + "=" + (long) scored.getScore()).toList().toString());
  }

  /** Deletes every key of this run's namespace. */
  private void cleanRedis() {
    if (!cleaned.compareAndSet(false, true)) {
      return;
    }
    try {
      long deleted = withRedis(redis -> {
        long count = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
          KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(namespace + ":*").limit(1000));
          if (!page.getKeys().isEmpty()) {
            count += redis.unlink(page.getKeys().toArray(String[]::new));
          }
          cursor = page;
        } while (!cursor.isFinished());
        return count;
      });
      say("deleted " + deleted + " keys of Redis namespace " + namespace);
    } catch (RuntimeException e) {
      System.err.println("could not clean Redis namespace " + namespace + ": " + e);
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
