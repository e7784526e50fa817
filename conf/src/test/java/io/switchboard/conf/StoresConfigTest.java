package io.switchboard.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoresConfigTest {
  private static final String REDIS_URL = "a redis://, rediss:// or redis-sentinel:// URL with a host, e.g. "
      + "redis://:password@redis.example.com:6379/0";
  private static final String DATABASE_URL = "a postgres:// or postgresql:// URL with a host, e.g. "
      + "postgres://user:password@db.example.com:5432/scalelite";
  private static final String ENCODE = "percent-encode '@', ':', '/', '?', '#' and '%' in the user and password, "
      + "e.g. '@' as %40";
  private static final String NODE = "host:port, e.g. sentinel1.example.com:26379 or [::1]:26379";

  @TempDir
  Path directory;

  /** Redis as reference.conf has it: not configured. */
  static RedisConfig embeddedRedis() {
    return new RedisConfig(Optional.empty(), "scalelite", Optional.empty(), Duration.ofSeconds(5),
        Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  /** The database as reference.conf has it: not configured. */
  static DatabaseConfig embeddedDatabase() {
    return new DatabaseConfig(Optional.empty(), 8, true);
  }

  @Test
  void referenceConfLeavesBothStoresUnconfigured() {
    SwitchboardConfig config = read("");

    assertThat(config.redis()).isEqualTo(embeddedRedis());
    assertThat(config.redis().configured()).isFalse();
    assertThat(config.redis().keyPrefix()).isEqualTo("scalelite:");
    assertThat(config.redis().host()).isEmpty();
    assertThat(config.redis().port()).isEqualTo(6379);
    assertThat(config.redis().username()).isEmpty();
    assertThat(config.redis().password()).isEmpty();
    assertThat(config.redis().database()).isZero();
    assertThat(config.redis().tls()).isFalse();
    assertThat(config.database()).isEqualTo(embeddedDatabase());
    assertThat(config.database().configured()).isFalse();
    assertThat(config.database().host()).isEmpty();
    assertThat(config.database().port()).isEqualTo(5432);
    assertThat(config.database().database()).isEqualTo("scalelite");
    assertThat(config.database().parameters()).isEmpty();
  }

  @Test
  void theOperatorFileSetsEveryKey() {
    SwitchboardConfig config = read("""
        switchboard.redis {
          url = "rediss://:secret@redis.example.com:6380/3"
          namespace = sb
          sentinel { master = mymaster, nodes = ["s1:26380", s2], password = sentinel-secret }
          command-timeout = 2s
          load-cache-staleness = 0
          lease-ttl = 1m
        }
        switchboard.database {
          url = "postgresql://sb:db-secret@db.example.com:5433/switchboard?sslmode=require"
          pool-size = 20
          prepared-statements = false
        }
        """);

    RedisConfig redis = config.redis();
    assertThat(redis.url()).contains(URI.create("rediss://:secret@redis.example.com:6380/3"));
    assertThat(redis.namespace()).isEqualTo("sb");
    assertThat(redis.keyPrefix()).isEqualTo("sb:");
    assertThat(redis.sentinel()).contains(new SentinelConfig("mymaster", List.of("s1:26380", "s2:26379"),
        Optional.of("sentinel-secret")));
    assertThat(redis.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(redis.loadCacheStaleness()).isEqualTo(Duration.ZERO);
    assertThat(redis.leaseTtl()).isEqualTo(Duration.ofMinutes(1));
    assertThat(redis.configured()).isTrue();
    assertThat(redis.password()).contains("secret");
    assertThat(redis.database()).isEqualTo(3);
    assertThat(redis.tls()).isTrue();
    DatabaseConfig database = config.database();
    assertThat(database.url()).contains(URI.create("postgresql://sb:db-secret@db.example.com:5433/switchboard?sslmode=require"));
    assertThat(database.poolSize()).isEqualTo(20);
    assertThat(database.preparedStatements()).isFalse();
    assertThat(database.configured()).isTrue();
  }

  static Stream<Arguments> redisUrls() {
    return Stream.of(
        arguments("redis://redis.example.com", "redis.example.com", 6379, null, null, 0, false),
        arguments("redis://:secret@redis:6380/2", "redis", 6380, null, "secret", 2, false),
        arguments("rediss://default:p%40ss%3Aw%2Frd@redis.example.com/15", "redis.example.com", 6379, "default",
            "p@ss:w/rd", 15, true),
        arguments("REDISS://Redis.Example.com:6379/", "Redis.Example.com", 6379, null, null, 0, true),
        arguments("redis://scalelite_redis:6379", "scalelite_redis", 6379, null, null, 0, false),
        arguments("redis://[::1]:7000/1", "::1", 7000, null, null, 1, false),
        arguments("redis://10.0.0.5", "10.0.0.5", 6379, null, null, 0, false),
        arguments("redis://acl-user:@redis", "redis", 6379, "acl-user", null, 0, false),
        arguments("redis://@redis", "redis", 6379, null, null, 0, false),
        arguments("redis://:%C3%A9t%C3%A9+1@redis", "redis", 6379, null, "été+1", 0, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("redisUrls")
  void aRedisUrlIsTakenAsScaleliteTakesIt(String url, String host, int port, String username, String password,
      int database, boolean tls) {
    RedisConfig redis = read("switchboard.redis.url = \"" + url + "\"").redis();

    assertThat(redis.configured()).isTrue();
    assertThat(redis.host()).contains(host);
    assertThat(redis.port()).isEqualTo(port);
    assertThat(redis.username()).isEqualTo(Optional.ofNullable(username));
    assertThat(redis.password()).isEqualTo(Optional.ofNullable(password));
    assertThat(redis.database()).isEqualTo(database);
    assertThat(redis.tls()).isEqualTo(tls);
    assertThat(redis.sentinel()).isEmpty();
  }

  @Test
  void theSchemeIsKeptInLowerCaseSoThatClientsRecogniseIt() {
    assertThat(read("switchboard.redis.url = \"REDISS://:x@redis/1\"").redis().url())
        .contains(URI.create("rediss://:x@redis/1"));
    assertThat(read("switchboard.database.url = \"PostgreSQL://db/x\"").database().url())
        .contains(URI.create("postgresql://db/x"));
  }

  static Stream<Arguments> badRedisUrls() {
    return Stream.of(
        arguments("http://redis:6379", "\"http://redis:6379\"", REDIS_URL),
        arguments("unix:///var/run/redis.sock", "\"unix:///var/run/redis.sock\"", REDIS_URL),
        arguments("redis:redis:6379", "\"redis:redis:6379\"", REDIS_URL),
        arguments("redis.example.com:6379", "\"redis.example.com:6379\"", REDIS_URL),
        arguments("redis://", "\"redis://\"", REDIS_URL + "; " + ENCODE),
        arguments("redis://:p@ss@redis:6379", "\"redis://:<hidden>@redis:6379\"", REDIS_URL + "; " + ENCODE),
        arguments("redis://:pa/ss@redis", "\"redis://:<hidden>@redis\"", REDIS_URL),
        arguments("redis://:pa#ss@redis", "\"redis://:<hidden>@redis\"", REDIS_URL),
        arguments("redis://:pa ss@redis", "\"redis://:<hidden>@redis\"", REDIS_URL + "; " + ENCODE),
        arguments("redis://secret@redis", "\"redis://<hidden>@redis\"",
            "user:password or :password before the '@' (a user alone is ambiguous); " + ENCODE),
        arguments("redis://:secret@redis:abc", "\"redis://:<hidden>@redis:abc\"", REDIS_URL),
        arguments("redis://:secret@redis:0", "\"redis://:<hidden>@redis:0\"", REDIS_URL),
        arguments("redis://:secret@redis:65536", "\"redis://:<hidden>@redis:65536\"", REDIS_URL),
        arguments("redis://:secret@:6379", "\"redis://:<hidden>@:6379\"", REDIS_URL),
        arguments("redis://:secret@redis/db1", "\"redis://:<hidden>@redis/db1\"",
            "a database number after the host, e.g. redis://redis.example.com:6379/2"),
        arguments("redis://:secret@redis/1/2", "\"redis://:<hidden>@redis/1/2\"",
            "a database number after the host, e.g. redis://redis.example.com:6379/2"),
        arguments("redis://redis/0?timeout=5s", "\"redis://redis/0?timeout=5s\"", "no ?query in a Redis URL"),
        arguments("redis://redis/0?password=secret", "\"redis://redis/0?password=<hidden>\"",
            "no ?query in a Redis URL"),
        arguments("redis://redis#x", "\"redis://redis#x\"", "no #fragment in a redis:// or rediss:// URL"),
        arguments("redis://r1:6379,r2:6379", "\"redis://r1:6379,r2:6379\"",
            "one host; several sentinels need a redis-sentinel:// URL or switchboard.redis.sentinel"),
        arguments("redis-sentinel://:secret@s1,s2/0", "\"redis-sentinel://:<hidden>@s1,s2/0\"",
            "the sentinel master name after '#', e.g. redis-sentinel://s1:26379,s2:26379/0#mymaster"),
        arguments("redis-sentinel://s1#my%20master", "\"redis-sentinel://s1#my%20master\"",
            "a sentinel master name without whitespace, e.g. mymaster after '#'"),
        arguments("redis-sentinel://s1,,s2#m", "\"redis-sentinel://s1,,s2#m\"", REDIS_URL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRedisUrls")
  void aBadRedisUrlIsAOneLineErrorWithThePasswordHidden(String url, String shown, String expected) {
    assertThatThrownBy(() -> read("switchboard.redis.url = \"" + url + "\""))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.redis.url: " + shown + " (expected: " + expected + ")")
        .message().doesNotContain("secret", "p@ss", "pa/ss", "pa#ss", "pa ss");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("redisUrls")
  void aRedisUrlOutsideTheConfigurationIsTakenApartTheSameWay(String url, String host, int port, String username,
      String password, int database, boolean tls) {
    RedisUrl redis = RedisUrl.parse(URI.create(url), "uri");

    assertThat(redis).isEqualTo(new RedisUrl(URI.create(url.replaceFirst("^REDISS", "rediss")), host, port,
        Optional.ofNullable(username), Optional.ofNullable(password), database, tls));
    assertThat(redis.redacted()).doesNotContain("secret", "p%40ss");
  }

  @Test
  void aRedisUrlOutsideTheConfigurationIsRefusedInTheSameWordsUnderItsOwnName() {
    assertThatThrownBy(() -> RedisUrl.parse(URI.create("redis://:secret@redis:0"), "uri"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri: redis://:<hidden>@redis:0 (expected: " + REDIS_URL + ")");
    assertThatThrownBy(() -> RedisUrl.parse(URI.create("redis-sentinel://:secret@s1,s2/0#m"), "uri"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri: redis-sentinel://:<hidden>@s1,s2/0#m (expected: a redis:// or rediss:// URL; sentinels are "
            + "given apart from it)");
  }

  @Test
  void sentinelNodesAreAddressesWithoutBrackets() {
    SentinelConfig sentinel = new SentinelConfig("m", List.of("s1", "[::1]:26380", "s1:26379"), Optional.empty());

    assertThat(sentinel.addresses()).extracting(InetSocketAddress::getHostString, InetSocketAddress::getPort)
        .containsExactly(tuple("s1", 26379), tuple("::1", 26380));
  }

  @Test
  void aBadUrlInTheOperatorFileSaysWhereItIs() throws IOException {
    Path file = Files.writeString(directory.resolve("switchboard.conf"), """
        switchboard.api.secrets = [s]
        switchboard.redis.url = "redis://:secret@redis:port"
        """);

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.redis.url: \"redis://:<hidden>@redis:port\" (expected: " + REDIS_URL + "; in "
            + file + ":2)");
  }

  @Test
  void aUrlOfTheWrongTypeIsHiddenToo() {
    assertThatThrownBy(() -> read("switchboard.redis.url = [\"redis://:secret@redis\"]"))
        .hasMessage("switchboard.redis.url: <hidden> (expected: a string)");
    assertThatThrownBy(() -> read("switchboard.database.url = [secret]"))
        .hasMessage("switchboard.database.url: <hidden> (expected: a string)");
  }

  @Test
  void blankUrlsMeanNoStore() {
    SwitchboardConfig config = read("switchboard.redis.url = \"  \"\nswitchboard.database.url = \"\"");

    assertThat(config.redis().url()).isEmpty();
    assertThat(config.database().url()).isEmpty();
  }

  @Test
  void sentinelsNeedAMasterAndNodesAndGetTheDefaultPort() {
    Optional<SentinelConfig> sentinel = read("""
        switchboard.redis.sentinel {
          master = mymaster
          nodes = [" s1.example.com ", "s2.example.com:26380", "[fd00::2]", "s1.example.com:26379", "10.0.0.3:1"]
        }
        """).redis().sentinel();

    assertThat(sentinel).contains(new SentinelConfig("mymaster",
        List.of("s1.example.com:26379", "s2.example.com:26380", "[fd00::2]:26379", "10.0.0.3:1"), Optional.empty()));
  }

  @Test
  void sentinelsAloneConfigureRedisAndTheUrlAddsTheMastersCredentials() {
    RedisConfig alone = read("switchboard.redis.sentinel { master = mymaster, nodes = [s1] }").redis();
    RedisConfig withUrl = read("""
        switchboard.redis.url = "redis://app:secret@mymaster/4"
        switchboard.redis.sentinel { master = mymaster, nodes = [s1] }
        """).redis();

    assertThat(alone.configured()).isTrue();
    assertThat(alone.url()).isEmpty();
    assertThat(withUrl.sentinel()).isPresent();
    assertThat(withUrl.username()).contains("app");
    assertThat(withUrl.password()).contains("secret");
    assertThat(withUrl.database()).isEqualTo(4);
  }

  @Test
  void aRedisSentinelUrlBecomesTheSentinels() {
    RedisConfig redis = read("""
        switchboard.redis.url = "redis-sentinel://:secret@s1.example.com,s2.example.com:26380,s1.example.com/2#mymaster"
        switchboard.redis.sentinel.password = sentinel-secret
        """).redis();

    assertThat(redis.sentinel()).contains(new SentinelConfig("mymaster",
        List.of("s1.example.com:26379", "s2.example.com:26380"), Optional.of("sentinel-secret")));
    assertThat(redis.host()).isEmpty();
    assertThat(redis.password()).contains("secret");
    assertThat(redis.database()).isEqualTo(2);
    assertThat(redis.tls()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "sentinel.master = mymaster | switchboard.redis.sentinel.nodes: [] (expected: at least one sentinel, " + NODE
          + ", when master is set)",
      "sentinel.nodes = [s1] | switchboard.redis.sentinel.master: \"\" (expected: the master name the sentinels "
          + "monitor, e.g. mymaster, when nodes are set)",
      "sentinel.password = secret | switchboard.redis.sentinel.password: <hidden> (expected: a sentinel password only "
          + "with sentinel master and nodes)",
      "sentinel { master = \"my master\", nodes = [s1] } | switchboard.redis.sentinel.master: \"my master\" "
          + "(expected: a sentinel master name without whitespace, e.g. mymaster)",
      "sentinel { master = m, nodes = [\"s1:port\"] } | switchboard.redis.sentinel.nodes: [\"s1:port\"] "
          + "(expected: a list of " + NODE + ")",
      "sentinel { master = m, nodes = [\"::1\"] } | switchboard.redis.sentinel.nodes: [\"::1\"] (expected: a list "
          + "of " + NODE + ")",
      "sentinel { master = m, nodes = [\"\"] } | switchboard.redis.sentinel.nodes: [\"\"] (expected: a list of "
          + NODE + ")",
      "sentinel { master = m, nodes = s1 } | switchboard.redis.sentinel.nodes: \"s1\" (expected: a list of " + NODE
          + ")",
  })
  void aHalfConfiguredSentinelIsAnError(String hocon, String message) {
    assertThatThrownBy(() -> read("switchboard.redis." + hocon))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message);
  }

  @Test
  void aRedisSentinelUrlAndSentinelsInTheSectionAreAnError() {
    String both = "(expected: either a redis-sentinel:// url or sentinel master and nodes, not both)";
    String url = "switchboard.redis.url = \"redis-sentinel://s1#m\"\n";

    assertThatThrownBy(() -> read(url + "switchboard.redis.sentinel.master = m"))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.redis.sentinel.master: \"m\" " + both);
    assertThatThrownBy(() -> read(url + "switchboard.redis.sentinel.nodes = [s2]"))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.redis.sentinel.nodes: [\"s2\"] " + both);
    assertThatThrownBy(() -> load(Map.of("REDIS_URL", "redis-sentinel://s1#m", "REDIS_SENTINEL_NODES", "s1")))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.redis.sentinel.nodes: [\"s1\"] " + both);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "namespace = \"my app\" | switchboard.redis.namespace: \"my app\" (expected: a key prefix without whitespace; "
          + "\"\" = none)",
      "command-timeout = 0 | switchboard.redis.command-timeout: 0 (expected: a positive duration with a unit, e.g. "
          + "10s, 500ms or 15m)",
      "command-timeout = 5 | switchboard.redis.command-timeout: 5 (expected: a positive duration with a unit, e.g. "
          + "10s, 500ms or 15m)",
      "load-cache-staleness = -1s | switchboard.redis.load-cache-staleness: \"-1s\" (expected: a duration >= 0 with "
          + "a unit, e.g. 10s, 500ms or 15m)",
      "load-cache-staleness = 500 | switchboard.redis.load-cache-staleness: 500 (expected: a duration >= 0 with a "
          + "unit, e.g. 10s, 500ms or 15m)",
      "lease-ttl = 0s | switchboard.redis.lease-ttl: \"0s\" (expected: a positive duration with a unit, e.g. 10s, "
          + "500ms or 15m)",
      "lease-ttl = soon | switchboard.redis.lease-ttl: \"soon\" (expected: a positive duration with a unit, e.g. "
          + "10s, 500ms or 15m)",
      "pool = 5 | switchboard.redis.pool: unknown key (expected: one of command-timeout, lease-ttl, "
          + "load-cache-staleness, namespace, sentinel, url)",
      "sentinel.port = 1 | switchboard.redis.sentinel.port: unknown key (expected: one of master, nodes, password)",
  })
  void badRedisValuesAreOneLineErrors(String hocon, String message) {
    assertThatThrownBy(() -> read("switchboard.redis." + hocon))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message);
  }

  @Test
  void anEmptyNamespaceMeansKeysWithoutAPrefix() {
    RedisConfig redis = read("switchboard.redis.namespace = \"\"").redis();

    assertThat(redis.namespace()).isEmpty();
    assertThat(redis.keyPrefix()).isEmpty();
  }

  static Stream<Arguments> databaseUrls() {
    return Stream.of(
        arguments("postgres://scalelite:secret@db.example.com:5433/scalelite_prod", "db.example.com", 5433,
            "scalelite_prod", "scalelite", "secret", Map.of()),
        arguments("postgresql://db", "db", 5432, "scalelite", null, null, Map.of()),
        arguments("postgres://db/", "db", 5432, "scalelite", null, null, Map.of()),
        arguments("postgres://postgres@127.0.0.1/test", "127.0.0.1", 5432, "test", "postgres", null, Map.of()),
        arguments("postgres://u%40corp:p%40ss%2Fw@pg_primary:6432/my%20db?sslmode=require&application_name=sb%201",
            "pg_primary", 6432, "my db", "u@corp", "p@ss/w", Map.of("sslmode", "require", "application_name",
                "sb 1")),
        arguments("postgres://[2001:db8::1]:5432/x", "2001:db8::1", 5432, "x", null, null, Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databaseUrls")
  void aDatabaseUrlIsTakenAsScaleliteTakesIt(String url, String host, int port, String name, String username,
      String password, Map<String, String> parameters) {
    DatabaseConfig database = read("switchboard.database.url = \"" + url + "\"").database();

    assertThat(database.configured()).isTrue();
    assertThat(database.host()).contains(host);
    assertThat(database.port()).isEqualTo(port);
    assertThat(database.database()).isEqualTo(name);
    assertThat(database.username()).isEqualTo(Optional.ofNullable(username));
    assertThat(database.password()).isEqualTo(Optional.ofNullable(password));
    assertThat(database.parameters()).isEqualTo(parameters);
  }

  static Stream<Arguments> badDatabaseUrls() {
    return Stream.of(
        arguments("mysql://u:secret@db/x", "\"mysql://u:<hidden>@db/x\"", DATABASE_URL),
        arguments("postgres:///scalelite", "\"postgres:///scalelite\"", DATABASE_URL),
        arguments("postgres://u:secret@/scalelite", "\"postgres://u:<hidden>@/scalelite\"", DATABASE_URL),
        arguments("postgres://u:secret@db:99999/x", "\"postgres://u:<hidden>@db:99999/x\"", DATABASE_URL),
        arguments("postgres://u:sec@ret@db/x", "\"postgres://u:<hidden>@db/x\"", DATABASE_URL + "; " + ENCODE),
        arguments("postgres://u:sec#ret@db/x", "\"postgres://u:<hidden>@db/x\"", DATABASE_URL),
        arguments("postgres://u:secret@db1,db2/x", "\"postgres://u:<hidden>@db1,db2/x\"",
            "one host in a PostgreSQL URL"),
        arguments("postgres://u:secret@db/x/y", "\"postgres://u:<hidden>@db/x/y\"",
            "a database name after the host, e.g. postgres://db.example.com/scalelite"),
        arguments("postgres://db/x?password=secret", "\"postgres://db/x?password=<hidden>\"",
            "the password in the userinfo, postgres://user:password@host/db, not in the query"),
        arguments("postgres://db/x?sslmode=require&user=u", "\"postgres://db/x?sslmode=require&user=u\"",
            "the user in the userinfo, postgres://user:password@host/db, not in the query"),
        arguments("postgres://db/x?sslmode", "\"postgres://db/x?sslmode\"",
            "name=value query parameters separated by '&', e.g. ?sslmode=require"),
        arguments("postgres://u:secret@db/x#y", "\"postgres://u:<hidden>@db/x#y\"",
            "no #fragment in a PostgreSQL URL; " + ENCODE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDatabaseUrls")
  void aBadDatabaseUrlIsAOneLineErrorWithThePasswordHidden(String url, String shown, String expected) {
    assertThatThrownBy(() -> read("switchboard.database.url = \"" + url + "\""))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.database.url: " + shown + " (expected: " + expected + ")")
        .message().doesNotContain("secret", "sec@ret", "sec#ret");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "pool-size = 0 | switchboard.database.pool-size: 0 (expected: a positive integer)",
      "pool-size = 2.5 | switchboard.database.pool-size: 2.5 (expected: a positive integer)",
      "prepared-statements = maybe | switchboard.database.prepared-statements: \"maybe\" (expected: true or false)",
      "max-threads = 3 | switchboard.database.max-threads: unknown key (expected: one of pool-size, "
          + "prepared-statements, url)",
  })
  void badDatabaseValuesAreOneLineErrors(String hocon, String message) {
    assertThatThrownBy(() -> read("switchboard.database." + hocon))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message);
  }

  @Test
  void theVariablesSetTheStores() {
    SwitchboardConfig config = load(Map.of(
        "REDIS_URL", " rediss://:secret@redis.example.com:6380/1 ",
        "REDIS_NAMESPACE", " sb_prod ",
        "REDIS_SENTINEL_MASTER", " mymaster ",
        "REDIS_SENTINEL_NODES", "s1.example.com:26379, ,s2.example.com,",
        "REDIS_SENTINEL_PASSWORD", " sentinel secret ",
        "DATABASE_URL", "postgres://sb:db-secret@db.example.com/sb",
        "PREPARED_STATEMENT", "false"));

    assertThat(config.redis().url()).contains(URI.create("rediss://:secret@redis.example.com:6380/1"));
    assertThat(config.redis().namespace()).isEqualTo("sb_prod");
    assertThat(config.redis().sentinel()).contains(new SentinelConfig("mymaster",
        List.of("s1.example.com:26379", "s2.example.com:26379"), Optional.of(" sentinel secret ")));
    assertThat(config.database().url()).contains(URI.create("postgres://sb:db-secret@db.example.com/sb"));
    assertThat(config.database().preparedStatements()).isFalse();
  }

  @Test
  void theVariablesOverrideTheOperatorFile() throws IOException {
    Path file = Files.writeString(directory.resolve("switchboard.conf"), """
        switchboard.api.secrets = [s]
        switchboard.redis { url = "redis://file-redis", namespace = file, sentinel.nodes = [f1, f2] }
        switchboard.database { url = "postgres://file-db/x", prepared-statements = true }
        """);

    SwitchboardConfig config = ConfigLoader.load(Optional.of(file), Map.of("REDIS_URL", "redis://env-redis",
        "REDIS_NAMESPACE", "env", "REDIS_SENTINEL_MASTER", "m", "REDIS_SENTINEL_NODES", "e1",
        "DATABASE_URL", "postgres://env-db/y", "PREPARED_STATEMENT", "off"));

    assertThat(config.redis().host()).contains("env-redis");
    assertThat(config.redis().namespace()).isEqualTo("env");
    assertThat(config.redis().sentinel().orElseThrow().nodes()).containsExactly("e1:26379");
    assertThat(config.database().host()).contains("env-db");
    assertThat(config.database().preparedStatements()).isFalse();
  }

  @ParameterizedTest(name = "PREPARED_STATEMENT={0} -> {1}")
  @CsvSource({
      "false, false",
      "FALSE, false",
      "' False ', false",
      "no, false",
      "Off, false",
      "true, true",
      "0, true",
      "disabled, true",
  })
  void preparedStatementsAreOffOnlyForTheWordsScalelitesYamlReadsAsFalse(String value, boolean expected) {
    assertThat(load(Map.of("PREPARED_STATEMENT", value)).database().preparedStatements()).isEqualTo(expected);
  }

  @Test
  void blankVariablesAreUnset() {
    SwitchboardConfig config = load(Map.of("REDIS_URL", " ", "REDIS_NAMESPACE", "", "REDIS_SENTINEL_MASTER", " ",
        "REDIS_SENTINEL_NODES", "", "REDIS_SENTINEL_PASSWORD", "", "DATABASE_URL", " ", "PREPARED_STATEMENT", " "));

    assertThat(config.redis()).isEqualTo(embeddedRedis());
    assertThat(config.database()).isEqualTo(embeddedDatabase());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "REDIS_URL | redis://:secret@redis:abc | REDIS_URL: redis://:<hidden>@redis:abc (expected: " + REDIS_URL + ")",
      "REDIS_URL | redis.example.com:6379 | REDIS_URL: redis.example.com:6379 (expected: " + REDIS_URL + ")",
      "REDIS_URL | http://:secret@redis | REDIS_URL: http://:<hidden>@redis (expected: " + REDIS_URL + ")",
      "REDIS_URL | redis://sec@ret@redis | REDIS_URL: redis://<hidden>@redis (expected: " + REDIS_URL + "; " + ENCODE
          + ")",
      "DATABASE_URL | postgres://u:secret@db:x/y | DATABASE_URL: postgres://u:<hidden>@db:x/y (expected: "
          + DATABASE_URL + ")",
      "DATABASE_URL | postgres://db/y?password=secret&sslmode=require | DATABASE_URL: "
          + "postgres://db/y?password=<hidden>&sslmode=require (expected: the password in the userinfo, "
          + "postgres://user:password@host/db, not in the query)",
      "REDIS_SENTINEL_NODES | s1:26379,s2:x | REDIS_SENTINEL_NODES: s1:26379,s2:x (expected: comma-separated " + NODE
          + ")",
      "REDIS_SENTINEL_MASTER | mymaster | switchboard.redis.sentinel.nodes: [] (expected: at least one sentinel, "
          + NODE + ", when master is set)",
      "REDIS_SENTINEL_NODES | s1 | switchboard.redis.sentinel.master: \"\" (expected: the master name the sentinels "
          + "monitor, e.g. mymaster, when nodes are set)",
      "REDIS_SENTINEL_PASSWORD | secret | switchboard.redis.sentinel.password: <hidden> (expected: a sentinel "
          + "password only with sentinel master and nodes)",
      "REDIS_NAMESPACE | my app | switchboard.redis.namespace: \"my app\" (expected: a key prefix without "
          + "whitespace; \"\" = none)",
  })
  void aBadVariableIsAOneLineErrorWithThePasswordHidden(String variable, String value, String message) {
    assertThatThrownBy(() -> load(Map.of(variable, value)))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message);
  }

  @Test
  void toStringHidesEveryPassword() {
    SwitchboardConfig config = load(Map.of(
        "REDIS_URL", "redis://app:redis-secret@redis/1",
        "REDIS_SENTINEL_MASTER", "mymaster",
        "REDIS_SENTINEL_NODES", "s1",
        "REDIS_SENTINEL_PASSWORD", "sentinel-secret",
        "DATABASE_URL", "postgres://sb:db-secret@db/sb?sslmode=require"));

    assertThat(config.toString()).doesNotContain("redis-secret", "sentinel-secret", "db-secret", "lb-secret");
    assertThat(config.redis().toString()).isEqualTo("RedisConfig[url=Optional[redis://app:<hidden>@redis/1], "
        + "namespace=scalelite, sentinel=Optional[SentinelConfig[masterName=mymaster, nodes=[s1:26379], "
        + "password=<hidden>]], commandTimeout=PT5S, loadCacheStaleness=PT0.5S, leaseTtl=PT30S]");
    assertThat(config.database().toString()).isEqualTo("DatabaseConfig[url=Optional[postgres://sb:<hidden>@db/sb"
        + "?sslmode=require], poolSize=8, preparedStatements=true]");
    assertThat(new RedisConfig(Optional.of(URI.create("redis://:s3cret@redis")), "", Optional.empty(),
        Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1)).toString())
        .startsWith("RedisConfig[url=Optional[redis://:<hidden>@redis], namespace=, sentinel=Optional.empty, ");
    assertThat(new SentinelConfig("m", List.of("s1"), Optional.empty()).toString())
        .isEqualTo("SentinelConfig[masterName=m, nodes=[s1:26379], password=none]");
    assertThat(new DatabaseConfig(Optional.of(URI.create("postgres://postgres@db")), 1, true).toString())
        .isEqualTo("DatabaseConfig[url=Optional[postgres://postgres@db], poolSize=1, preparedStatements=true]");
  }

  @Test
  void theRecordsRefuseWhatTheConfigurationWouldRefuse() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new RedisConfig(Optional.of(URI.create("redis://:s3cret@redis:0")), "sb",
        Optional.empty(), second, Duration.ZERO, second))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url: redis://:<hidden>@redis:0 (expected: " + REDIS_URL + ")");
    assertThatThrownBy(() -> new RedisConfig(Optional.empty(), "a b", Optional.empty(), second, Duration.ZERO,
        second))
        .hasMessage("namespace: \"a b\" (expected: a key prefix without whitespace; \"\" = none)");
    assertThatThrownBy(() -> new RedisConfig(Optional.empty(), "", Optional.empty(), Duration.ZERO, Duration.ZERO,
        second))
        .hasMessage("commandTimeout: PT0S (expected: > 0)");
    assertThatThrownBy(() -> new RedisConfig(Optional.empty(), "", Optional.empty(), second, Duration.ofMillis(-1),
        second))
        .hasMessage("loadCacheStaleness: PT-0.001S (expected: >= 0)");
    assertThatThrownBy(() -> new RedisConfig(Optional.empty(), "", Optional.empty(), second, Duration.ZERO,
        Duration.ZERO))
        .hasMessage("leaseTtl: PT0S (expected: > 0)");
    assertThatThrownBy(() -> new RedisConfig(Optional.of(URI.create("redis-sentinel://s1,s2#m")), "",
        Optional.of(new SentinelConfig("m", List.of("s1"), Optional.empty())), second, Duration.ZERO, second))
        .hasMessageStartingWith("sentinel: Optional[SentinelConfig[masterName=m, nodes=[s1:26379], password=none]] "
            + "(expected: the master and nodes of the redis-sentinel url)");
    assertThatThrownBy(() -> new SentinelConfig(" ", List.of("s1"), Optional.empty()))
        .hasMessage("masterName: \" \" (expected: a sentinel master name without whitespace, e.g. mymaster)");
    assertThatThrownBy(() -> new SentinelConfig("m", List.of(), Optional.empty()))
        .hasMessage("nodes: [] (expected: at least one sentinel, " + NODE + ")");
    assertThatThrownBy(() -> new SentinelConfig("m", List.of("s1:"), Optional.empty()))
        .hasMessage("nodes: [s1:] (expected: a list, each " + NODE + ")");
    assertThatThrownBy(() -> new SentinelConfig("m", List.of("s1"), Optional.of("")))
        .hasMessage("password: <hidden> (expected: a non-empty password, or none)");
    assertThatThrownBy(() -> new DatabaseConfig(Optional.of(URI.create("postgres://u:s3cret@db/a/b")), 1, true))
        .hasMessage("url: postgres://u:<hidden>@db/a/b (expected: a database name after the host, e.g. "
            + "postgres://db.example.com/scalelite)");
    assertThatThrownBy(() -> new DatabaseConfig(Optional.empty(), 0, true))
        .hasMessage("poolSize: 0 (expected: >= 1)");
  }

  @Test
  void theRecordsNormalizeSchemesAndSentinelNodes() {
    Duration second = Duration.ofSeconds(1);
    RedisConfig redis = new RedisConfig(Optional.of(URI.create("Redis-Sentinel://s1,s2:26379#m")), "",
        Optional.of(new SentinelConfig("m", List.of("s1", "s2:26379", "s1:26379"), Optional.empty())), second,
        Duration.ZERO, second);

    assertThat(redis.url()).contains(URI.create("redis-sentinel://s1,s2:26379#m"));
    assertThat(redis.sentinel().orElseThrow().nodes()).containsExactly("s1:26379", "s2:26379");
    assertThat(new DatabaseConfig(Optional.of(URI.create("POSTGRES://db")), 1, false).url())
        .contains(URI.create("postgres://db"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"REDIS_POOL", "RAILS_MAX_THREADS"})
  void scalelitesPoolSizesAreNotRead(String variable) {
    SwitchboardConfig config = load(Map.of(variable, "50"));

    assertThat(config.database().poolSize()).isEqualTo(8);
    assertThat(config.redis()).isEqualTo(embeddedRedis());
  }

  private static SwitchboardConfig read(String hocon) {
    return SwitchboardConfig.from(ConfigFactory.parseString("switchboard.api.secrets = [lb-secret]\n" + hocon)
        .withFallback(ConfigFactory.defaultReference())
        .resolve());
  }

  private static SwitchboardConfig load(Map<String, String> environment) {
    Map<String, String> withSecret = new HashMap<>(environment);
    withSecret.putIfAbsent("LOADBALANCER_SECRET", "lb-secret");
    return ConfigLoader.load(Optional.empty(), withSecret);
  }
}
