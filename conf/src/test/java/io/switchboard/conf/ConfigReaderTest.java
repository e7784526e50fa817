package io.switchboard.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigReaderTest {
  private static final String URL = "https://bbb1.example.com/bigbluebutton/api";
  private static final String SERVER_URL_EXPECTED =
      "an absolute http or https URL with a host, e.g. https://bbb1.example.com/bigbluebutton/api";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      switchboard.http.port = 70000                  | switchboard.http.port: 70000 (expected: a port number 0..65535)
      switchboard.http.port = abc                    | switchboard.http.port: "abc" (expected: a port number 0..65535)
      switchboard.http.port = 80.5                   | switchboard.http.port: 80.5 (expected: a port number 0..65535)
      switchboard.http.bind-address = " "            | switchboard.http.bind-address: " " (expected: a non-blank string)
      switchboard.http.max-header-size = 0           | switchboard.http.max-header-size: 0 (expected: a positive size in bytes below 2GiB, e.g. 8192 or 32MiB)
      switchboard.http.max-content-length = 3GiB     | switchboard.http.max-content-length: "3GiB" (expected: a positive size in bytes below 2GiB, e.g. 8192 or 32MiB)
      switchboard.http.max-content-length = lots     | switchboard.http.max-content-length: "lots" (expected: a positive size in bytes below 2GiB, e.g. 8192 or 32MiB)
      switchboard.http.idle-timeout = 0s             | switchboard.http.idle-timeout: "0s" (expected: a positive duration with a unit, e.g. 10s, 500ms or 15m)
      switchboard.http = 5                           | switchboard.http: 5 (expected: an object)
      switchboard.http.prot = 1                      | switchboard.http.prot: unknown key (expected: one of bind-address, idle-timeout, max-content-length, max-header-size, max-initial-line-length, port, tls)
      switchboard.htp.port = 1                       | switchboard.htp.port: unknown key (expected: one of api, database, dial-in, http, logging, metrics, poller, recordings, redis, rewrite, server-id-is-hostname, servers, shutdown, status-page, tenants, upstream)
      switchboard.api.accepted-checksum-algorithms = [MD5] | switchboard.api.accepted-checksum-algorithms: ["MD5"] (expected: a non-empty list, each one of SHA1, SHA256, SHA384, SHA512)
      switchboard.api.accepted-checksum-algorithms = []    | switchboard.api.accepted-checksum-algorithms: [] (expected: a non-empty list, each one of SHA1, SHA256, SHA384, SHA512)
      switchboard.api.outbound-checksum-algorithm = SHA3   | switchboard.api.outbound-checksum-algorithm: "SHA3" (expected: one of SHA1, SHA256, SHA384, SHA512)
      switchboard.api.get-meetings-disabled = maybe  | switchboard.api.get-meetings-disabled: "maybe" (expected: true or false)
      switchboard.rewrite.max-meeting-duration = 90s | switchboard.rewrite.max-meeting-duration: "90s" (expected: whole minutes, e.g. 120m; 0 = off)
      switchboard.rewrite.max-meeting-duration = -1m | switchboard.rewrite.max-meeting-duration: "-1m" (expected: a duration >= 0 with a unit, e.g. 10s, 500ms or 15m)
      switchboard.rewrite.meeting-ttl = forever      | switchboard.rewrite.meeting-ttl: "forever" (expected: a positive duration with a unit, e.g. 10s, 500ms or 15m)
      switchboard.rewrite.create-exclude-params = x  | switchboard.rewrite.create-exclude-params: "x" (expected: a list of strings)
      switchboard.rewrite.default-create-params = [a]      | switchboard.rewrite.default-create-params: ["a"] (expected: an object)
      switchboard.rewrite.default-join-params.a.b = 1      | switchboard.rewrite.default-join-params.a: {"b":1} (expected: a string)
      switchboard.rewrite.override-join-params.a = null    | switchboard.rewrite.override-join-params.a: null (expected: a string)
      switchboard.rewrite.voice-bridge-length = 0    | switchboard.rewrite.voice-bridge-length: 0 (expected: a positive number of digits)
      switchboard.upstream.connect-timeout = 5       | switchboard.upstream.connect-timeout: 5 (expected: a positive duration with a unit, e.g. 10s, 500ms or 15m)
      switchboard.upstream.response-timeout = -1s    | switchboard.upstream.response-timeout: "-1s" (expected: a positive duration with a unit, e.g. 10s, 500ms or 15m)
      switchboard.upstream.max-connections-per-server = 0  | switchboard.upstream.max-connections-per-server: 0 (expected: a positive integer)
      switchboard.poller.interval = abc              | switchboard.poller.interval: "abc" (expected: a positive duration with a unit, e.g. 10s, 500ms or 15m)
      switchboard.poller.healthy-threshold = 0       | switchboard.poller.healthy-threshold: 0 (expected: a positive integer)
      switchboard.poller.unhealthy-threshold = [2]   | switchboard.poller.unhealthy-threshold: [2] (expected: a positive integer)
      switchboard.poller.load-min-user-count = -1    | switchboard.poller.load-min-user-count: -1 (expected: a non-negative integer)
      switchboard.poller.load-join-buffer-time = -1m | switchboard.poller.load-join-buffer-time: "-1m" (expected: a duration >= 0 with a unit, e.g. 10s, 500ms or 15m)
      switchboard.shutdown.grace-period = 20         | switchboard.shutdown.grace-period: 20 (expected: a duration >= 0 with a unit, e.g. 10s, 500ms or 15m)
      switchboard.shutdown.grace-period = -1s        | switchboard.shutdown.grace-period: "-1s" (expected: a duration >= 0 with a unit, e.g. 10s, 500ms or 15m)
      switchboard.shutdown.grase-period = 1s         | switchboard.shutdown.grase-period: unknown key (expected: one of grace-period)
      switchboard.server-id-is-hostname = 2          | switchboard.server-id-is-hostname: 2 (expected: true or false)
      switchboard.metrics.path = metrics             | switchboard.metrics.path: "metrics" (expected: an absolute path such as /metrics)
      switchboard.metrics.port = 99999               | switchboard.metrics.port: 99999 (expected: a port number 0..65535 (0 = the main listener))
      switchboard.logging.format = xml               | switchboard.logging.format: "xml" (expected: text or json)
      switchboard.logging.level = LOUD               | switchboard.logging.level: "LOUD" (expected: one of TRACE, DEBUG, INFO, WARN, ERROR, OFF)
      switchboard.logging.levels.io.netty = LOUD     | switchboard.logging.levels.io.netty: "LOUD" (expected: one of TRACE, DEBUG, INFO, WARN, ERROR, OFF)
      switchboard.tenants.recordings-dirs.a_b = "/x" | switchboard.tenants.recordings-dirs.a_b: "a_b" (expected: a tenant name: a DNS label of letters, digits and '-')
      switchboard.dial-in.authenticate = sometimes   | switchboard.dial-in.authenticate: "sometimes" (expected: true or false)
      switchboard.dial-in.max-duration = 90          | switchboard.dial-in.max-duration: 90 (expected: a duration >= 0 with a unit, e.g. 10s, 500ms or 15m)
      switchboard.dial-in.max-duration = 1500ms      | switchboard.dial-in.max-duration: "1500ms" (expected: whole seconds, e.g. 120m; 0 = no limit)
      switchboard.dial-in.voice-bridge-min-length = 0      | switchboard.dial-in.voice-bridge-min-length: 0 (expected: a positive number of digits)
      switchboard.dial-in.voice-bridge-max-length = 4      | switchboard.dial-in.voice-bridge-max-length: 4 (expected: at least voice-bridge-min-length (5))
      switchboard.dial-in.pasword = x                | switchboard.dial-in.pasword: unknown key (expected: one of authenticate, max-duration, password, voice-bridge-max-length, voice-bridge-min-length)
      switchboard.servers = []                       | switchboard.servers: [] (expected: an object)
      switchboard.servers.bbb1 = "https://x/api"     | switchboard.servers.bbb1: "https://x/api" (expected: an object)
      switchboard.servers."bad id" {}                | switchboard.servers."bad id": "bad id" (expected: an id of letters, digits, '_', '.' or '-')
      """)
  void aBadValueIsAOneLineErrorNamingTheKeyAndTheValue(String hocon, String message) {
    assertThatThrownBy(() -> read(hocon))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      load-multiplier = -1                      | switchboard.servers.bbb1.load-multiplier: -1 (expected: a positive number)
      load-multiplier = 0                       | switchboard.servers.bbb1.load-multiplier: 0 (expected: a positive number)
      load-multiplier = heavy                   | switchboard.servers.bbb1.load-multiplier: "heavy" (expected: a positive number)
      enabled = sometimes                       | switchboard.servers.bbb1.enabled: "sometimes" (expected: true or false)
      tag = x, tags = [y]                       | switchboard.servers.bbb1.tag: "x" (expected: either tag or tags, not both)
      tag = "a;b"                               | switchboard.servers.bbb1.tag: "a;b" (expected: a non-blank tag without ';')
      tags = [a, " "]                           | switchboard.servers.bbb1.tags: ["a"," "] (expected: a list, each a non-blank tag without ';')
      tags = x                                  | switchboard.servers.bbb1.tags: "x" (expected: a list of strings)
      load_multiplier = 2                       | switchboard.servers.bbb1.load_multiplier: unknown key (expected: one of enabled, load-multiplier, secret, tag, tags, url)
      """)
  void aBadServerValueNamesTheServer(String entry, String message) {
    assertThatThrownBy(() -> read("switchboard.servers.bbb1 { url = \"" + URL + "\", secret = s, " + entry + " }"))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ftp://bbb1.example.com/api", "not a url", "/bigbluebutton/api", "https:///api"})
  void aServerUrlMustBeAnAbsoluteHttpUrl(String url) {
    assertThatThrownBy(() -> read("switchboard.servers.bbb1 { url = \"" + url + "\", secret = s }"))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.servers.bbb1.url: \"" + url + "\" (expected: " + SERVER_URL_EXPECTED + ")");
  }

  @Test
  void aServerWithoutUrlOrSecretIsAnError() {
    assertThatThrownBy(() -> read("switchboard.servers.bbb1 { secret = s }"))
        .hasMessage("switchboard.servers.bbb1.url: missing (expected: " + SERVER_URL_EXPECTED + ")");
    assertThatThrownBy(() -> read("switchboard.servers.bbb1 { url = \"" + URL + "\" }"))
        .hasMessage("switchboard.servers.bbb1.secret: missing (expected: a non-blank secret)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      switchboard.api.secrets = "hunter2"                                     | switchboard.api.secrets: <hidden> (expected: a list of secrets)
      switchboard.api.secrets = [hunter2, " "]                                | switchboard.api.secrets: <hidden> (expected: non-blank secrets)
      switchboard.api.secret = hunter2                                        | switchboard.api.secret: unknown key (expected: one of accepted-checksum-algorithms, build-number, get-meetings-disabled, outbound-checksum-algorithm, secrets, url-host)
      switchboard.servers.bbb1 { url = "https://b/api", secret = "" }         | switchboard.servers.bbb1.secret: <hidden> (expected: a non-blank secret)
      switchboard.dial-in.password = [hunter2]                                | switchboard.dial-in.password: <hidden> (expected: a string)
      switchboard.servers.bbb1 { url = "https://b/api", secret = [hunter2] }  | switchboard.servers.bbb1.secret: <hidden> (expected: a non-blank secret)
      switchboard.servers.bbb1 { url = "https://b/api", secret = "  " }       | switchboard.servers.bbb1.secret: <hidden> (expected: a non-blank secret)
      """)
  void secretsAreNeverPartOfAMessage(String hocon, String message) {
    assertThatThrownBy(() -> read(hocon))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message)
        .satisfies(error -> assertThat(error.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void anErrorInTheOperatorFileSaysWhereTheValueWasWritten(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("switchboard.conf"), """
        switchboard.api.secrets = [s]
        switchboard.poller.interval = soon
        """);

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .hasMessage("switchboard.poller.interval: \"soon\" (expected: a positive duration with a unit, e.g. 10s, 500ms "
            + "or 15m; in " + file + ":2)");
  }

  @Test
  void serversAreOrderedByIdAndTakeTheirDefaults() {
    SwitchboardConfig config = read("""
        switchboard.servers {
          "bbb2.example.com" { url = "https://bbb2.example.com/bigbluebutton/api", secret = s2 }
          bbb10 { url = "https://bbb10.example.com/bigbluebutton/api", secret = s10, tag = "" }
          bbb1 { url = "%s", secret = s1, tag = beta }
        }
        """.formatted(URL));

    assertThat(config.servers()).extracting(ServerConfig::id).containsExactly("bbb1", "bbb10", "bbb2.example.com");
    assertThat(config.servers().get(0)).isEqualTo(new ServerConfig("bbb1", URI.create(URL), "s1", true, 1.0,
        List.of("beta")));
    assertThat(config.servers().get(1).tags()).isEmpty();
    assertThat(config.servers().get(2).enabled()).isTrue();
    assertThat(config.servers().get(2).loadMultiplier()).isEqualTo(1.0);
  }

  @Test
  void aServerIdWithDotsIsNamedQuotedInMessages() {
    assertThatThrownBy(() -> read("switchboard.servers.\"bbb1.example.com\" { url = nowhere, secret = s }"))
        .hasMessage("switchboard.servers.\"bbb1.example.com\".url: \"nowhere\" (expected: " + SERVER_URL_EXPECTED + ")");
  }

  @Test
  void parameterValuesMayBeWrittenAsNumbersOrBooleans() {
    SwitchboardConfig config = read("switchboard.rewrite.override-create-params { duration = 60, record = false, w = 1.50 }");

    assertThat(config.rewrite().overrideCreateParams())
        .containsExactly(Map.entry("duration", "60"), Map.entry("record", "false"), Map.entry("w", "1.50"));
  }

  @Test
  void aSecretCanComeFromASubstitution() {
    SwitchboardConfig config = read("""
        shared = "from-elsewhere"
        switchboard.api.secrets = [${shared}]
        """);

    assertThat(config.api().secrets()).containsExactly("from-elsewhere");
  }

  @Test
  void theDialInPasswordDefaultsToTheFirstSecretAndItsCallLimitToTheMeetingCap() {
    SwitchboardConfig config = read("""
        switchboard.api.secrets = [first, second]
        switchboard.rewrite.max-meeting-duration = 90m
        """);

    assertThat(config.dialIn()).isEqualTo(new DialInConfig(true, "first", Duration.ofMinutes(90), 5, 9));
    assertThat(config.dialIn().toString()).doesNotContain("first").contains("password=<hidden>");
  }

  @Test
  void theDialInKeysOverrideTheDefaults() {
    SwitchboardConfig config = read("""
        switchboard.rewrite.max-meeting-duration = 90m
        switchboard.dial-in { password = "gateway-pw", max-duration = 0, voice-bridge-min-length = 6,
          voice-bridge-max-length = 6 }
        """);

    assertThat(config.dialIn()).isEqualTo(new DialInConfig(true, "gateway-pw", Duration.ZERO, 6, 6));
  }

  @Test
  void withoutAuthenticationTheDialInNeedsNoPassword() {
    SwitchboardConfig config = read("switchboard.dial-in.authenticate = false");

    assertThat(config.dialIn().authenticate()).isFalse();
    assertThat(config.dialIn().password()).isEmpty();
  }

  private static SwitchboardConfig read(String hocon) {
    return SwitchboardConfig.from(ConfigFactory.parseString("switchboard.api.secrets = [lb-secret]\n" + hocon)
        .withFallback(ConfigFactory.defaultReference())
        .resolve());
  }
}
