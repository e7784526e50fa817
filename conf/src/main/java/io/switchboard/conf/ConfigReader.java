package io.switchboard.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the {@code switchboard} tree of a resolved configuration into the records, one section at a time. Every
 * failure is a {@link ConfigError} naming the full key, the value as written and where it was written.
 */
final class ConfigReader {
  private static final String ROOT = "switchboard";
  private static final String SECRETS = "secrets";
  private static final String HIDDEN = "<hidden>";
  private static final String ALGORITHMS =
      oneOf(Arrays.stream(ChecksumAlgorithm.values()).map(ChecksumAlgorithm::name).toList());
  // Objects whose keys the operator chooses, so reference.conf cannot list them.
  private static final Set<String> OPEN_OBJECTS = Set.of("servers", "tenants.recordings-dirs", "logging.levels", "rewrite.default-create-params",
      "rewrite.override-create-params", "rewrite.default-join-params", "rewrite.override-join-params");
  private static final Set<String> SERVER_KEYS = Set.of("url", "secret", "enabled", "load-multiplier", "tag", "tags");
  private static final boolean DEFAULT_ENABLED = true;
  private static final double DEFAULT_LOAD_MULTIPLIER = 1.0;
  private static final String DIRECTORY = "a directory path, absolute or relative to the working directory";
  private static final String TLS_PAIR = "set both certificate-chain and private-key, or neither for plain HTTP";
  private static final int SIGNING_KEY_BYTES = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The full path of this section, for messages; empty at the root. */
  private final String prefix;
  private final Config config;

  private ConfigReader(String prefix, Config config) {
    this.prefix = prefix;
    this.config = config;
  }

  static SwitchboardConfig read(Config root) {
    ConfigReader switchboard = new ConfigReader("", root).section(ROOT);
    switchboard.rejectKeysUnknownTo(ConfigFactory.defaultReference().getConfig(ROOT));
    ApiConfig api = api(switchboard.section("api"));
    RewriteConfig rewrite = rewrite(switchboard.section("rewrite"));
    SwitchboardConfig config = new SwitchboardConfig(
        http(switchboard.section("http")),
        api,
        rewrite,
        upstream(switchboard.section("upstream")),
        poller(switchboard.section("poller")),
        servers(switchboard.section("servers")),
        switchboard.bool("server-id-is-hostname"),
        recordings(switchboard.section("recordings")),
        redis(switchboard.section("redis")),
        database(switchboard.section("database")),
        tenants(switchboard.section("tenants")),
        metrics(switchboard.section("metrics")),
        statusPage(switchboard.section("status-page")),
        logging(switchboard.section("logging")),
        dialIn(switchboard.section("dial-in"), api, rewrite),
        shutdown(switchboard.section("shutdown")));
    switchboard.section("tenants").section("recordings-dirs")
        .rejectDirectoryConflict(tenantDirectoryConflict(config));
    return config;
  }

  /** A tenant's recordings directory overlapping another recordings directory; names as the operator writes them. */
  private static Optional<Checks.DirectoryConflict> tenantDirectoryConflict(SwitchboardConfig config) {
    RecordingsConfig recordings = config.recordings();
    String prefix = ROOT + ".recordings.";
    return Checks.tenantDirectoryConflict(config.tenants().recordingsDirs(),
        new Checks.NamedPath(prefix + "spool-dir", recordings.spoolDir()),
        new Checks.NamedPath(prefix + "work-dir", recordings.workDir()),
        new Checks.NamedPath(prefix + "publish-dir", recordings.publishDir()),
        new Checks.NamedPath(prefix + "unpublish-dir", recordings.unpublishDir()),
        new Checks.NamedPath(prefix + "failed-dir", recordings.failedDir()),
        recordings.playerDir().map(dir -> new Checks.NamedPath(prefix + "player-dir", dir)));
  }

  private static ShutdownConfig shutdown(ConfigReader shutdown) {
    return new ShutdownConfig(shutdown.duration("grace-period", true));
  }

