package io.switchboard.bench;

import io.switchboard.conf.ChecksumAlgorithm;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.routing.checksum.ChecksumVerifier;
import io.switchboard.routing.checksum.RequestSigner;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.rewrite.JoinRewriter;
import io.switchboard.routing.selection.Candidate;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.selection.ServerSelector;
import io.switchboard.routing.selection.TagRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU work of one join as the routing code does it, without I/O: verify the front-end's checksum, choose the least
 * loaded server, then rewrite the parameters and sign them for that server (spec §3.3, §5.2, §3.6–§3.7).
 * {@link #hotPath} runs the three steps in a row over 3 or 100 candidates; {@link #verify}, {@link #select} and
 * {@link #rewriteAndSign} run one step each, so the README can show where the time goes. Inputs are
 * {@value JoinQueries#COUNT} distinct joins built in {@code @Setup} and walked with a masked index.
 *
 * <p>Run it with the class's defaults, spelled out (a bare {@code java -jar bench/target/benchmarks.jar} runs both
 * benchmark classes with their defaults, which is how the figures in {@code bench/README.md} were taken):
 *
 * <pre>
 * mvn -B -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar HotPathBenchmark -f 1 -wi 3 -w 3s -i 5 -r 3s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Thread)
public class HotPathBenchmark {
  private static final ChecksumAlgorithm OUTBOUND = ChecksumAlgorithm.SHA256;

  private ChecksumVerifier verifier;
  private List<String> secrets;
  private ServerSelector selector;
  private JoinRewriter rewriter;
  private String serverSecret;

  @Setup
  public void setUp() {
    verifier = ChecksumVerifier.accepting(EnumSet.allOf(ChecksumAlgorithm.class));
    secrets = List.of(JoinQueries.FRONT_END_SECRET);
    selector = ServerSelector.leastLoaded();
    rewriter = new JoinRewriter(
        ConfigLoader.load(Optional.empty(), Map.of("LOADBALANCER_SECRET", "s")).rewrite());
    serverSecret = Fleet.secretOf(0);
  }

  /** Joins signed with SHA-256, the algorithm {@link #hotPath} and {@link #rewriteAndSign} read. */
  @State(Scope.Thread)
  public static class Sha256Joins {
    private String[] queries;
    private int index;

    @Setup
    public void setUp() {
      queries = JoinQueries.signed(ChecksumAlgorithm.SHA256);
    }

    String next() {
      return queries[index++ & JoinQueries.MASK];
    }
  }

  /** Joins signed with each algorithm a front-end may choose, for {@link #verify}. */
  @State(Scope.Thread)
  public static class SignedJoins {
    @Param({"SHA1", "SHA256", "SHA512"})
    public ChecksumAlgorithm algorithm;

    private String[] queries;
    private int index;

    @Setup
    public void setUp() {
      queries = JoinQueries.signed(algorithm);
      if (ChecksumVerifier.accepting(EnumSet.of(algorithm))
          .verify("join", queries[0], null, List.of(JoinQueries.FRONT_END_SECRET)).isEmpty()) {
        throw new IllegalStateException(algorithm + ": the verifier rejects " + queries[0]);
      }
    }

    String next() {
      return queries[index++ & JoinQueries.MASK];
    }
  }

  /** A snapshot of the load table: untagged servers with distinct loads, and each server's secret. */
  @State(Scope.Benchmark)
  public static class Fleet {
    @Param({"3", "100"})
    public int candidates;

    private List<Candidate> snapshot;
    private Map<String, String> secrets;

    @Setup
    public void setUp() {
      Random random = new Random(42);
      snapshot = new ArrayList<>(candidates);
      secrets = new HashMap<>();
      for (int i = 0; i < candidates; i++) {
        String id = String.format("bbb-%03d", i);
        snapshot.add(new Candidate(id, random.nextInt(400) + random.nextDouble(), Set.of()));
        secrets.put(id, secretOf(i));
      }
      snapshot = List.copyOf(snapshot);
    }

    /** 40 hex digits, as long as the secret {@code bbb-conf --secret} prints. */
    static String secretOf(int server) {
      return RequestSigner.hex(ChecksumAlgorithm.SHA1, "server-" + server);
    }
  }

  /** All three steps of a join; the signed query for the chosen server. */
  @Benchmark
  public String hotPath(Sha256Joins joins, Fleet fleet) {
    String rawQuery = joins.next();
    if (verifier.verify("join", rawQuery, null, secrets).isEmpty()) {
      throw new IllegalStateException("checksum rejected: " + rawQuery);
    }
    Selection selection = selector.select(fleet.snapshot, TagRequest.parse(null));
    if (!(selection instanceof Selection.Chosen chosen)) {
      throw new IllegalStateException("no server chosen: " + selection);
    }
    String secret = fleet.secrets.get(chosen.candidate().serverId());
    Params params = rewriter.rewrite(Params.parse(rawQuery));
    return RequestSigner.signedQuery("join", params, secret, OUTBOUND);
  }

  /** Step 1: the checksum of a join signed with {@code algorithm}; the matching secret. */
  @Benchmark
  public Optional<String> verify(SignedJoins joins) {
    return verifier.verify("join", joins.next(), null, secrets);
  }

  /** Step 2: the least loaded of {@code candidates} servers. */
  @Benchmark
  public Selection select(Fleet fleet) {
    return selector.select(fleet.snapshot, TagRequest.parse(null));
  }

  /** Step 3: parse the query, apply the join rewrite rules and sign the result with the server's secret (SHA-256). */
  @Benchmark
  public String rewriteAndSign(Sha256Joins joins) {
    Params params = rewriter.rewrite(Params.parse(joins.next()));
    return RequestSigner.signedQuery("join", params, serverSecret, OUTBOUND);
  }
}
