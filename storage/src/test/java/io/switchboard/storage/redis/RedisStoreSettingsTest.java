package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.lettuce.core.RedisURI;
import io.switchboard.conf.RedisConfig;
import io.switchboard.conf.SentinelConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** REDIS_URL as Scalelite takes it, sentinels, and the conf module's RedisConfig, taken apart without Redis. */
class RedisStoreSettingsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private static String password(RedisURI uri) {
    return new String(uri.getCredentialsProvider().resolveCredentials().block().getPassword());
  }

  private static ConnectionSpec spec(String uri) {
    return RedisStoreSettings.of(URI.create(uri)).withCommandTimeout(TIMEOUT).connectionSpec();
  }

  @Test
  void aPlainUrlIsHostPortAndDatabaseZero() {
    ConnectionSpec spec = spec("redis://redis.example.com");

    assertThat(spec).isEqualTo(new ConnectionSpec("redis.example.com", 6379, Optional.empty(), Optional.empty(), 0,
        false, Optional.empty(), TIMEOUT, "redis://redis.example.com"));
  }

  @Test
  void passwordUserDatabaseAndTlsAreTakenFromTheUrl() {
    ConnectionSpec spec = spec("rediss://default:p%40ss%3Aw+rd@10.0.0.5:6380/3");

    assertThat(spec.host()).isEqualTo("10.0.0.5");
    assertThat(spec.port()).isEqualTo(6380);
    assertThat(spec.username()).contains("default");
    assertThat(spec.password()).contains("p@ss:w+rd");
    assertThat(spec.database()).isEqualTo(3);
    assertThat(spec.tls()).isTrue();
    assertThat(spec.description()).doesNotContain("p%40ss").contains("<hidden>");

    RedisURI lettuce = spec.redisUri("switchboard:test");
    assertThat(lettuce.getHost()).isEqualTo("10.0.0.5");
    assertThat(lettuce.getPort()).isEqualTo(6380);
    assertThat(lettuce.getDatabase()).isEqualTo(3);
    assertThat(lettuce.isSsl()).isTrue();
    assertThat(lettuce.getCredentialsProvider().resolveCredentials().block().getUsername()).isEqualTo("default");
    assertThat(password(lettuce)).isEqualTo("p@ss:w+rd");
    assertThat(lettuce.getTimeout()).isEqualTo(TIMEOUT);
    assertThat(lettuce.getClientName()).isEqualTo("switchboard:test");
  }

  @Test
  void aPasswordWithoutUserIsScalelitesUsualForm() {
    ConnectionSpec spec = spec("redis://:secret@redis:6379/1");

    assertThat(spec.username()).isEmpty();
    assertThat(spec.password()).contains("secret");
    assertThat(password(spec.redisUri("n"))).isEqualTo("secret");
  }

  @Test
  void aDockerComposeHostWithAnUnderscoreIsKept() {
    assertThat(URI.create("redis://scalelite_redis:6379").getHost()).as("what java.net.URI makes of it").isNull();

    assertThat(spec("redis://scalelite_redis:6379").host()).isEqualTo("scalelite_redis");
  }

  @Test
  void anIpv6HostIsTakenOutOfItsBrackets() {
    assertThat(spec("redis://[::1]:7000").host()).isEqualTo("::1");
    assertThat(spec("redis://[::1]").port()).isEqualTo(6379);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://redis:6379", "redis:///0", "redis://host:0", "redis://host:99999", "redis://host/x",
      "redis://host:6379/0?ssl=true", "redis://word@host", "redis://host/-1"})
  void unusableUrlsAreRejected(String uri) {
    assertThatIllegalArgumentException().isThrownBy(() -> spec(uri)).withMessageStartingWith("uri: ");
  }

  @Test
  void toStringHidesPasswords() {
    RedisStoreSettings settings = RedisStoreSettings.of(URI.create("redis://user:hunter2@redis/0"))
        .withSentinel(new RedisStoreSettings.Sentinel("mymaster", List.of("s1:26379"), Optional.of("sentinel-pw")));

    assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("sentinel-pw")
        .contains("user:<hidden>@redis");
  }

  @Test
  void sentinelsAreAskedForTheMasterWithTheUrlsCredentialsAndDatabase() {
    RedisStoreSettings settings = RedisStoreSettings.of(URI.create("redis://:master-pw@ignored/2"))
        .withSentinel(new RedisStoreSettings.Sentinel("mymaster", List.of("s1.example.com:26380", "s2", "[::1]:26379"),
            Optional.of("sentinel-pw")));

    RedisURI lettuce = settings.connectionSpec().redisUri("n");

    assertThat(lettuce.getSentinelMasterId()).isEqualTo("mymaster");
    assertThat(lettuce.getSentinels()).extracting(RedisURI::getHost, RedisURI::getPort)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("s1.example.com", 26380),
            org.assertj.core.groups.Tuple.tuple("s2", 26379), org.assertj.core.groups.Tuple.tuple("::1", 26379));
    assertThat(lettuce.getSentinels()).allSatisfy(sentinel ->
        assertThat(password(sentinel)).isEqualTo("sentinel-pw"));
    assertThat(password(lettuce)).isEqualTo("master-pw");
    assertThat(lettuce.getDatabase()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "host:0", "host:x", "a:b:c", "[::1"})
  void unusableSentinelNodesAreRejected(String node) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RedisStoreSettings.Sentinel("mymaster", List.of(node), Optional.empty()));
  }

  @Test
  void timeoutAndStalenessAreChecked() {
    RedisStoreSettings settings = RedisStoreSettings.of(URI.create("redis://localhost"));

    assertThat(settings.namespace()).isEqualTo("scalelite");
    assertThatIllegalArgumentException().isThrownBy(() -> settings.withCommandTimeout(Duration.ZERO));
    assertThatIllegalArgumentException().isThrownBy(() -> settings.withLoadCacheStaleness(Duration.ofMillis(-1)));
    assertThat(settings.withLoadCacheStaleness(Duration.ZERO).loadCacheStaleness()).isZero();
  }

  @Test
  void theConfModulesRedisConfigMapsToTheSameConnection() {
    RedisConfig config = new RedisConfig(Optional.of(URI.create("rediss://app:p%40ss@scalelite_redis:6380/4")),
        "scalelite", Optional.empty(), TIMEOUT, Duration.ofMillis(100), Duration.ofSeconds(30));

    ConnectionSpec spec = RedisStores.connectionSpec(config);

    assertThat(spec.host()).isEqualTo("scalelite_redis");
    assertThat(spec.port()).isEqualTo(6380);
    assertThat(spec.username()).contains("app");
    assertThat(spec.password()).contains("p@ss");
    assertThat(spec.database()).isEqualTo(4);
    assertThat(spec.tls()).isTrue();
    assertThat(spec.commandTimeout()).isEqualTo(TIMEOUT);
    assertThat(spec.description()).doesNotContain("p@ss");
  }

  @Test
  void theConfModulesSentinelMapsToLettucesSentinels() {
    RedisConfig config = new RedisConfig(Optional.empty(), "scalelite",
        Optional.of(new SentinelConfig("mymaster", List.of("s1:26379", "s2:26380"), Optional.of("pw"))),
        TIMEOUT, Duration.ofMillis(100), Duration.ofSeconds(30));

    RedisURI lettuce = RedisStores.connectionSpec(config).redisUri("n");

    assertThat(lettuce.getSentinelMasterId()).isEqualTo("mymaster");
    assertThat(lettuce.getSentinels()).extracting(RedisURI::getPort).containsExactly(26379, 26380);
  }

  @Test
  void anUnconfiguredRedisConfigIsRefused() {
    RedisConfig config = new RedisConfig(Optional.empty(), "scalelite", Optional.empty(), TIMEOUT,
        Duration.ofMillis(100), Duration.ofSeconds(30));

    assertThatIllegalArgumentException().isThrownBy(() -> RedisStores.connectionSpec(config));
  }

  @Test
  void theClientNameKeepsOnlyWhatRedisAccepts() {
    assertThat(RedisConnection.clientName("scalelite")).isEqualTo("switchboard:scalelite");
    assertThat(RedisConnection.clientName("my ns\n")).isEqualTo("switchboard:my_ns_");
  }
}