  private static HttpConfig http(ConfigReader http) {
    return new HttpConfig(
        http.nonBlankString("bind-address"),
        http.integer("port", 0, 65535, "a port number 0..65535"),
        http.size("max-initial-line-length"),
        http.size("max-header-size"),
        http.size("max-content-length"),
        http.duration("idle-timeout", false),
        tls(http.section("tls")));
  }

  /** Both files or neither; each must be readable now, so that a typo fails at startup, not at the first handshake. */
  private static Optional<TlsConfig> tls(ConfigReader tls) {
    boolean chain = !tls.get("certificate-chain", "a string", Config::getString).isBlank();
    boolean key = !tls.get("private-key", "a string", Config::getString).isBlank();
    if (!chain && !key) {
      return Optional.empty();
    }
    if (!chain) {
      throw tls.invalid("certificate-chain", "the PEM certificate chain of private-key; " + TLS_PAIR);
    }
    if (!key) {
      throw tls.invalid("private-key", "the PEM private key of certificate-chain; " + TLS_PAIR);
    }
    return Optional.of(new TlsConfig(
        tls.readableFile("certificate-chain", "a readable PEM certificate chain file"),
        tls.readableFile("private-key", "a readable PEM private key file")));
  }

  private static RecordingsConfig recordings(ConfigReader recordings) {
    String modes = "spool or shared-volume";
    ImportMode importMode = ImportMode.parse(recordings.get("import-mode", modes, Config::getString))
        .orElseThrow(() -> recordings.invalid("import-mode", modes));
    Path spoolDir = recordings.path("spool-dir");
    Path workDir = recordings.path("work-dir");
    Path publishDir = recordings.path("publish-dir");
    Path unpublishDir = recordings.path("unpublish-dir");
    Path failedDir = recordings.optionalPath("failed-dir").orElseGet(() -> spoolDir.resolve("failed"));
    Optional<Path> playerDir = recordings.optionalPath("player-dir");
    recordings.rejectDirectoryConflict(Checks.directoryConflict(
        new Checks.NamedPath("spool-dir", spoolDir), new Checks.NamedPath("work-dir", workDir),
        new Checks.NamedPath("publish-dir", publishDir), new Checks.NamedPath("unpublish-dir", unpublishDir),
        new Checks.NamedPath("failed-dir", failedDir),
        playerDir.map(dir -> new Checks.NamedPath("player-dir", dir))));
    String formats = "a list of " + Checks.PLAYBACK_FORMAT;
    List<String> playbackFormats = recordings.get("playback-formats", formats, Config::getStringList);
    if (!playbackFormats.stream().allMatch(Checks::isPlaybackFormat)) {
      throw recordings.invalid("playback-formats", formats);
    }
    return new RecordingsConfig(
        recordings.bool("enabled"),
        importMode,
        spoolDir,
        workDir,
        publishDir,
        unpublishDir,
        failedDir,
        recordings.bool("import-unpublished"),
        recordings.duration("import-poll-interval", false),
        playbackFormats,
        playerDir,
        recordings.bool("get-recordings-filtered"),
        recordings.integer("max-page-size", 1, Integer.MAX_VALUE, "a positive integer"),
        importLimits(recordings.section("import-limits")),
        protection(recordings.section("protected")));
  }

  private static ImportLimits importLimits(ConfigReader limits) {
    return new ImportLimits(
        limits.longSize("max-total-bytes"),
        limits.longSize("max-entry-bytes"),
        limits.integer("max-entries", 1, Integer.MAX_VALUE, "a positive integer"));
  }

  /** A blank signing key is replaced by a random one: cookies then last as long as this process. */
  private static ProtectedRecordingsConfig protection(ConfigReader protection) {
    String signingKey = protection.get("signing-key", "a string", Config::getString, true);
    return new ProtectedRecordingsConfig(
        protection.bool("enabled"),
        protection.duration("token-timeout", false),
        protection.duration("cookie-timeout", false),
        signingKey.isBlank() ? randomSigningKey() : signingKey);
  }

  /** 64 random bytes in lower-case hex, as {@code openssl rand -hex 64} makes a Rails SECRET_KEY_BASE. */
  private static String randomSigningKey() {
    byte[] key = new byte[SIGNING_KEY_BYTES];
    RANDOM.nextBytes(key);
    return HexFormat.of().formatHex(key);
  }

