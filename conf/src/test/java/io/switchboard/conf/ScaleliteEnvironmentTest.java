package io.switchboard.conf;

import static io.switchboard.conf.ChecksumAlgorithm.SHA1;
import static io.switchboard.conf.ChecksumAlgorithm.SHA256;
import static io.switchboard.conf.ChecksumAlgorithm.SHA384;
import static io.switchboard.conf.ChecksumAlgorithm.SHA512;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScaleliteEnvironmentTest {

  static Stream<Arguments> variables() {
    return Stream.of(
        arguments("PORT", "3000", accessor("http.port", c -> c.http().port()), 3000),
        arguments("URL_HOST", " sb.example.com ", accessor("api.urlHost", c -> c.api().urlHost()), "sb.example.com"),
        arguments("BUILD_NUMBER", "2.7.1-42", accessor("api.buildNumber", c -> c.api().buildNumber()), "2.7.1-42"),
        arguments("GET_MEETINGS_API_DISABLED", "TRUE",
            accessor("api.getMeetingsDisabled", c -> c.api().getMeetingsDisabled()), true),
        arguments("GET_MEETINGS_API_DISABLED", "yes",
            accessor("api.getMeetingsDisabled", c -> c.api().getMeetingsDisabled()), false),
        arguments("MULTITENANCY_ENABLED", "true", accessor("tenants.enabled", c -> c.tenants().enabled()), true),
        arguments("ADMIN_PASSWORD", "s3cret",
            accessor("statusPage.password", c -> c.statusPage().password()), Optional.of("s3cret")),
        arguments("METRICS_PASSWORD", "scrape",
            accessor("metrics.password", c -> c.metrics().password()), Optional.of("scrape")),
        arguments("LOG_FORMAT", "json",
            accessor("logging.format", c -> c.logging().format()), LoggingConfig.Format.JSON),
        arguments("LOG_LEVEL", "debug", accessor("logging.level", c -> c.logging().level()), LoggingConfig.Level.DEBUG),
        arguments("MAX_MEETING_DURATION", "60",
            accessor("rewrite.maxMeetingDuration", c -> c.rewrite().maxMeetingDuration()), Duration.ofMinutes(60)),
        arguments("MAX_MEETING_DURATION", "0",
            accessor("rewrite.maxMeetingDuration", c -> c.rewrite().maxMeetingDuration()), Duration.ZERO),
        arguments("CREATE_EXCLUDE_PARAMS", " record, ,logo ,",
            accessor("rewrite.createExcludeParams", c -> List.copyOf(c.rewrite().createExcludeParams())),
            List.of("record", "logo")),
        arguments("JOIN_EXCLUDE_PARAMS", "avatarURL",
            accessor("rewrite.joinExcludeParams", c -> List.copyOf(c.rewrite().joinExcludeParams())),
            List.of("avatarURL")),
        arguments("DEFAULT_CREATE_PARAMS", "record=true,welcome=Hi=there",
            accessor("rewrite.defaultCreateParams", c -> c.rewrite().defaultCreateParams()),
            Map.of("record", "true", "welcome", "Hi=there")),
        arguments("OVERRIDE_CREATE_PARAMS", "meta_a.b=1, duration = 5 ,",
            accessor("rewrite.overrideCreateParams", c -> c.rewrite().overrideCreateParams()),
            Map.of("meta_a.b", "1", "duration", "5")),
        arguments("DEFAULT_JOIN_PARAMS", "userdata-bbb_auto_join_audio=true",
            accessor("rewrite.defaultJoinParams", c -> c.rewrite().defaultJoinParams()),
            Map.of("userdata-bbb_auto_join_audio", "true")),
        arguments("OVERRIDE_JOIN_PARAMS", "guest=",
            accessor("rewrite.overrideJoinParams", c -> c.rewrite().overrideJoinParams()), Map.of("guest", "")),
        arguments("VOICE_BRIDGE_LEN", "5", accessor("rewrite.voiceBridgeLength", c -> c.rewrite().voiceBridgeLength()),
            5),
        arguments("USE_EXTERNAL_VOICE_BRIDGE", "true",
            accessor("rewrite.useExternalVoiceBridge", c -> c.rewrite().useExternalVoiceBridge()), true),
        arguments("DEFAULT_MEETING_TTL", "3600", accessor("rewrite.meetingTtl", c -> c.rewrite().meetingTtl()),
            Duration.ofHours(1)),
        arguments("CONNECT_TIMEOUT", "0.5", accessor("upstream.connectTimeout", c -> c.upstream().connectTimeout()),
            Duration.ofMillis(500)),
        arguments("RESPONSE_TIMEOUT", "2.25",
            accessor("upstream.responseTimeout", c -> c.upstream().responseTimeout()), Duration.ofMillis(2250)),
        arguments("POLL_INTERVAL", "0.5", accessor("poller.interval", c -> c.poller().interval()),
            Duration.ofMillis(500)),
        arguments("POLL_INTERVAL", "90", accessor("poller.interval", c -> c.poller().interval()),
            Duration.ofSeconds(90)),
        arguments("SERVER_HEALTHY_THRESHOLD", "3",
            accessor("poller.healthyThreshold", c -> c.poller().healthyThreshold()), 3),
        arguments("SERVER_UNHEALTHY_THRESHOLD", "5",
            accessor("poller.unhealthyThreshold", c -> c.poller().unhealthyThreshold()), 5),
        arguments("POLLER_WAIT_TIMEOUT", "20", accessor("poller.waitTimeout", c -> c.poller().waitTimeout()),
            Duration.ofSeconds(20)),
        arguments("LOAD_MIN_USER_COUNT", "0",
            accessor("poller.loadMinUserCount", c -> c.poller().loadMinUserCount()), 0),
        arguments("LOAD_JOIN_BUFFER_TIME", "1.5",
            accessor("poller.loadJoinBufferTime", c -> c.poller().loadJoinBufferTime()), Duration.ofSeconds(90)),
        arguments("LOAD_JOIN_BUFFER_TIME", "0",
            accessor("poller.loadJoinBufferTime", c -> c.poller().loadJoinBufferTime()), Duration.ZERO),
        arguments("FSAPI_PASSWORD", " gateway pw ", accessor("dialIn.password", c -> c.dialIn().password()),
            " gateway pw "),
        arguments("FSAPI_MAX_DURATION", "120",
            accessor("dialIn.maxCallDuration", c -> c.dialIn().maxCallDuration()), Duration.ofMinutes(120)),
        arguments("FSAPI_MAX_DURATION", "0",
            accessor("dialIn.maxCallDuration", c -> c.dialIn().maxCallDuration()), Duration.ZERO),
        arguments("VOICE_BRIDGE_MIN", "3",
            accessor("dialIn.voiceBridgeMinLength", c -> c.dialIn().voiceBridgeMinLength()), 3),
        arguments("VOICE_BRIDGE_MAX", "10",
            accessor("dialIn.voiceBridgeMaxLength", c -> c.dialIn().voiceBridgeMaxLength()), 10),
        arguments("SERVER_ID_IS_HOSTNAME", "True", accessor("serverIdIsHostname", SwitchboardConfig::serverIdIsHostname),
            true));
  }

  @ParameterizedTest(name = "{0}={1} sets {2}")
  @MethodSource("variables")
  void eachVariableSetsItsKeyInScaleliteUnits(String variable, String value,
      Function<SwitchboardConfig, Object> accessor, Object expected) {
    SwitchboardConfig config = load(Map.of(variable, value));

    assertThat(accessor.apply(config)).isEqualTo(expected);
  }

  @Test
  void aRepeatedParameterKeepsItsLastValueAndParametersAreOrderedByName() {
    // The variable becomes a HOCON object, which has no order; the reader orders keys so the result is stable.
    SwitchboardConfig config = load(Map.of("DEFAULT_CREATE_PARAMS", "b=1,a=2,b=3"));

    assertThat(config.rewrite().defaultCreateParams()).containsExactly(Map.entry("a", "2"), Map.entry("b", "3"));
  }

  @Test
  void theLoadBalancerSecretComesFirstThenEachOfTheOthers() {
    SwitchboardConfig config = ConfigLoader.load(Optional.empty(),
        Map.of("LOADBALANCER_SECRET", "primary", "LOADBALANCER_SECRETS", "second::third:"));

    assertThat(config.api().secrets()).containsExactly("primary", "second", "third");
  }

  @Test
  void theOtherSecretsAloneAreEnough() {
    SwitchboardConfig config = ConfigLoader.load(Optional.empty(), Map.of("LOADBALANCER_SECRETS", "a:b"));

    assertThat(config.api().secrets()).containsExactly("a", "b");
  }

  @Test
  void secretsThatAreOnlyColonsLeaveNoSecret() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("LOADBALANCER_SECRETS", "::")))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("switchboard.api.secrets: [] (expected: at least one secret");
  }

  @ParameterizedTest(name = "{0} accepts {1}, signs with {2}")
  @CsvSource({
      "SHA1,                 SHA1,       SHA1",
      "sha256:SHA1,          SHA1:SHA256, SHA256",
      "SHA1:SHA512:SHA256,   SHA1:SHA256:SHA512, SHA512",
      "SHA-384::sha-1,       SHA1:SHA384, SHA384",
  })
  void checksumAlgorithmVariableSetsTheAcceptedSetAndSignsWithTheStrongest(String value, String accepted,
      ChecksumAlgorithm outbound) {
    SwitchboardConfig config = load(Map.of("LOADBALANCER_CHECKSUM_ALGORITHM", value));

    assertThat(config.api().acceptedAlgorithms())
        .containsExactlyElementsOf(Stream.of(accepted.split(":")).map(ChecksumAlgorithm::valueOf).toList());
    assertThat(config.api().outboundAlgorithm()).isEqualTo(outbound);
  }

  @Test
  void withoutTheChecksumVariableOutboundCallsAreSignedWithSha256() {
    SwitchboardConfig config = load(Map.of());

    assertThat(config.api().acceptedAlgorithms()).isEqualTo(Set.of(SHA1, SHA256, SHA384, SHA512));
    assertThat(config.api().outboundAlgorithm()).isEqualTo(SHA256);
  }

  static Stream<Arguments> badVariables() {
    return Stream.of(
        arguments("PORT", "http", "PORT: http (expected: a port number 0..65535)"),
        arguments("PORT", "65536", "PORT: 65536 (expected: a port number 0..65535)"),
        arguments("POLL_INTERVAL", "abc", "POLL_INTERVAL: abc (expected: a positive number of seconds, e.g. 60 or 0.5)"),
        arguments("POLL_INTERVAL", "0", "POLL_INTERVAL: 0 (expected: a positive number of seconds, e.g. 60 or 0.5)"),
        arguments("POLL_INTERVAL", "-5", "POLL_INTERVAL: -5 (expected: a positive number of seconds, e.g. 60 or 0.5)"),
        arguments("POLL_INTERVAL", "60s", "POLL_INTERVAL: 60s (expected: a positive number of seconds, e.g. 60 or 0.5)"),
        arguments("CONNECT_TIMEOUT", "1e3",
            "CONNECT_TIMEOUT: 1e3 (expected: a positive number of seconds, e.g. 60 or 0.5)"),
        arguments("RESPONSE_TIMEOUT", "0.0",
            "RESPONSE_TIMEOUT: 0.0 (expected: a positive number of seconds, e.g. 60 or 0.5)"),
        arguments("POLLER_WAIT_TIMEOUT", "ten",
            "POLLER_WAIT_TIMEOUT: ten (expected: a positive number of seconds, e.g. 60 or 0.5)"),
        arguments("DEFAULT_MEETING_TTL", "1d",
            "DEFAULT_MEETING_TTL: 1d (expected: a positive number of seconds, e.g. 60 or 0.5)"),
        arguments("LOAD_JOIN_BUFFER_TIME", "-1",
            "LOAD_JOIN_BUFFER_TIME: -1 (expected: a number of minutes, e.g. 15 or 1.5)"),
        arguments("LOAD_JOIN_BUFFER_TIME", "999999999999",
            "LOAD_JOIN_BUFFER_TIME: 999999999999 (expected: a number of minutes, e.g. 15 or 1.5)"),
        arguments("MAX_MEETING_DURATION", "1.5",
            "MAX_MEETING_DURATION: 1.5 (expected: whole minutes, e.g. 120; 0 = off)"),
        arguments("SERVER_HEALTHY_THRESHOLD", "0", "SERVER_HEALTHY_THRESHOLD: 0 (expected: a positive integer)"),
        arguments("SERVER_UNHEALTHY_THRESHOLD", "2.5", "SERVER_UNHEALTHY_THRESHOLD: 2.5 (expected: a positive integer)"),
        arguments("LOAD_MIN_USER_COUNT", "-1", "LOAD_MIN_USER_COUNT: -1 (expected: a non-negative integer)"),
        arguments("VOICE_BRIDGE_LEN", "0", "VOICE_BRIDGE_LEN: 0 (expected: a positive integer)"),
        arguments("VOICE_BRIDGE_MIN", "0", "VOICE_BRIDGE_MIN: 0 (expected: a positive integer)"),
        arguments("VOICE_BRIDGE_MAX", "4",
            "switchboard.dial-in.voice-bridge-max-length: 4 (expected: at least voice-bridge-min-length (5))"),
        arguments("FSAPI_MAX_DURATION", "1.5", "FSAPI_MAX_DURATION: 1.5 (expected: whole minutes, e.g. 120; 0 = off)"),
        arguments("VOICE_BRIDGE_LEN", "99999999999", "VOICE_BRIDGE_LEN: 99999999999 (expected: a positive integer)"),
        arguments("DEFAULT_CREATE_PARAMS", "record=true,logo",
            "DEFAULT_CREATE_PARAMS: logo (expected: name=value pairs separated by commas)"),
        arguments("OVERRIDE_JOIN_PARAMS", "=x", "OVERRIDE_JOIN_PARAMS: =x (expected: name=value pairs separated by commas)"),
        arguments("LOADBALANCER_CHECKSUM_ALGORITHM", "SHA256:MD5",
            "LOADBALANCER_CHECKSUM_ALGORITHM: SHA256:MD5 (expected: a colon-separated list of SHA1, SHA256, SHA384, SHA512)"),
        arguments("LOADBALANCER_CHECKSUM_ALGORITHM", ":",
            "LOADBALANCER_CHECKSUM_ALGORITHM: : (expected: a colon-separated list of SHA1, SHA256, SHA384, SHA512)"),
        arguments("URL_HOST", "https://sb.example.com",
            "switchboard.api.url-host: \"https://sb.example.com\" (expected: a host name such as sb.example.com, not a URL; \"\" accepts any host)"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badVariables")
  void aBadVariableIsAOneLineErrorNamingItAndItsValue(String variable, String value, String message) {
    assertThatThrownBy(() -> load(Map.of(variable, value)))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message);
  }

  @Test
  void theDialInCallLimitFollowsMaxMeetingDurationUnlessFsapiMaxDurationIsSet() {
    assertThat(load(Map.of("MAX_MEETING_DURATION", "45")).dialIn().maxCallDuration()).isEqualTo(Duration.ofMinutes(45));
    assertThat(load(Map.of("MAX_MEETING_DURATION", "45", "FSAPI_MAX_DURATION", "0")).dialIn().maxCallDuration())
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void theDialInPasswordIsTheLoadBalancerSecretUnlessFsapiPasswordIsSet() {
    assertThat(load(Map.of()).dialIn().password()).isEqualTo("lb-secret");
    assertThat(load(Map.of("FSAPI_PASSWORD", "gw")).dialIn().password()).isEqualTo("gw");
  }

  private static Named<Function<SwitchboardConfig, Object>> accessor(String name,
      Function<SwitchboardConfig, Object> accessor) {
    return named(name, accessor);
  }

  private static SwitchboardConfig load(Map<String, String> environment) {
    Map<String, String> withSecret = new HashMap<>(environment);
    withSecret.putIfAbsent("LOADBALANCER_SECRET", "lb-secret");
    return ConfigLoader.load(Optional.empty(), withSecret);
  }
}
