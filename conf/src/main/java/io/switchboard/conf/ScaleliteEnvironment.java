package io.switchboard.conf;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Scalelite's environment variables (spec §12) as overrides of {@code switchboard.*} keys. Each variable is converted
 * here, in code, from Scalelite's unit (seconds, minutes, {@code k=v} lists...) to a HOCON value with an explicit unit:
 * a bare number in HOCON would be read as milliseconds. A blank variable is unset, as in Scalelite.
 */
final class ScaleliteEnvironment {
  private static final Pattern INTEGER = Pattern.compile("\\d{1,10}");
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,12}(\\.\\d*)?|\\.\\d+");
  // Largest first, so that a converted value reads as an operator would write it (60 seconds -> 1m).
  private static final List<ChronoUnit> HOCON_UNITS = List.of(ChronoUnit.HOURS, ChronoUnit.MINUTES,
      ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS);
  private static final Map<ChronoUnit, String> HOCON_UNIT_NAMES = Map.of(ChronoUnit.HOURS, "h", ChronoUnit.MINUTES,
      "m", ChronoUnit.SECONDS, "s", ChronoUnit.MILLIS, "ms", ChronoUnit.MICROS, "us", ChronoUnit.NANOS, "ns");
  private static final String POSITIVE_SECONDS = "a positive number of seconds, e.g. 60 or 0.5";
  private static final String POSITIVE_INTEGER = "a positive integer";
  private static final String POSITIVE_MINUTES = "a positive number of minutes, e.g. 60 or 1.5";
  private static final String RECORDINGS = "switchboard.recordings.";
  private static final String REDIS = "switchboard.redis.";
  private static final String DIAL_IN = "switchboard.dial-in.";
  // config/database.yml writes PREPARED_STATEMENT into YAML, where these words (any case) are false.
  private static final Set<String> YAML_FALSE = Set.of("false", "no", "off");

  private final Map<String, String> environment;
  private final Map<String, ConfigValue> overrides = new LinkedHashMap<>();

  private ScaleliteEnvironment(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * The override of each key whose variable is set, by HOCON path. Lists and objects replace what the operator's file
   * says rather than merging with it, as the variable is Scalelite's only source of that value.
   *
   * @throws ConfigError naming the first variable whose value cannot be converted
   */
  static Map<String, ConfigValue> overrides(Map<String, String> environment) {
    ScaleliteEnvironment env = new ScaleliteEnvironment(environment);
    env.integer("PORT", "switchboard.http.port", 0, 65535, "a port number 0..65535");

    env.text("URL_HOST", "switchboard.api.url-host");
    env.secrets("switchboard.api.secrets");
    env.checksumAlgorithms("switchboard.api.accepted-checksum-algorithms", "switchboard.api.outbound-checksum-algorithm");
    env.text("BUILD_NUMBER", "switchboard.api.build-number");
    env.flag("GET_MEETINGS_API_DISABLED", "switchboard.api.get-meetings-disabled");

    env.wholeMinutes("MAX_MEETING_DURATION", "switchboard.rewrite.max-meeting-duration");
    env.names("CREATE_EXCLUDE_PARAMS", "switchboard.rewrite.create-exclude-params");
    env.names("JOIN_EXCLUDE_PARAMS", "switchboard.rewrite.join-exclude-params");
    env.pairs("DEFAULT_CREATE_PARAMS", "switchboard.rewrite.default-create-params");
    env.pairs("OVERRIDE_CREATE_PARAMS", "switchboard.rewrite.override-create-params");
    env.pairs("DEFAULT_JOIN_PARAMS", "switchboard.rewrite.default-join-params");
    env.pairs("OVERRIDE_JOIN_PARAMS", "switchboard.rewrite.override-join-params");
    env.integer("VOICE_BRIDGE_LEN", "switchboard.rewrite.voice-bridge-length", 1, Integer.MAX_VALUE,
        POSITIVE_INTEGER);
    env.flag("USE_EXTERNAL_VOICE_BRIDGE", "switchboard.rewrite.use-external-voice-bridge");
    env.duration("DEFAULT_MEETING_TTL", "switchboard.rewrite.meeting-ttl", ChronoUnit.SECONDS, false,
        POSITIVE_SECONDS);

    env.duration("CONNECT_TIMEOUT", "switchboard.upstream.connect-timeout", ChronoUnit.SECONDS, false,
        POSITIVE_SECONDS);
    env.duration("RESPONSE_TIMEOUT", "switchboard.upstream.response-timeout", ChronoUnit.SECONDS, false,
        POSITIVE_SECONDS);

    env.duration("POLL_INTERVAL", "switchboard.poller.interval", ChronoUnit.SECONDS, false, POSITIVE_SECONDS);
    env.integer("SERVER_HEALTHY_THRESHOLD", "switchboard.poller.healthy-threshold", 1, Integer.MAX_VALUE,
        POSITIVE_INTEGER);
    env.integer("SERVER_UNHEALTHY_THRESHOLD", "switchboard.poller.unhealthy-threshold", 1, Integer.MAX_VALUE,
        POSITIVE_INTEGER);
    env.duration("POLLER_WAIT_TIMEOUT", "switchboard.poller.wait-timeout", ChronoUnit.SECONDS, false,
        POSITIVE_SECONDS);
    env.integer("LOAD_MIN_USER_COUNT", "switchboard.poller.load-min-user-count", 0, Integer.MAX_VALUE,
        "a non-negative integer");
    env.duration("LOAD_JOIN_BUFFER_TIME", "switchboard.poller.load-join-buffer-time", ChronoUnit.MINUTES, true,
        "a number of minutes, e.g. 15 or 1.5");

    // A password is taken as it is, like LOADBALANCER_SECRET: no trimming.
    env.value("FSAPI_PASSWORD").ifPresent(password -> env.put(DIAL_IN + "password", password, "FSAPI_PASSWORD"));
    env.wholeMinutes("FSAPI_MAX_DURATION", DIAL_IN + "max-duration");
    env.integer("VOICE_BRIDGE_MIN", DIAL_IN + "voice-bridge-min-length", 1, Integer.MAX_VALUE, POSITIVE_INTEGER);
    env.integer("VOICE_BRIDGE_MAX", DIAL_IN + "voice-bridge-max-length", 1, Integer.MAX_VALUE, POSITIVE_INTEGER);

    env.flag("SERVER_ID_IS_HOSTNAME", "switchboard.server-id-is-hostname");
    env.flag("MULTITENANCY_ENABLED", "switchboard.tenants.enabled");
    env.text("ADMIN_PASSWORD", "switchboard.status-page.password");
    env.text("METRICS_PASSWORD", "switchboard.metrics.password");
    env.text("LOG_FORMAT", "switchboard.logging.format");
    env.text("LOG_LEVEL", "switchboard.logging.level");

    env.inverseFlag("RECORDING_DISABLED", RECORDINGS + "enabled");
    env.importMode("RECORDING_IMPORT_MODE", RECORDINGS + "import-mode");
    env.text("RECORDING_SPOOL_DIR", RECORDINGS + "spool-dir");
    env.text("RECORDING_WORK_DIR", RECORDINGS + "work-dir");
    env.text("RECORDING_PUBLISH_DIR", RECORDINGS + "publish-dir");
    env.text("RECORDING_UNPUBLISH_DIR", RECORDINGS + "unpublish-dir");
    env.text("RECORDING_FAILED_DIR", RECORDINGS + "failed-dir");
    env.flag("RECORDING_IMPORT_UNPUBLISHED", RECORDINGS + "import-unpublished");
    env.duration("RECORDING_IMPORT_POLL_INTERVAL", RECORDINGS + "import-poll-interval", ChronoUnit.SECONDS, false,
        POSITIVE_SECONDS);
    env.playbackFormats("RECORDING_PLAYBACK_FORMATS", RECORDINGS + "playback-formats");
    env.text("RECORDING_PLAYER_DIR", RECORDINGS + "player-dir");
    env.flag("GET_RECORDINGS_API_FILTERED", RECORDINGS + "get-recordings-filtered");
    env.flag("PROTECTED_RECORDINGS_ENABLED", RECORDINGS + "protected.enabled");
    env.duration("PROTECTED_RECORDINGS_TOKEN_TIMEOUT", RECORDINGS + "protected.token-timeout", ChronoUnit.MINUTES,
        false, POSITIVE_MINUTES);
    env.duration("PROTECTED_RECORDINGS_TIMEOUT", RECORDINGS + "protected.cookie-timeout", ChronoUnit.MINUTES, false,
        POSITIVE_MINUTES);
    // A secret is taken as it is, like LOADBALANCER_SECRET: no trimming.
    env.value("SECRET_KEY_BASE").ifPresent(key -> env.put(RECORDINGS + "protected.signing-key", key,
        "SECRET_KEY_BASE"));

    env.storeUrl("REDIS_URL", REDIS + "url", StoreUrls::redis, false);
    env.text("REDIS_NAMESPACE", REDIS + "namespace");
    env.text("REDIS_SENTINEL_MASTER", REDIS + "sentinel.master");
    env.sentinelNodes("REDIS_SENTINEL_NODES", REDIS + "sentinel.nodes");
    env.value("REDIS_SENTINEL_PASSWORD").ifPresent(password -> env.put(REDIS + "sentinel.password", password,
        "REDIS_SENTINEL_PASSWORD"));
    env.storeUrl("DATABASE_URL", "switchboard.database.url", StoreUrls::database, true);
    env.value("PREPARED_STATEMENT").ifPresent(value -> env.put("switchboard.database.prepared-statements",
        !YAML_FALSE.contains(value.trim().toLowerCase(Locale.ROOT)), "PREPARED_STATEMENT"));
    return Collections.unmodifiableMap(env.overrides);
  }

  private Optional<String> value(String name) {
    return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
  }

  private void put(String path, Object value, String... variables) {
    String origin = "environment variable " + String.join(", ", variables);
    overrides.put(path, ConfigValueFactory.fromAnyRef(value, origin));
  }

  private void text(String name, String path) {
    value(name).ifPresent(value -> put(path, value.trim(), name));
  }

  /** Scalelite's boolean rule: true only for {@code true}, in any case; anything else is false. */
  private void flag(String name, String path) {
    value(name).ifPresent(value -> put(path, "true".equalsIgnoreCase(value.trim()), name));
  }

  /** A Scalelite {@code *_DISABLED} flag setting an {@code enabled} key: {@code true} (any case) disables. */
  private void inverseFlag(String name, String path) {
    value(name).ifPresent(value -> put(path, !"true".equalsIgnoreCase(value.trim()), name));
  }

  private void importMode(String name, String path) {
    value(name).map(String::trim).ifPresent(value -> put(path, ImportMode.parse(value)
        .orElseThrow(() -> new ConfigError(name, value, "spool or shared-volume")).wireName(), name));
  }

  /** Scalelite's colon-separated format list; entries are trimmed and empty ones dropped. */
  private void playbackFormats(String name, String path) {
    value(name).ifPresent(value -> {
      List<String> formats = new ArrayList<>();
      for (String entry : value.split(":")) {
        if (!entry.isBlank()) {
          formats.add(entry.trim());
        }
      }
      if (!formats.stream().allMatch(Checks::isPlaybackFormat)) {
        throw new ConfigError(name, value, "a colon-separated list of " + Checks.PLAYBACK_FORMAT);
      }
      put(path, formats, name);
    });
  }

  /** A store URL, checked here so that the message names the variable; its password is hidden from the message. */
  private void storeUrl(String name, String path, Function<String, StoreUrls.Parsed> parser,
      boolean userAloneIsUser) {
    value(name).map(String::trim).ifPresent(value -> {
      try {
        parser.apply(value);
      } catch (StoreUrls.Rejected e) {
        throw new ConfigError(name, StoreUrls.redact(value, userAloneIsUser), e.getMessage());
      }
      put(path, value, name);
    });
  }

  /** Comma-separated {@code host:port} entries; entries are trimmed and empty ones dropped. */
  private void sentinelNodes(String name, String path) {
    value(name).ifPresent(value -> {
      List<String> nodes = new ArrayList<>();
      for (String entry : value.split(",")) {
        if (!entry.isBlank()) {
          nodes.add(entry.trim());
        }
      }
      try {
        StoreUrls.sentinelNodes(nodes);
      } catch (StoreUrls.Rejected e) {
        throw new ConfigError(name, value, "comma-separated " + StoreUrls.NODE);
      }
      put(path, nodes, name);
    });
  }

  private void integer(String name, String path, int min, int max, String expected) {
    value(name).map(String::trim).ifPresent(value -> {
      if (!INTEGER.matcher(value).matches() || Long.parseLong(value) < min || Long.parseLong(value) > max) {
        throw new ConfigError(name, value, expected);
      }
      put(path, Integer.parseInt(value), name);
    });
  }

  private void duration(String name, String path, ChronoUnit unit, boolean zeroAllowed, String expected) {
    value(name).map(String::trim).ifPresent(value -> {
      if (!DECIMAL.matcher(value).matches()) {
        throw new ConfigError(name, value, expected);
      }
      long nanos;
      try {
        nanos = new BigDecimal(value).multiply(BigDecimal.valueOf(unit.getDuration().toNanos()))
            .setScale(0, RoundingMode.HALF_UP).longValueExact();
      } catch (ArithmeticException e) {
        throw new ConfigError(name, value, expected);
      }
      if (nanos == 0 && !zeroAllowed) {
        throw new ConfigError(name, value, expected);
      }
      put(path, hocon(nanos), name);
    });
  }

  /** Minutes as BBB's {@code duration} parameter counts them: whole, 0 meaning no cap. */
  private void wholeMinutes(String name, String path) {
    value(name).map(String::trim).ifPresent(value -> {
      if (!INTEGER.matcher(value).matches() || Long.parseLong(value) > Integer.MAX_VALUE) {
        throw new ConfigError(name, value, "whole minutes, e.g. 120; 0 = off");
      }
      put(path, Long.parseLong(value) + "m", name);
    });
  }

  /** A comma list of parameter names; entries are trimmed and empty ones dropped. */
  private void names(String name, String path) {
    value(name).ifPresent(value -> {
      List<String> names = new ArrayList<>();
      for (String entry : value.split(",")) {
        if (!entry.isBlank()) {
          names.add(entry.trim());
        }
      }
      put(path, names, name);
    });
  }

  /** Scalelite's {@code k=v,k2=v2}: split on {@code ,}, then on the first {@code =}; names and values are trimmed. */
  private void pairs(String name, String path) {
    value(name).ifPresent(value -> {
      Map<String, String> pairs = new LinkedHashMap<>();
      for (String pair : value.split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        int equals = pair.indexOf('=');
        if (equals <= 0 || pair.substring(0, equals).isBlank()) {
          throw new ConfigError(name, pair, "name=value pairs separated by commas");
        }
        pairs.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
      put(path, pairs, name);
    });
  }

  /** {@code LOADBALANCER_SECRET} first, then each entry of {@code LOADBALANCER_SECRETS}; either replaces the file's list. */
  private void secrets(String path) {
    Optional<String> primary = value("LOADBALANCER_SECRET");
    Optional<String> others = value("LOADBALANCER_SECRETS");
    if (primary.isEmpty() && others.isEmpty()) {
      return;
    }
    List<String> secrets = new ArrayList<>();
    primary.ifPresent(secrets::add);
    others.ifPresent(all -> {
      for (String secret : all.split(":")) {
        if (!secret.isBlank()) {
          secrets.add(secret);
        }
      }
    });
    put(path, secrets, "LOADBALANCER_SECRET", "LOADBALANCER_SECRETS");
  }

  /** The accepted set; outbound calls are then signed with the strongest algorithm listed (spec §3.6 step 4). */
  private void checksumAlgorithms(String acceptedPath, String outboundPath) {
    String name = "LOADBALANCER_CHECKSUM_ALGORITHM";
    value(name).ifPresent(value -> {
      String expected = "a colon-separated list of SHA1, SHA256, SHA384, SHA512";
      List<ChecksumAlgorithm> algorithms = new ArrayList<>();
      for (String entry : value.split(":")) {
        if (!entry.isBlank()) {
          algorithms.add(ChecksumAlgorithm.parse(entry).orElseThrow(() -> new ConfigError(name, value, expected)));
        }
      }
      // The enum is declared weakest first.
      ChecksumAlgorithm strongest = algorithms.stream().max(Comparator.naturalOrder())
          .orElseThrow(() -> new ConfigError(name, value, expected));
      put(acceptedPath, algorithms.stream().map(ChecksumAlgorithm::name).toList(), name);
      put(outboundPath, strongest.name(), name);
    });
  }

  /** A HOCON duration in the largest unit that holds it exactly. */
  private static String hocon(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    ChronoUnit unit = HOCON_UNITS.stream().filter(candidate -> nanos % candidate.getDuration().toNanos() == 0)
        .findFirst().orElseThrow();
    return nanos / unit.getDuration().toNanos() + HOCON_UNIT_NAMES.get(unit);
  }
}