  private static RedisConfig redis(ConfigReader redis) {
    Optional<StoreUrls.Parsed> url = redis.storeUrl("url", StoreUrls::redis, false);
    String namespace = redis.string("namespace");
    if (!StoreUrls.isNamespace(namespace)) {
      throw redis.invalid("namespace", StoreUrls.NAMESPACE);
    }
    return new RedisConfig(
        url.map(StoreUrls.Parsed::uri),
        namespace,
        sentinel(redis.section("sentinel"), url.filter(parsed -> StoreUrls.REDIS_SENTINEL.equals(parsed.scheme()))),
        redis.duration("command-timeout", false),
        redis.duration("load-cache-staleness", true),
        redis.duration("lease-ttl", false));
  }

  /**
   * The sentinels of a {@code redis-sentinel://} URL, or of this section when both master and nodes are set; the
   * section's password applies to either. Any other combination is a mistake the operator must hear about.
   */
  private static Optional<SentinelConfig> sentinel(ConfigReader sentinel, Optional<StoreUrls.Parsed> sentinelUrl) {
    String master = sentinel.string("master");
    String nodesExpected = "a list of " + StoreUrls.NODE;
    List<String> nodes = sentinel.get("nodes", nodesExpected, Config::getStringList);
    Optional<String> password = Optional.of(sentinel.get("password", "a string", Config::getString, true))
        .filter(given -> !given.isEmpty());
    if (sentinelUrl.isPresent()) {
      String both = "either a redis-sentinel:// url or sentinel master and nodes, not both";
      if (!master.isBlank()) {
        throw sentinel.invalid("master", both);
      }
      if (!nodes.isEmpty()) {
        throw sentinel.invalid("nodes", both);
      }
      return Optional.of(new SentinelConfig(sentinelUrl.get().fragment().orElseThrow(),
          sentinelUrl.get().hosts().stream().map(StoreUrls.HostPort::text).toList(), password));
    }
    if (master.isBlank() && nodes.isEmpty()) {
      if (password.isPresent()) {
        throw sentinel.invalid("password", "a sentinel password only with sentinel master and nodes", true);
      }
      return Optional.empty();
    }
    if (master.isBlank()) {
      throw sentinel.invalid("master", "the master name the sentinels monitor, e.g. mymaster, when nodes are set");
    }
    if (!StoreUrls.isMaster(master)) {
      throw sentinel.invalid("master", StoreUrls.MASTER);
    }
    if (nodes.isEmpty()) {
      throw sentinel.invalid("nodes", "at least one sentinel, " + StoreUrls.NODE + ", when master is set");
    }
    try {
      return Optional.of(new SentinelConfig(master, StoreUrls.sentinelNodes(nodes), password));
    } catch (StoreUrls.Rejected e) {
      throw sentinel.invalid("nodes", nodesExpected);
    }
  }

  private static DatabaseConfig database(ConfigReader database) {
    return new DatabaseConfig(
        database.storeUrl("url", StoreUrls::database, true).map(StoreUrls.Parsed::uri),
        database.integer("pool-size", 1, Integer.MAX_VALUE, "a positive integer"),
        database.bool("prepared-statements"));
  }

  private static ApiConfig api(ConfigReader api) {
    String urlHost = api.string("url-host");
    if (urlHost.contains("/")) {
      throw api.invalid("url-host", "a host name such as sb.example.com, not a URL; \"\" accepts any host");
    }
    return new ApiConfig(
        api.secrets(),
        api.algorithms("accepted-checksum-algorithms"),
        api.algorithm("outbound-checksum-algorithm"),
        urlHost,
        api.string("build-number"),
        api.bool("get-meetings-disabled"));
  }

