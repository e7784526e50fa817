package io.switchboard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.RawHttp;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.simulator.BbbSimulator;
import io.switchboard.simulator.SimulatedBbb;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator runs it: {@code java -jar proxy/target/switchboard.jar}. Runs in the integration-test
 * phase, after the jar is built.
 */
class MainIT {
  private static final Path JAR = Path.of("target", "switchboard.jar");

  private static Process launch(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().keySet().removeIf(name -> name.startsWith("LOADBALANCER_") || name.equals("PORT"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static String stderrOf(Process process) throws Exception {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void missingSecretIsOneLineAndExitCodeTwo() throws Exception {
    Process process = launch(Map.of());

    String stderr = stderrOf(process);

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr.strip()).doesNotContain("\n")
        .contains("switchboard.api.secrets").contains("LOADBALANCER_SECRET");
  }

  @Test
  void badValueInTheFileNamesKeyAndValue(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("switchboard.conf");
    Files.writeString(config, """
        switchboard.api.secrets = ["s"]
        switchboard.servers.bbb1 { url = "https://bbb1.example.com/bigbluebutton/api", secret = "x", load-multiplier = -1 }
        """);
    Process process = launch(Map.of(), "--config", config.toString());

    String stderr = stderrOf(process);

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr).contains("switchboard.servers.bbb1.load-multiplier").contains("-1");
  }

  @Test
  void unknownArgumentIsAUsageError() throws Exception {
    Process process = launch(Map.of("LOADBALANCER_SECRET", "s"), "--frobnicate");

    String stderr = stderrOf(process);

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr).contains("Unknown option: '--frobnicate'").contains("Usage: switchboard");
  }

  @Test
  void startsOnTheEmbeddedDefaultAndAnswers() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Process process = launch(Map.of("LOADBALANCER_SECRET", "s", "PORT", Integer.toString(port),
        "RECORDING_DISABLED", "true"));
    try {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> version = null;
      for (int attempt = 0; attempt < 100 && version == null; attempt++) {
        try {
          version = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bigbluebutton/api"))
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYetListening) {
          Thread.sleep(100);
        }
      }
      assertThat(version).as("Switchboard answers within 10 s of starting").isNotNull();
      assertThat(version.body()).contains("<returncode>SUCCESS</returncode><version>2.0</version>");
    } finally {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("SIGTERM stops it").isTrue();
    }
  }

  @Test
  void sigtermAnswersTheSlowCallRefusesNewConnectionsAndExitsWithStatusZero(@TempDir Path dir) throws Exception {
    try (BbbSimulator fleet = BbbSimulator.start(1)) {
      SimulatedBbb bbb = fleet.server(0);
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      Path config = dir.resolve("switchboard.conf");
      Files.writeString(config, """
          switchboard.api.secrets = ["s"]
          switchboard.upstream.response-timeout = 30s
          switchboard.poller.interval = 1h
          switchboard.shutdown.grace-period = 20s
          switchboard.servers.bbb0 { url = "%s", secret = "%s" }
          """.formatted(bbb.apiUrl(), bbb.secret()));
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", JAR.toString(), "--config", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("switchboard.log").toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("LOADBALANCER_") || name.startsWith("REDIS_")
          || name.startsWith("DATABASE_"));
      builder.environment().putAll(Map.of("PORT", Integer.toString(port), "RECORDING_DISABLED", "true"));
      Process process = builder.start();
      try {
        awaitReady(port);
        bbb.setSlowDelay(Duration.ofSeconds(5));
        bbb.setMode(SimulatedBbb.Mode.SLOW);
        String query = "meetingID=slow&name=Slow";
        String create = "/bigbluebutton/api/create?" + query + "&checksum="
            + SwitchboardFixture.checksum("create" + query + "s", "SHA-256");
        try (Socket busy = RawHttp.connect(port)) {
          RawHttp.send(busy, RawHttp.get(create) + RawHttp.get("/readyz"));
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (bbb.callCount("create") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
          }
          assertThat(bbb.callCount("create")).as("create reached the BBB server").isPositive();

          process.destroy();

          assertThat(refusedWithin(port, Duration.ofSeconds(4))).as("new connections are refused").isTrue();
          RawHttp.Reply created = RawHttp.read(busy);
          assertThat(created.body()).contains("<returncode>SUCCESS</returncode>");
          RawHttp.Reply draining = RawHttp.read(busy);
          assertThat(draining.status()).isEqualTo(503);
          assertThat(draining.body()).isEqualTo("draining");
          assertThat(RawHttp.closedByServer(busy)).isTrue();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("SIGTERM stops it").isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("switchboard.log"))).isZero();
        assertThat(bbb.meeting("slow")).isPresent();
      } finally {
        process.destroyForcibly();
      }
    }
  }

  private static void awaitReady(int port) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/readyz")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          assertThat(ready.body()).isEqualTo("ready");
          return;
        }
      } catch (IOException notYetListening) {
        // Starting.
      }
      Thread.sleep(100);
    }
    throw new AssertionError("Switchboard was not ready within 30 s");
  }

  private static boolean refusedWithin(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        Thread.sleep(20);
      } catch (IOException refused) {
        return true;
      }
    }
    return false;
  }
}
