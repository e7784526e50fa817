package io.switchboard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
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
}