  private static RewriteConfig rewrite(ConfigReader rewrite) {
    Duration maxMeetingDuration = rewrite.duration("max-meeting-duration", true);
    if (!Checks.isWholeMinutes(maxMeetingDuration)) {
      throw rewrite.invalid("max-meeting-duration", "whole minutes, e.g. 120m; 0 = off");
    }
    return new RewriteConfig(
        maxMeetingDuration,
        new LinkedHashSet<>(rewrite.strings("create-exclude-params")),
        new LinkedHashSet<>(rewrite.strings("join-exclude-params")),
        rewrite.section("default-create-params").stringMap(),
        rewrite.section("override-create-params").stringMap(),
        rewrite.section("default-join-params").stringMap(),
        rewrite.section("override-join-params").stringMap(),
        rewrite.integer("voice-bridge-length", 1, Integer.MAX_VALUE, "a positive number of digits"),
        rewrite.bool("use-external-voice-bridge"),
        rewrite.duration("meeting-ttl", false));
  }

  private static UpstreamConfig upstream(ConfigReader upstream) {
    return new UpstreamConfig(
        upstream.duration("connect-timeout", false),
        upstream.duration("response-timeout", false),
        upstream.integer("max-connections-per-server", 1, Integer.MAX_VALUE, "a positive integer"));
  }

  private static PollerConfig poller(ConfigReader poller) {
    return new PollerConfig(
        poller.duration("interval", false),
        poller.integer("healthy-threshold", 1, Integer.MAX_VALUE, "a positive integer"),
        poller.integer("unhealthy-threshold", 1, Integer.MAX_VALUE, "a positive integer"),
        poller.duration("wait-timeout", false),
        poller.integer("load-min-user-count", 0, Integer.MAX_VALUE, "a non-negative integer"),
        poller.duration("load-join-buffer-time", true));
  }

  private static MetricsConfig metrics(ConfigReader metrics) {
    String password = metrics.get("password", "a string", Config::getString, true);
    String pathExpected = "an absolute path such as /metrics";
    String path = metrics.get("path", pathExpected, Config::getString);
    if (!MetricsConfig.isPath(path)) {
      throw metrics.invalid("path", pathExpected);
    }
    return new MetricsConfig(
        metrics.bool("enabled"),
        path,
        metrics.integer("port", 0, 65535, "a port number 0..65535 (0 = the main listener)"),
        metrics.string("username"),
        Optional.of(password).filter(given -> !given.isEmpty()));
  }

  private static StatusPageConfig statusPage(ConfigReader statusPage) {
    String password = statusPage.get("password", "a string", Config::getString, true);
    return new StatusPageConfig(Optional.of(password).filter(given -> !given.isEmpty()));
  }

