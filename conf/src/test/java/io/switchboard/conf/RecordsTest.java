package io.switchboard.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordsTest {
  private static final URI URL = URI.create("https://bbb1.example.com/bigbluebutton/api");

  @ParameterizedTest(name = "R={0}ms -> connect {1}ms, response {2}ms")
  @CsvSource({
      "10000, 1000, 1000",
      "1000,  200,  500",
      "300,   200,  300",
      "100,   100,  100",
      "60000, 6000, 6000",
      "3000,  300,  500",
  })
  void offlineServersGetScalelitesShortenedTimeouts(long response, long connect, long offlineResponse) {
    UpstreamConfig upstream = new UpstreamConfig(Duration.ofSeconds(5), Duration.ofMillis(response), 64);

    assertThat(upstream.offlineConnectTimeout()).isEqualTo(Duration.ofMillis(connect));
    assertThat(upstream.offlineResponseTimeout()).isEqualTo(Duration.ofMillis(offlineResponse));
  }

  @Test
  void secretsAreHiddenFromToString() {
    ApiConfig api = new ApiConfig(List.of("lb-secret", "other"), Set.of(ChecksumAlgorithm.SHA256),
        ChecksumAlgorithm.SHA256, "", "", false);
    ServerConfig server = new ServerConfig("bbb1", URL, "server-secret", true, 1.0, List.of());

    assertThat(api.toString()).doesNotContain("lb-secret", "other").contains("<2 hidden>");
    assertThat(server.toString()).doesNotContain("server-secret").contains("secret=<hidden>");
  }

  @Test
  void collectionsAreCopiedAndImmutableAndKeepTheirOrder() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("z", "1");
    defaults.put("a", "2");
    Set<String> excluded = new LinkedHashSet<>(List.of("z", "a"));
    RewriteConfig rewrite = new RewriteConfig(Duration.ZERO, excluded, Set.of(), defaults, Map.of(), Map.of(), Map.of(),
        9, false, Duration.ofHours(24));
    List<String> tags = new ArrayList<>(List.of("x"));
    ServerConfig server = new ServerConfig("bbb1", URL, "s", true, 1.0, tags);

    defaults.put("b", "3");
    excluded.add("b");
    tags.add("y");

    assertThat(rewrite.defaultCreateParams()).containsExactly(Map.entry("z", "1"), Map.entry("a", "2"));
    assertThat(rewrite.createExcludeParams()).containsExactly("z", "a");
    assertThat(server.tags()).containsExactly("x");
    assertThatThrownBy(() -> rewrite.defaultCreateParams().put("c", "4"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> rewrite.createExcludeParams().add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> server.tags().add("c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void recordsRefuseValuesTheConfigurationWouldRefuse() {
    assertThatThrownBy(() -> new HttpConfig("0.0.0.0", 65536, 4096, 8192, 1, Duration.ofSeconds(1),
        Optional.empty()))
        .hasMessage("port: 65536 (expected: 0..65535)");
    assertThatThrownBy(() -> new UpstreamConfig(Duration.ZERO, Duration.ofSeconds(1), 1))
        .hasMessage("connectTimeout: PT0S (expected: > 0)");
    assertThatThrownBy(() -> new PollerConfig(Duration.ofSeconds(1), 0, 1, Duration.ofSeconds(1), 0, Duration.ZERO))
        .hasMessage("healthyThreshold: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new RewriteConfig(Duration.ofSeconds(30), Set.of(), Set.of(), Map.of(), Map.of(),
        Map.of(), Map.of(), 9, false, Duration.ofHours(1)))
        .hasMessage("maxMeetingDuration: PT30S (expected: whole minutes)");
    assertThatThrownBy(() -> new ServerConfig("bbb1", URL, "s", true, -1, List.of()))
        .hasMessage("loadMultiplier: -1.0 (expected: a positive number)");
    assertThatThrownBy(() -> new ServerConfig("bbb1", URL, "s", true, Double.NaN, List.of()))
        .hasMessage("loadMultiplier: NaN (expected: a positive number)");
    assertThatThrownBy(() -> new ServerConfig("bbb1", URI.create("bbb1/api"), "s", true, 1, List.of()))
        .hasMessageStartingWith("url: bbb1/api (expected: an absolute http or https URL");
    assertThatThrownBy(() -> new ServerConfig("bbb1", URL, " ", true, 1, List.of()))
        .hasMessage("secret: <hidden> (expected: a non-blank secret)");
    assertThatThrownBy(() -> new ApiConfig(List.of(), Set.of(ChecksumAlgorithm.SHA1), ChecksumAlgorithm.SHA1, "", "",
        false))
        .hasMessage("secrets: <hidden> (expected: at least one secret, none blank)");
    assertThatThrownBy(() -> new ApiConfig(List.of("s"), Set.of(), ChecksumAlgorithm.SHA1, "", "", false))
        .hasMessage("acceptedAlgorithms: [] (expected: at least one algorithm)");
    ServerConfig server = new ServerConfig("bbb1", URL, "s", true, 1, List.of());
    assertThatThrownBy(() -> new SwitchboardConfig(
        new HttpConfig("0.0.0.0", 0, 1, 1, 1, Duration.ofSeconds(1), Optional.empty()),
        new ApiConfig(List.of("s"), Set.of(ChecksumAlgorithm.SHA1), ChecksumAlgorithm.SHA1, "", "", false),
        new RewriteConfig(Duration.ZERO, Set.of(), Set.of(), Map.of(), Map.of(), Map.of(), Map.of(), 9, false,
            Duration.ofHours(1)),
        new UpstreamConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), 1),
        new PollerConfig(Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(1), 0, Duration.ZERO),
        List.of(server, server), false, RecordingsConfigTest.recordings(), StoresConfigTest.embeddedRedis(),
        StoresConfigTest.embeddedDatabase(), TenantsConfig.DISABLED,
        new MetricsConfig(true, "/metrics", 0, "prometheus", Optional.empty()), new StatusPageConfig(Optional.empty()),
        new LoggingConfig(LoggingConfig.Format.TEXT, true, LoggingConfig.Level.INFO, Map.of()),
        new DialInConfig(true, "s", Duration.ZERO, 5, 9), new ShutdownConfig(Duration.ofSeconds(20))))
        .hasMessage("servers: bbb1 (expected: unique server ids)");
    assertThatThrownBy(() -> new ShutdownConfig(Duration.ofSeconds(-1)))
        .hasMessage("gracePeriod: PT-1S (expected: >= 0)");
  }

  @Test
  void recordingsRecordsRefuseValuesTheConfigurationWouldRefuse() {
    RecordingsConfig valid = RecordingsConfigTest.recordings();
    assertThatThrownBy(() -> withFormats(valid, List.of("presentation", "Video")))
        .hasMessage("playbackFormats: [presentation, Video] (expected: format names of lower-case letters, digits, "
            + "'-' or '_', none of bigbluebutton, fsapi, health_check, livez, metrics, playback, readyz, recording, "
            + "scalelite, status)");
    assertThatThrownBy(() -> withFormats(valid, List.of("recording")))
        .hasMessageStartingWith("playbackFormats: [recording] (expected: format names");
    assertThatThrownBy(() -> withDirectories(valid, Path.of("/v/pub"), Path.of("/v/pub/un"), Optional.empty()))
        .hasMessage("unpublishDir: /v/pub/un (expected: a directory apart from publishDir (/v/pub), neither inside "
            + "the other)");
    assertThatThrownBy(() -> withDirectories(valid, Path.of("/v/pub"), Path.of("/v/un"), Optional.of(Path.of("/"))))
        .hasMessageStartingWith("playerDir: / (expected: a directory apart from spoolDir");
    assertThatThrownBy(() -> new ImportLimits(0, 1, 1)).hasMessage("maxTotalBytes: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new ImportLimits(1, -1, 1)).hasMessage("maxEntryBytes: -1 (expected: >= 1)");
    assertThatThrownBy(() -> new ImportLimits(1, 1, 0)).hasMessage("maxEntries: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new ProtectedRecordingsConfig(true, Duration.ofMinutes(1), Duration.ofMinutes(1), " "))
        .hasMessage("signingKey: <hidden> (expected: a non-blank key while protection is enabled)");
    assertThatThrownBy(() -> new ProtectedRecordingsConfig(false, Duration.ZERO, Duration.ofMinutes(1), ""))
        .hasMessage("tokenTimeout: PT0S (expected: > 0)");
  }

  @Test
  void recordingsPathsAreMadeAbsoluteAndFormatsLoseTheirDuplicates() {
    RecordingsConfig valid = RecordingsConfigTest.recordings();
    RecordingsConfig relative = withDirectories(valid, Path.of("pub/."), Path.of("x/../un"),
        Optional.of(Path.of("player")));
    List<String> formats = new ArrayList<>(List.of("video", "notes", "video"));
    RecordingsConfig deduplicated = withFormats(valid, formats);
    formats.add("podcast");

    assertThat(relative.publishDir()).isEqualTo(Path.of("pub").toAbsolutePath());
    assertThat(relative.unpublishDir()).isEqualTo(Path.of("un").toAbsolutePath());
    assertThat(relative.playerDir()).contains(Path.of("player").toAbsolutePath());
    assertThat(deduplicated.playbackFormats()).containsExactly("video", "notes");
    assertThatThrownBy(() -> deduplicated.playbackFormats().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theSigningKeyIsHiddenFromToString() {
    ProtectedRecordingsConfig protection = new ProtectedRecordingsConfig(true, Duration.ofMinutes(60),
        Duration.ofMinutes(360), "signing-secret");

    assertThat(protection.toString()).doesNotContain("signing-secret").contains("signingKey=<hidden>");
  }

  @Test
  void importModesHaveTheirConfigurationWords() {
    assertThat(ImportMode.SPOOL.wireName()).isEqualTo("spool");
    assertThat(ImportMode.SHARED_VOLUME.wireName()).isEqualTo("shared-volume");
    assertThat(ImportMode.parse(" Shared-Volume ")).contains(ImportMode.SHARED_VOLUME);
    assertThat(ImportMode.parse("shared_volume")).isEmpty();
  }

  private static RecordingsConfig withFormats(RecordingsConfig r, List<String> formats) {
    return new RecordingsConfig(r.enabled(), r.importMode(), r.spoolDir(), r.workDir(), r.publishDir(),
        r.unpublishDir(), r.failedDir(), r.importUnpublished(), r.importPollInterval(), formats, r.playerDir(),
        r.getRecordingsFiltered(), r.maxPageSize(), r.importLimits(), r.protection());
  }

  private static RecordingsConfig withDirectories(RecordingsConfig r, Path publish, Path unpublish,
      Optional<Path> player) {
    return new RecordingsConfig(r.enabled(), r.importMode(), r.spoolDir(), r.workDir(), publish, unpublish,
        r.failedDir(), r.importUnpublished(), r.importPollInterval(), r.playbackFormats(), player,
        r.getRecordingsFiltered(), r.maxPageSize(), r.importLimits(), r.protection());
  }

  @Test
  void aConfigErrorIsAlwaysOneLine() {
    assertThat(new ConfigError("KEY", "multi\nline\r\n value", "x").getMessage())
        .isEqualTo("KEY: multi line value (expected: x)");
  }
}
