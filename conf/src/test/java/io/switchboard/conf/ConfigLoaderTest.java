package io.switchboard.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Map<String, String> SECRET_ONLY = Map.of("LOADBALANCER_SECRET", "lb-secret");

  @TempDir
  Path directory;

  @Test
  void referenceConfHoldsEveryDefault() {
    SwitchboardConfig config = ConfigLoader.load(Optional.empty(), SECRET_ONLY);

    assertThat(config.http()).isEqualTo(new HttpConfig("0.0.0.0", 8080, 4096, 8192, 32 * 1024 * 1024,
        Duration.ofSeconds(60), Optional.empty()));
    assertThat(config.api().secrets()).containsExactly("lb-secret");
    assertThat(config.api().acceptedAlgorithms()).containsExactly(ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256,
        ChecksumAlgorithm.SHA384, ChecksumAlgorithm.SHA512);
    assertThat(config.api().outboundAlgorithm()).isEqualTo(ChecksumAlgorithm.SHA256);
    assertThat(config.api().urlHost()).isEmpty();
    assertThat(config.api().buildNumber()).isEmpty();
    assertThat(config.api().getMeetingsDisabled()).isFalse();
    assertThat(config.rewrite()).isEqualTo(new RewriteConfig(Duration.ZERO, Set.of(), Set.of(), Map.of(), Map.of(),
        Map.of(), Map.of(), 9, false, Duration.ofHours(24)));
    assertThat(config.upstream()).isEqualTo(new UpstreamConfig(Duration.ofSeconds(5), Duration.ofSeconds(10), 64));
    assertThat(config.poller()).isEqualTo(new PollerConfig(Duration.ofSeconds(60), 1, 2, Duration.ofSeconds(10), 15,
        Duration.ofMinutes(15)));
    assertThat(config.servers()).isEmpty();
    assertThat(config.serverIdIsHostname()).isFalse();
    // Every recordings default is checked by RecordingsConfigTest; here only that the section is read.
    assertThat(config.recordings().enabled()).isTrue();
    // Every store default is checked by StoresConfigTest.
    assertThat(config.redis()).isEqualTo(StoresConfigTest.embeddedRedis());
    assertThat(config.database()).isEqualTo(StoresConfigTest.embeddedDatabase());
    assertThat(config.shutdown()).isEqualTo(new ShutdownConfig(ShutdownConfig.DEFAULT_GRACE_PERIOD));
    assertThat(ShutdownConfig.DEFAULT_GRACE_PERIOD).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void withoutAnySecretStartupFailsSayingWhichVariableToSet() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of()))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.api.secrets: [] (expected: at least one secret; set LOADBALANCER_SECRET)");
  }

  @Test
  void operatorFileOverridesReferenceKeys() throws IOException {
    Path file = write("""
        switchboard {
          http { port = 9090, bind-address = "127.0.0.1", max-content-length = 1MiB, idle-timeout = 2m }
          api {
            secrets = [one, two]
            accepted-checksum-algorithms = [sha-256, SHA512]
            outbound-checksum-algorithm = SHA512
            url-host = sb.example.com
            build-number = "42"
            get-meetings-disabled = true
          }
          rewrite {
            max-meeting-duration = 2h
            create-exclude-params = [record, logo]
            default-create-params { record = true, duration = 60, "meta_a.b" = x }
            override-join-params { userdata-bbb_skip_check_audio = "true" }
            voice-bridge-length = 5
            use-external-voice-bridge = yes
            meeting-ttl = 12h
          }
          upstream { connect-timeout = 1500ms, response-timeout = 20s, max-connections-per-server = 8 }
          poller { interval = 30s, healthy-threshold = 3, unhealthy-threshold = 4, wait-timeout = 5s,
                   load-min-user-count = 0, load-join-buffer-time = 0 }
          server-id-is-hostname = true
          shutdown { grace-period = 45s }
          servers {
            bbb2 { url = "https://bbb2.example.com/bigbluebutton/api", secret = s2, enabled = false,
                   load-multiplier = 2.5, tag = beta }
            bbb1 { url = "http://10.0.0.1:8080/bigbluebutton/api", secret = s1, tags = [a, b] }
          }
        }
        """);

    SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of());

    assertThat(config.http()).isEqualTo(new HttpConfig("127.0.0.1", 9090, 4096, 8192, 1024 * 1024,
        Duration.ofMinutes(2), Optional.empty()));
    assertThat(config.api().secrets()).containsExactly("one", "two");
    assertThat(config.api().acceptedAlgorithms()).containsExactly(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.SHA512);
    assertThat(config.api().outboundAlgorithm()).isEqualTo(ChecksumAlgorithm.SHA512);
    assertThat(config.api().urlHost()).isEqualTo("sb.example.com");
    assertThat(config.api().buildNumber()).isEqualTo("42");
    assertThat(config.api().getMeetingsDisabled()).isTrue();
    assertThat(config.rewrite().maxMeetingDuration()).isEqualTo(Duration.ofMinutes(120));
    assertThat(config.rewrite().createExcludeParams()).containsExactly("record", "logo");
    assertThat(config.rewrite().defaultCreateParams())
        .containsExactly(Map.entry("duration", "60"), Map.entry("meta_a.b", "x"), Map.entry("record", "true"));
    assertThat(config.rewrite().overrideJoinParams()).containsExactly(Map.entry("userdata-bbb_skip_check_audio", "true"));
    assertThat(config.rewrite().voiceBridgeLength()).isEqualTo(5);
    assertThat(config.rewrite().useExternalVoiceBridge()).isTrue();
    assertThat(config.rewrite().meetingTtl()).isEqualTo(Duration.ofHours(12));
    assertThat(config.upstream()).isEqualTo(new UpstreamConfig(Duration.ofMillis(1500), Duration.ofSeconds(20), 8));
    assertThat(config.poller()).isEqualTo(new PollerConfig(Duration.ofSeconds(30), 3, 4, Duration.ofSeconds(5), 0,
        Duration.ZERO));
    assertThat(config.serverIdIsHostname()).isTrue();
    assertThat(config.shutdown().gracePeriod()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.servers()).containsExactly(
        new ServerConfig("bbb1", URI.create("http://10.0.0.1:8080/bigbluebutton/api"), "s1", true, 1.0,
            List.of("a", "b")),
        new ServerConfig("bbb2", URI.create("https://bbb2.example.com/bigbluebutton/api"), "s2", false, 2.5,
            List.of("beta")));
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    Path file = write("""
        switchboard.http.port = 9090
        switchboard.api.secrets = [from-file]
        switchboard.poller.interval = 30s
        switchboard.rewrite.default-create-params { record = false, logo = "x.png" }
        switchboard.rewrite.join-exclude-params = [a, b]
        """);

    SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of(
        "PORT", "7000",
        "LOADBALANCER_SECRET", "from-env",
        "POLL_INTERVAL", "5",
        "DEFAULT_CREATE_PARAMS", "record=true",
        "JOIN_EXCLUDE_PARAMS", "c"));

    assertThat(config.http().port()).isEqualTo(7000);
    assertThat(config.api().secrets()).containsExactly("from-env");
    assertThat(config.poller().interval()).isEqualTo(Duration.ofSeconds(5));
    // The variable is Scalelite's only source of the object: it replaces the file's rather than merging with it.
    assertThat(config.rewrite().defaultCreateParams()).containsExactly(Map.entry("record", "true"));
    assertThat(config.rewrite().joinExcludeParams()).containsExactly("c");
  }

  @Test
  void blankEnvironmentVariablesLeaveTheFileInCharge() throws IOException {
    Path file = write("switchboard { http.port = 9090, api.secrets = [from-file] }");

    SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of("PORT", "", "LOADBALANCER_SECRET", " "));

    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.api().secrets()).containsExactly("from-file");
  }

  @Test
  void substitutionsAreResolvedAfterTheEnvironmentIsApplied() throws IOException {
    Path file = write("""
        switchboard.api.secrets = [shared]
        switchboard.upstream.connect-timeout = ${switchboard.upstream.response-timeout}
        """);

    SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of("RESPONSE_TIMEOUT", "3"));

    assertThat(config.upstream().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void layeredExposesTheMergedConfigWithUnitsMadeExplicit() {
    var layered = ConfigLoader.layered(Optional.empty(), Map.of("CONNECT_TIMEOUT", "0.5", "MAX_MEETING_DURATION", "60"));

    assertThat(layered.getString("switchboard.upstream.connect-timeout")).isEqualTo("500ms");
    assertThat(layered.getString("switchboard.rewrite.max-meeting-duration")).isEqualTo("60m");
    assertThat(layered.getValue("switchboard.upstream.connect-timeout").origin().description())
        .contains("environment variable CONNECT_TIMEOUT");
    assertThat(layered.getInt("switchboard.http.port")).isEqualTo(8080);
  }

  @Test
  void aMissingFileIsAnError() {
    Path missing = directory.resolve("nope.conf");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), SECRET_ONLY))
        .isInstanceOf(ConfigError.class)
        .hasMessage("config file: " + missing + " (expected: an existing HOCON file)");
  }

  @Test
  void aFileThatDoesNotParseIsAnErrorOnOneLineNamingTheFile() throws IOException {
    Path file = write("switchboard {\n  http {\n    port = 1\n");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), SECRET_ONLY))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining(file.toString())
        .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
  }

  @Test
  void anUnresolvableSubstitutionIsAnError() throws IOException {
    Path file = write("switchboard.api.url-host = ${switchboard.nowhere}");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), SECRET_ONLY))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("switchboard.nowhere");
  }

  @Test
  void theConfigFileSystemPropertyNamesTheFileWhenNoneIsGiven() {
    Properties properties = new Properties();
    properties.setProperty("config.file", "/etc/switchboard.conf");

    assertThat(ConfigLoader.operatorFile(Optional.empty(), properties)).contains(Path.of("/etc/switchboard.conf"));
    assertThat(ConfigLoader.operatorFile(Optional.of(Path.of("given.conf")), properties))
        .contains(Path.of("given.conf"));
    assertThat(ConfigLoader.operatorFile(Optional.empty(), new Properties())).isEmpty();
  }

  @Test
  void theConfigFileSystemPropertyIsHonouredByLoad() throws IOException {
    Path file = write("switchboard { http.port = 9191, api.secrets = [s] }");
    String previous = System.getProperty("config.file");
    System.setProperty("config.file", file.toString());
    try {
      assertThat(ConfigLoader.load(Optional.empty(), Map.of()).http().port()).isEqualTo(9191);
    } finally {
      if (previous == null) {
        System.clearProperty("config.file");
      } else {
        System.setProperty("config.file", previous);
      }
    }
  }

  private Path write(String hocon) throws IOException {
    return Files.writeString(Files.createTempFile(directory, "switchboard", ".conf"), hocon);
  }
}