  private static LoggingConfig logging(ConfigReader logging) {
    String formats = "text or json";
    LoggingConfig.Format format = LoggingConfig.Format.parse(logging.string("format"))
        .orElseThrow(() -> logging.invalid("format", formats));
    String levelNames = "one of TRACE, DEBUG, INFO, WARN, ERROR, OFF";
    LoggingConfig.Level level = LoggingConfig.Level.parse(logging.string("level"))
        .orElseThrow(() -> logging.invalid("level", levelNames));
    ConfigReader levels = logging.section("levels");
    Map<String, LoggingConfig.Level> byLogger = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> entry : levels.config.entrySet()) {
      // Quoted ("io.netty") and unquoted (io.netty, nested objects in HOCON) logger names read the same.
      String logger = String.join(".", ConfigUtil.splitPath(entry.getKey()));
      String text = entry.getValue().valueType() == ConfigValueType.STRING ? (String) entry.getValue().unwrapped() : "";
      byLogger.put(logger, LoggingConfig.Level.parse(text)
          .orElseThrow(() -> new ConfigError(levels.prefix + "." + entry.getKey(),
              entry.getValue().render(ConfigRenderOptions.concise()), levelNames)));
    }
    return new LoggingConfig(format, logging.bool("api-calls"), level, byLogger);
  }

  private static TenantsConfig tenants(ConfigReader tenants) {
    ConfigReader dirs = tenants.section("recordings-dirs");
    Map<String, Path> recordingsDirs = new LinkedHashMap<>();
    for (String name : new TreeSet<>(dirs.config.root().keySet())) {
      if (!Checks.isTenantName(name)) {
        throw new ConfigError(dirs.child(name), "\"" + name + "\"", Checks.TENANT_NAME);
      }
      recordingsDirs.put(name, dirs.path(name));
    }
    return new TenantsConfig(tenants.bool("enabled"), recordingsDirs);
  }

  /** The servers of {@code servers}, an object in the syntax of {@code switchboard.servers} found at {@code path}. */
  static List<ServerConfig> servers(String path, Config servers) {
    return servers(new ConfigReader(path, servers));
  }

  /**
   * An empty password is the first load-balancer secret and an empty max-duration the meetings' own cap, as Scalelite
   * defaults {@code FSAPI_PASSWORD} and {@code FSAPI_MAX_DURATION}.
   */
  private static DialInConfig dialIn(ConfigReader dialIn, ApiConfig api, RewriteConfig rewrite) {
    boolean authenticate = dialIn.bool("authenticate");
    String password = dialIn.get("password", "a string", Config::getString, true);
    String lengthExpected = "a positive number of digits";
    int minLength = dialIn.integer("voice-bridge-min-length", 1, Integer.MAX_VALUE, lengthExpected);
    int maxLength = dialIn.integer("voice-bridge-max-length", 1, Integer.MAX_VALUE, lengthExpected);
    if (maxLength < minLength) {
      throw dialIn.invalid("voice-bridge-max-length", "at least voice-bridge-min-length (" + minLength + ")");
    }
    Duration maxDuration = rewrite.maxMeetingDuration();
    if (!dialIn.get("max-duration", "a duration", Config::getString).isBlank()) {
      maxDuration = dialIn.duration("max-duration", true);
      if (maxDuration.getNano() != 0) {
        throw dialIn.invalid("max-duration", "whole seconds, e.g. 120m; 0 = no limit");
      }
    }
    return new DialInConfig(authenticate, password.isEmpty() && authenticate ? api.secrets().get(0) : password,
        maxDuration, minLength, maxLength);
  }

  private static List<ServerConfig> servers(ConfigReader servers) {
    List<ServerConfig> result = new ArrayList<>();
    for (String id : new TreeSet<>(servers.config.root().keySet())) {
      if (!Checks.isServerId(id)) {
        throw new ConfigError(servers.child(id), "\"" + id + "\"", Checks.SERVER_ID);
      }
      result.add(server(id, servers.section(id)));
    }
    return result;
  }

  private static ServerConfig server(String id, ConfigReader server) {
    for (String key : new TreeSet<>(server.config.root().keySet())) {
      if (!SERVER_KEYS.contains(key)) {
        throw new ConfigError(server.child(key), "unknown key", oneOf(SERVER_KEYS));
      }
    }
    return new ServerConfig(
        id,
        server.url("url"),
        server.secret("secret"),
        server.has("enabled") ? server.bool("enabled") : DEFAULT_ENABLED,
        server.has("load-multiplier") ? server.positiveNumber("load-multiplier") : DEFAULT_LOAD_MULTIPLIER,
        server.tags());
  }

  private void rejectKeysUnknownTo(Config reference) {
    for (String path : new TreeSet<>(config.entrySet().stream().map(Map.Entry::getKey).toList())) {
      boolean open = OPEN_OBJECTS.stream().anyMatch(object -> path.startsWith(object + "."));
      if (!open && !reference.hasPathOrNull(path)) {
        List<String> elements = ConfigUtil.splitPath(path);
        String parent = ConfigUtil.joinPath(elements.subList(0, elements.size() - 1));
        Set<String> siblings = elements.size() > 1 && reference.hasPath(parent)
            && reference.getValue(parent).valueType() == ConfigValueType.OBJECT
            ? reference.getObject(parent).keySet()
            : reference.root().keySet();
        throw new ConfigError(prefix + "." + path, "unknown key", oneOf(siblings));
      }
    }
  }

  private ConfigReader section(String key) {
    Config section = get(key, "an object", Config::getConfig);
    return new ConfigReader(child(key), section);
  }

  private boolean has(String key) {
    return config.hasPath(ConfigUtil.joinPath(key));
  }

  private String string(String key) {
    return get(key, "a string", Config::getString);
  }

  private String nonBlankString(String key) {
    String value = string(key);
    if (value.isBlank()) {
      throw invalid(key, "a non-blank string");
    }
    return value;
  }

  private boolean bool(String key) {
    return get(key, "true or false", Config::getBoolean);
  }

  private int integer(String key, int min, int max, String expected) {
    double value = get(key, expected, Config::getDouble);
    if (value != Math.rint(value) || value < min || value > max) {
      throw invalid(key, expected);
    }
    return (int) value;
  }

  private double positiveNumber(String key) {
    double value = get(key, "a positive number", Config::getDouble);
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(key, "a positive number");
    }
    return value;
  }

  /** A size in bytes; HOCON size units such as {@code 8KiB} or {@code 32MiB} are accepted. */
  private int size(String key) {
    String expected = "a positive size in bytes below 2GiB, e.g. 8192 or 32MiB";
    long value = get(key, expected, Config::getBytes);
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw invalid(key, expected);
    }
    return (int) value;
  }

  /** A size in bytes that may exceed 2GiB; HOCON size units such as {@code 20GiB} are accepted. */
  private long longSize(String key) {
    String expected = "a positive size in bytes, e.g. 1048576 or 20GiB";
    long value = get(key, expected, Config::getBytes);
    if (value < 1) {
      throw invalid(key, expected);
    }
    return value;
  }

  /** A non-blank path, made absolute against the working directory and normalized; not checked for existence. */
  private Path path(String key) {
    return optionalPath(key).orElseThrow(() -> invalid(key, DIRECTORY));
  }

  /** As {@link #path}, {@code ""} being none. */
  private Optional<Path> optionalPath(String key) {
    String value = get(key, DIRECTORY, Config::getString);
    if (value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Checks.absolute(Path.of(value), key));
    } catch (InvalidPathException e) {
      throw invalid(key, DIRECTORY);
    }
  }

  private Path readableFile(String key, String expected) {
    Path file = optionalPath(key).orElseThrow(() -> invalid(key, expected));
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw invalid(key, expected + "; " + file + " is missing or unreadable");
    }
    return file;
  }

  private void rejectDirectoryConflict(Optional<Checks.DirectoryConflict> conflict) {
    conflict.ifPresent(found -> {
      String shown = ConfigValueFactory.fromAnyRef(found.path().toString()).render(ConfigRenderOptions.concise());
      throw new ConfigError(child(found.name()), shown, found.expected() + where(config.root().get(found.name())));
    });
  }

  private Duration duration(String key, boolean zeroAllowed) {
    String expected = (zeroAllowed ? "a duration >= 0" : "a positive duration") + " with a unit, e.g. 10s, 500ms or 15m";
    Duration value = get(key, expected, Config::getDuration);
    // HOCON reads a bare number as milliseconds; "connect-timeout = 5" meaning seconds must not become 5ms.
    boolean bareNumber = config.root().get(key).valueType() == ConfigValueType.NUMBER && !value.isZero();
    if (bareNumber || value.isNegative() || value.isZero() && !zeroAllowed) {
      throw invalid(key, expected);
    }
    return value;
  }

  private List<String> strings(String key) {
    return get(key, "a list of strings", Config::getStringList);
  }

  /** The keys and string values of this section, ordered by key: HOCON objects have no order of their own. */
  private Map<String, String> stringMap() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : new TreeSet<>(config.root().keySet())) {
      values.put(key, string(key));
    }
    return values;
  }

  private URI url(String key) {
    URI url;
    try {
      url = new URI(get(key, Checks.HTTP_URL, Config::getString));
    } catch (URISyntaxException e) {
      throw invalid(key, Checks.HTTP_URL);
    }
    if (!Checks.isHttpUrl(url)) {
      throw invalid(key, Checks.HTTP_URL);
    }
    return url;
  }

  /**
   * A store URL, checked by {@code parser}; {@code ""} is none. Messages show it with its password hidden
   * ({@code userAloneIsUser}: whether a userinfo without {@code :} is a user name and may be shown).
   */
  private Optional<StoreUrls.Parsed> storeUrl(String key, Function<String, StoreUrls.Parsed> parser,
      boolean userAloneIsUser) {
    String value = get(key, "a string", Config::getString, true).trim();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(value));
    } catch (StoreUrls.Rejected e) {
      String shown = ConfigValueFactory.fromAnyRef(StoreUrls.redact(value, userAloneIsUser))
          .render(ConfigRenderOptions.concise());
      throw new ConfigError(child(key), shown, e.getMessage() + where(config.root().get(key)));
    }
  }

  private String secret(String key) {
    String expected = "a non-blank secret";
    String value = get(key, expected, Config::getString, true);
    if (value.isBlank()) {
      throw invalid(key, expected, true);
    }
    return value;
  }

  private List<String> secrets() {
    List<String> secrets = get(SECRETS, "a list of secrets", Config::getStringList, true);
    if (secrets.isEmpty()) {
      throw invalid(SECRETS, "at least one secret; set LOADBALANCER_SECRET");
    }
    if (secrets.stream().anyMatch(String::isBlank)) {
      throw invalid(SECRETS, "non-blank secrets", true);
    }
    return secrets;
  }

  private Set<ChecksumAlgorithm> algorithms(String key) {
    String expected = "a non-empty list, each " + ALGORITHMS;
    List<String> names = get(key, expected, Config::getStringList);
    Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
    for (String name : names) {
      algorithms.add(ChecksumAlgorithm.parse(name).orElseThrow(() -> invalid(key, expected)));
    }
    if (algorithms.isEmpty()) {
      throw invalid(key, expected);
    }
    return algorithms;
  }

  private ChecksumAlgorithm algorithm(String key) {
    return ChecksumAlgorithm.parse(get(key, ALGORITHMS, Config::getString)).orElseThrow(() -> invalid(key, ALGORITHMS));
  }

  /** Scalelite's single {@code tag} string or our {@code tags} list; a blank {@code tag} means untagged. */
  private List<String> tags() {
    List<String> tags;
    if (has("tag") && has("tags")) {
      throw invalid("tag", "either tag or tags, not both");
    } else if (has("tag")) {
      String tag = string("tag");
      tags = tag.isBlank() ? List.of() : List.of(tag);
      if (!tags.stream().allMatch(Checks::isTag)) {
        throw invalid("tag", Checks.TAG);
      }
    } else if (has("tags")) {
      tags = strings("tags");
      if (!tags.stream().allMatch(Checks::isTag)) {
        throw invalid("tags", "a list, each " + Checks.TAG);
      }
    } else {
      tags = List.of();
    }
    return tags;
  }

  private <T> T get(String key, String expected, BiFunction<Config, String, T> getter) {
    return get(key, expected, getter, false);
  }

  private <T> T get(String key, String expected, BiFunction<Config, String, T> getter, boolean hidden) {
    try {
      return getter.apply(config, ConfigUtil.joinPath(key));
    } catch (ConfigException.Missing | ConfigException.WrongType | ConfigException.BadValue e) {
      throw invalid(key, expected, hidden);
    }
  }

  private ConfigError invalid(String key, String expected) {
    return invalid(key, expected, false);
  }

  private ConfigError invalid(String key, String expected, boolean hidden) {
    ConfigValue value = config.root().get(key);
    if (value == null) {
      return new ConfigError(child(key), "missing", expected);
    }
    // An empty list gives nothing away, and "[]" tells the operator what is wrong.
    boolean emptyList = value instanceof ConfigList list && list.isEmpty();
    String shown = hidden && !emptyList ? HIDDEN : value.render(ConfigRenderOptions.concise());
    return new ConfigError(child(key), shown, expected + where(value));
  }

  /** Where the operator wrote the value; defaults (a classpath resource) and environment variables say nothing. */
  private static String where(ConfigValue value) {
    ConfigOrigin origin = value.origin();
    return origin.resource() != null || origin.filename() == null
        ? ""
        : "; in " + origin.filename() + ":" + origin.lineNumber();
  }

  private String child(String key) {
    String element = ConfigUtil.joinPath(key);
    return prefix.isEmpty() ? element : prefix + "." + element;
  }

  private static String oneOf(Collection<String> choices) {
    return choices.stream().sorted().collect(Collectors.joining(", ", "one of ", ""));
  }
}
