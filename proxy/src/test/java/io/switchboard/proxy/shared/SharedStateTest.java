package io.switchboard.proxy.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.server.StoresFactory;
import io.switchboard.proxy.server.SwitchboardServer;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.simulator.BbbSimulator;
import io.switchboard.simulator.SimulatedBbb;
import io.switchboard.simulator.SimulatedBbb.Mode;
import io.switchboard.storage.Stores;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Switchboard instances on one machine sharing one Redis (Scalelite's layout), as a Kubernetes Deployment runs
 * them: creates spread as one instance would spread them, any instance joins any meeting, one instance polls and
 * another takes over when it dies, and a Redis restart mid-load loses nothing.
 */
class SharedStateTest {
  private static final int REDIS_PORT = 6379;

  private final String namespace = "sbtest-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final List<Instance> instances = new ArrayList<>();
  private BbbSimulator fleet;

  private record Instance(SwitchboardServer server, Stores stores) {
    void close() {
      server.close();
      stores.close();
    }
  }

  @BeforeEach
  void requireRedis() {
    boolean up = answersPing(REDIS_PORT);
    if (!up && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("Redis does not answer on 127.0.0.1:6379 and CI=true: .ci/run must start it");
    }
    Assumptions.assumeTrue(up, "Redis does not answer on 127.0.0.1:6379; start it (redis-server) to run this test");
    fleet = BbbSimulator.start(3);
  }

  @AfterEach
  void stop() {
    instances.forEach(Instance::close);
    fleet.close();
  }

  private Instance start(int redisPort, Path recordings) throws Exception {
    return start(redisPort, recordings, "1s");
  }

  /**
   * @param pollInterval a poll overwrites the load table with what the servers report, as Scalelite's does; tests of
   *     the placement arithmetic keep polls out of the way with a long interval
   */
  private Instance start(int redisPort, Path recordings, String pollInterval) throws Exception {
    StringBuilder hocon = new StringBuilder()
        .append("switchboard.http { port = 0, bind-address = \"127.0.0.1\" }\n")
        .append("switchboard.api.secrets = [\"").append(SwitchboardFixture.SECRET).append("\"]\n")
        .append("switchboard.poller { interval = ").append(pollInterval).append(", wait-timeout = 3s }\n")
        .append("switchboard.upstream { connect-timeout = 2s, response-timeout = 5s }\n")
        .append("switchboard.redis { url = \"redis://127.0.0.1:").append(redisPort).append("\", namespace = \"")
        .append(namespace).append("\", lease-ttl = 2s, command-timeout = 2s }\n")
        .append("switchboard.recordings.enabled = false\n");
    for (int i = 0; i < 3; i++) {
      SimulatedBbb bbb = fleet.server(i);
      hocon.append("switchboard.servers.bbb").append(i).append(" { url = \"").append(bbb.apiUrl())
          .append("\", secret = \"").append(bbb.secret()).append("\" }\n");
    }
    Path file = Files.writeString(recordings.resolve("switchboard-" + instances.size() + ".conf"), hocon);
    SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of());
    Stores stores = StoresFactory.open(config, Clock.systemUTC());
    Instance instance = new Instance(SwitchboardServer.start(config, stores, Clock.systemUTC()), stores);
    instances.add(instance);
    return instance;
  }

  private HttpResponse<String> call(Instance instance, String apiCall, String query) throws Exception {
    String checksum = SwitchboardFixture.checksum(apiCall + query + SwitchboardFixture.SECRET, "SHA-256");
    URI uri = URI.create("http://127.0.0.1:" + instance.server().port() + "/bigbluebutton/api/" + apiCall + "?"
        + query + "&checksum=" + checksum);
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void threeInstancesSpreadConcurrentCreatesAsOneWouldAndJoinAnyMeeting(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 3; i++) {
      start(REDIS_PORT, dir, "1h");
    }
    List<CompletableFuture<HttpResponse<String>>> creates = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instance instance = instances.get(i % 3);
      String query = "meetingID=shared-" + i + "&name=Room+" + i;
      String checksum = SwitchboardFixture.checksum("create" + query + SwitchboardFixture.SECRET, "SHA-256");
      creates.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.server().port()
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
  void whenThePollingInstanceDiesAnotherTakesOver(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 3; i++) {
      start(REDIS_PORT, dir);
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
    try {
      Instance a = start(port, dir);
      Instance b = start(port, dir);
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
