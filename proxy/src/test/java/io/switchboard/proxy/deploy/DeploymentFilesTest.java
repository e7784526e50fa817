package io.switchboard.proxy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.typesafe.config.Config;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.ServerState;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.health.HealthHandler;
import io.switchboard.proxy.health.Readiness;
import io.switchboard.proxy.metrics.SwitchboardMetrics;
import io.switchboard.storage.ServerRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files of {@code deploy/} agree with the code they deploy: ports and probe paths with the server's
 * defaults and health handler, every name one manifest references with the manifest that defines it, the ConfigMap's
 * configuration with what Switchboard accepts, stop timeouts with the shutdown grace period, and the Grafana dashboard
 * with the metric names Switchboard publishes.
 */
class DeploymentFilesTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
  private static final Pattern METRIC = Pattern.compile("\\b(?:switchboard|jvm|netty)_[a-z_]+");

  private static List<JsonNode> manifests;
  private static Config defaults;

  @BeforeAll
  static void readManifests() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    manifests = new ArrayList<>();
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
          documents.forEachRemaining(document -> {
            if (document != null && !document.isEmpty()) {
              manifests.add(document);
            }
          });
        }
      }
    }
    defaults = ConfigLoader.layered(Optional.empty(), Map.of());
  }

  private static List<JsonNode> ofKind(String kind) {
    return manifests.stream().filter(manifest -> manifest.path("kind").asText().equals(kind)).toList();
  }

  private static JsonNode only(String kind) {
    List<JsonNode> found = ofKind(kind);
    assertThat(found).as("exactly one " + kind).hasSize(1);
    return found.get(0);
  }

  private static Set<String> names(String kind) {
    Set<String> names = new TreeSet<>();
    ofKind(kind).forEach(manifest -> names.add(manifest.path("metadata").path("name").asText()));
    return names;
  }

  private static JsonNode deployment() {
    return only("Deployment");
  }

  private static JsonNode container() {
    JsonNode containers = deployment().path("spec").path("template").path("spec").path("containers");
    assertThat(containers.size()).as("one container").isEqualTo(1);
    return containers.get(0);
  }

  private static JsonNode containerPort() {
    JsonNode ports = container().path("ports");
    assertThat(ports.size()).isEqualTo(1);
    return ports.get(0);
  }

  private static Duration gracePeriod() {
    return defaults.getDuration("switchboard.shutdown.grace-period");
  }

  @Test
  void theContainerListensOnTheDefaultPortAndIsProbedOnTheHealthPaths() {
    assertThat(containerPort().path("containerPort").asInt()).isEqualTo(defaults.getInt("switchboard.http.port"));
    String portName = containerPort().path("name").asText();
    JsonNode liveness = container().path("livenessProbe");
    JsonNode readiness = container().path("readinessProbe");

    assertThat(liveness.path("httpGet").path("path").asText()).isEqualTo(HealthHandler.LIVENESS_PATH);
    assertThat(readiness.path("httpGet").path("path").asText()).isEqualTo(HealthHandler.READINESS_PATH);
    assertThat(liveness.path("httpGet").path("port").asText()).isEqualTo(portName);
    assertThat(readiness.path("httpGet").path("port").asText()).isEqualTo(portName);
    assertThat(Duration.ofSeconds(readiness.path("timeoutSeconds").asInt(1)))
        .as("the probe waits longer than the readiness checks may take").isGreaterThan(Readiness.TIMEOUT);
    assertThat(deployment().path("spec").path("replicas").asInt()).isEqualTo(2);
  }

  @Test
  void theServiceAndTheIngressReachTheContainerPort() {
    JsonNode service = only("Service");
    JsonNode servicePort = service.path("spec").path("ports").get(0);
    assertThat(servicePort.path("targetPort").asText()).isIn(containerPort().path("name").asText(),
        containerPort().path("containerPort").asText());
    assertThat(service.path("spec").path("selector"))
        .isEqualTo(deployment().path("spec").path("template").path("metadata").path("labels"));

    Set<String> paths = new TreeSet<>();
    for (JsonNode rule : only("Ingress").path("spec").path("rules")) {
      for (JsonNode path : rule.path("http").path("paths")) {
        paths.add(path.path("path").asText());
        JsonNode backend = path.path("backend").path("service");
        assertThat(backend.path("name").asText()).isEqualTo(service.path("metadata").path("name").asText());
        JsonNode port = backend.path("port");
        if (port.has("name")) {
          assertThat(port.path("name").asText()).isEqualTo(servicePort.path("name").asText());
        } else {
          assertThat(port.path("number").asInt()).isEqualTo(servicePort.path("port").asInt());
        }
      }
    }
    assertThat(paths).as("the BBB API, the admin API, dial-in and the recordings")
        .contains("/bigbluebutton", "/scalelite", "/fsapi", "/");
  }

  @Test
  void everyConfigMapSecretAndClaimTheDeploymentNamesExists() {
    JsonNode pod = deployment().path("spec").path("template").path("spec");
    Set<String> checked = new TreeSet<>();
    for (JsonNode volume : pod.path("volumes")) {
      if (volume.has("configMap")) {
        assertThat(names("ConfigMap")).contains(volume.path("configMap").path("name").asText());
        checked.add("configMap");
      }
      if (volume.has("persistentVolumeClaim")) {
        assertThat(names("PersistentVolumeClaim")).contains(volume.path("persistentVolumeClaim").path("claimName")
            .asText());
        checked.add("persistentVolumeClaim");
      }
    }
    assertThat(checked).as("the pod mounts a ConfigMap and a claim")
        .containsExactly("configMap", "persistentVolumeClaim");
    Set<String> fromSecret = new TreeSet<>();
    for (JsonNode variable : container().path("env")) {
      JsonNode reference = variable.path("valueFrom").path("secretKeyRef");
      if (!reference.isMissingNode()) {
        JsonNode secret = ofKind("Secret").stream()
            .filter(candidate -> candidate.path("metadata").path("name").asText().equals(reference.path("name").asText()))
            .findFirst().orElseThrow(() -> new AssertionError("no Secret " + reference.path("name")));
        assertThat(secret.path("stringData").has(reference.path("key").asText()))
            .as("the Secret holds " + reference.path("key")).isTrue();
        fromSecret.add(variable.path("name").asText());
      }
    }
    assertThat(fromSecret).containsExactlyInAnyOrder("LOADBALANCER_SECRET", "REDIS_URL", "DATABASE_URL");
    JsonNode claim = only("PersistentVolumeClaim");
    assertThat(names("PersistentVolume")).contains(claim.path("spec").path("volumeName").asText());
    assertThat(only("PersistentVolume").path("spec").has("nfs")).isTrue();
  }

  @Test
  void theConfigMapsConfigurationLoadsAndKeepsRecordingsOnTheMountedVolume(@TempDir Path dir) throws IOException {
    JsonNode configMap = only("ConfigMap");
    Path file = dir.resolve("switchboard.conf");
    Files.writeString(file, configMap.path("data").path("switchboard.conf").asText());
    SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of("LOADBALANCER_SECRET", "dummy"));

    String mountPath = null;
    String configPath = null;
    for (JsonNode mount : container().path("volumeMounts")) {
      JsonNode volume = volume(mount.path("name").asText());
      if (volume.has("persistentVolumeClaim")) {
        mountPath = mount.path("mountPath").asText();
      }
      if (volume.has("configMap")) {
        configPath = mount.path("mountPath").asText();
      }
    }
    assertThat(configPath).isEqualTo("/etc/switchboard");
    assertThat(container().path("args").toString()).contains("/etc/switchboard/switchboard.conf");
    assertThat(mountPath).isEqualTo("/var/bigbluebutton");
    Path volume = Path.of(mountPath);
    assertThat(List.of(config.recordings().spoolDir(), config.recordings().workDir(), config.recordings().publishDir(),
        config.recordings().unpublishDir(), config.recordings().failedDir()))
        .allSatisfy(recordings -> assertThat(recordings).startsWithRaw(volume));
    assertThat(config.recordings().playerDir()).hasValueSatisfying(player -> assertThat(player).startsWithRaw(volume));
    assertThat(config.http().port()).isEqualTo(containerPort().path("containerPort").asInt());
    assertThat(config.shutdown().gracePeriod()).isEqualTo(gracePeriod());
  }

  private static JsonNode volume(String name) {
    for (JsonNode volume : deployment().path("spec").path("template").path("spec").path("volumes")) {
      if (volume.path("name").asText().equals(name)) {
        return volume;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  @Test
  void noNginxServesRecordings() {
    for (JsonNode manifest : manifests) {
      assertThat(manifest.path("metadata").path("name").asText()).doesNotContainIgnoringCase("nginx");
      JsonNode pod = manifest.path("spec").path("template").path("spec");
      for (JsonNode container : pod.path("containers")) {
        assertThat(container.path("image").asText()).doesNotContainIgnoringCase("nginx");
      }
    }
    assertThat(ofKind("Deployment")).hasSize(1);
  }

  @Test
  void disruptionBudgetSelectsTheDeploymentsPods() {
    JsonNode selector = only("PodDisruptionBudget").path("spec").path("selector").path("matchLabels");
    JsonNode labels = deployment().path("spec").path("template").path("metadata").path("labels");

    assertThat(selector.size()).isPositive();
    selector.fields().forEachRemaining(label -> assertThat(labels.path(label.getKey())).isEqualTo(label.getValue()));
    assertThat(deployment().path("spec").path("selector").path("matchLabels")).isEqualTo(selector);
  }

  @Test
  void podsRunAsNonRootAndKubernetesWaitsLongerThanTheGracePeriod() {
    JsonNode pod = deployment().path("spec").path("template").path("spec");
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();

    Duration preStop = Duration.ZERO;
    JsonNode command = container().path("lifecycle").path("preStop").path("exec").path("command");
    if (command.size() == 2 && command.get(0).asText().equals("sleep")) {
      preStop = Duration.ofSeconds(command.get(1).asLong());
    }
    assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong()))
        .isGreaterThan(preStop.plus(gracePeriod()));
  }

  @Test
  void theImageExposesTheDefaultPortAndChecksLiveness() throws IOException {
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));

    assertThat(instruction(dockerfile, "EXPOSE")).isEqualTo(Integer.toString(defaults.getInt("switchboard.http.port")));
    assertThat(instruction(dockerfile, "HEALTHCHECK")).contains(HealthHandler.LIVENESS_PATH + " ");
    assertThat(instruction(dockerfile, "USER")).doesNotStartWith("root").doesNotStartWith("0");
    assertThat(dockerfile).contains("FROM eclipse-temurin:17-jdk AS build").contains("FROM eclipse-temurin:17-jre")
        .contains("./mvnw").contains("/etc/switchboard/switchboard.conf").contains("/var/bigbluebutton");
  }

  /** The arguments of the last {@code name} instruction, continuation lines joined. */
  private static String instruction(String dockerfile, String name) {
    String joined = dockerfile.replace("\\\n", " ");
    Matcher matcher = Pattern.compile("(?m)^" + name + "\\s+(.*)$").matcher(joined);
    String found = null;
    while (matcher.find()) {
      found = matcher.group(1).strip();
    }
    assertThat(found).as("the Dockerfile has " + name).isNotNull();
    return found;
  }

  @Test
  void systemdWaitsLongerThanTheGracePeriodAndRunsUnprivileged() throws IOException {
    String unit = Files.readString(DEPLOY.resolve("systemd").resolve("switchboard.service"));

    Matcher timeout = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$").matcher(unit);
    assertThat(timeout.find()).isTrue();
    assertThat(Duration.ofSeconds(Long.parseLong(timeout.group(1)))).isGreaterThan(gracePeriod());
    assertThat(unit).containsPattern("(?m)^User=switchboard$").containsPattern("(?m)^KillSignal=SIGTERM$")
        .containsPattern("(?m)^Restart=on-failure$");
    assertThat(DEPLOY.resolve("systemd").resolve("switchboard.env.example")).exists();
  }

  @Test
  void theDashboardParsesAndQueriesOnlyMetricsSwitchboardExports() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana").resolve("switchboard-dashboard.json")
        .toFile());
    List<String> queries = new ArrayList<>();
    dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
    dashboard.findValues("definition").forEach(definition -> queries.add(definition.asText()));

    assertThat(queries).isNotEmpty();
    Set<String> used = new TreeSet<>();
    for (String query : queries) {
      Matcher metric = METRIC.matcher(query);
      while (metric.find()) {
        used.add(metric.group());
      }
    }
    Set<String> exported = exportedMetrics();
    assertThat(used).isSubsetOf(exported);
    Set<String> families = new TreeSet<>();
    used.forEach(name -> families.add(family(name)));
    assertThat(families).as("every Switchboard metric has a panel").containsAll(exported.stream()
        .filter(name -> name.startsWith("switchboard_")).map(DeploymentFilesTest::family).toList());
  }

  /** A series' metric: a histogram's {@code _count}, {@code _sum}, {@code _bucket} and {@code _max} are one. */
  private static String family(String series) {
    return series.replaceFirst("_(count|sum|bucket|max)$", "");
  }

  /** The series names a Switchboard exports once each of its meters has recorded something. */
  private static Set<String> exportedMetrics() {
    SwitchboardMetrics metrics = SwitchboardMetrics.create();
    metrics.apiCall("create", "", 1_000_000);
    metrics.upstreamCall("bbb1", "ok", 1_000_000);
    metrics.pollRound(1_000_000);
    metrics.pollFailure("bbb1");
    metrics.servers(List.of(new ServerRecord("bbb1", URI.create("https://bbb1.example.com/bigbluebutton/api"), "s",
        ServerState.ENABLED, true, 1.0, Set.of(), 0, 0, 1, 2, 2, 1, "2.7")), Map.of("bbb1", 2.0));
    metrics.recordingImported();
    metrics.recordingImportFailed();
    metrics.recordingServed("presentation", 200, 10);
    Set<String> names = new TreeSet<>();
    for (String line : metrics.scrape().split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }
}
