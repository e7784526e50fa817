package io.switchboard.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RecordingsConfigTest {
  private static final Path WORKING_DIR = Path.of("").toAbsolutePath();
  private static final String HEX_128 = "[0-9a-f]{128}";
  private static final String FORMATS_EXPECTED = "format names of lower-case letters, digits, '-' or '_', none of "
      + "bigbluebutton, fsapi, health_check, livez, metrics, playback, readyz, recording, scalelite, status";

  /** A valid record with Scalelite's defaults, for tests that need one. */
  static RecordingsConfig recordings() {
    return new RecordingsConfig(true, ImportMode.SPOOL, Path.of("/var/bigbluebutton/spool"),
        Path.of("/var/bigbluebutton/recording/scalelite"), Path.of("/var/bigbluebutton/published"),
        Path.of("/var/bigbluebutton/unpublished"), Path.of("/var/bigbluebutton/spool/failed"), false,
        Duration.ofSeconds(60), List.of("presentation", "video"), Optional.empty(), false, 100,
        new ImportLimits(1000, 100, 10), new ProtectedRecordingsConfig(false, Duration.ofMinutes(60),
            Duration.ofMinutes(360), ""));
  }

  @Test
  void referenceConfHoldsScalelitesDefaults() {
    RecordingsConfig recordings = read("").recordings();

    assertThat(recordings.enabled()).isTrue();
    assertThat(recordings.importMode()).isEqualTo(ImportMode.SPOOL);
    assertThat(recordings.spoolDir()).isEqualTo(Path.of("/var/bigbluebutton/spool"));
    assertThat(recordings.workDir()).isEqualTo(Path.of("/var/bigbluebutton/recording/scalelite"));
    assertThat(recordings.publishDir()).isEqualTo(Path.of("/var/bigbluebutton/published"));
    assertThat(recordings.unpublishDir()).isEqualTo(Path.of("/var/bigbluebutton/unpublished"));
    assertThat(recordings.failedDir()).isEqualTo(Path.of("/var/bigbluebutton/spool/failed"));
    assertThat(recordings.importUnpublished()).isFalse();
    assertThat(recordings.importPollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(recordings.playbackFormats())
        .containsExactly("presentation", "video", "screenshare", "podcast", "notes", "capture");
    assertThat(recordings.playerDir()).isEmpty();
    assertThat(recordings.getRecordingsFiltered()).isFalse();
    assertThat(recordings.maxPageSize()).isEqualTo(100);
    assertThat(recordings.importLimits()).isEqualTo(new ImportLimits(20L << 30, 10L << 30, 100_000));
    assertThat(recordings.protection().enabled()).isFalse();
    assertThat(recordings.protection().tokenTimeout()).isEqualTo(Duration.ofMinutes(60));
    assertThat(recordings.protection().cookieTimeout()).isEqualTo(Duration.ofMinutes(360));
    assertThat(recordings.protection().signingKey()).matches(HEX_128);
  }

  @Test
  void theOperatorFileSetsEveryKey() {
    RecordingsConfig recordings = read("""
        switchboard.recordings {
          enabled = false
          import-mode = shared-volume
          spool-dir = "/srv/spool"
          work-dir = "/srv/work"
          publish-dir = "/srv/published"
          unpublish-dir = "/srv/unpublished"
          failed-dir = "/srv/failed"
          import-unpublished = true
          import-poll-interval = 5s
          playback-formats = [presentation, my-format_2]
          player-dir = "/srv/playback"
          get-recordings-filtered = true
          max-page-size = 25
          import-limits { max-total-bytes = 3GiB, max-entry-bytes = 1MiB, max-entries = 7 }
          protected { enabled = true, token-timeout = 90s, cookie-timeout = 2h, signing-key = "k3y" }
        }
        """).recordings();

    assertThat(recordings).isEqualTo(new RecordingsConfig(false, ImportMode.SHARED_VOLUME, Path.of("/srv/spool"),
        Path.of("/srv/work"), Path.of("/srv/published"), Path.of("/srv/unpublished"), Path.of("/srv/failed"), true,
        Duration.ofSeconds(5), List.of("presentation", "my-format_2"), Optional.of(Path.of("/srv/playback")), true, 25,
        new ImportLimits(3L << 30, 1 << 20, 7),
        new ProtectedRecordingsConfig(true, Duration.ofSeconds(90), Duration.ofHours(2), "k3y")));
  }

  @Test
  void relativePathsAreResolvedAgainstTheWorkingDirectoryAndNormalized() {
    RecordingsConfig recordings = read("""
        switchboard.recordings {
          spool-dir = "data/./spool"
          work-dir = "data/tmp/../work"
          publish-dir = "published"
          unpublish-dir = "/srv/x/../unpublished"
          player-dir = "player/"
        }
        """).recordings();

    assertThat(recordings.spoolDir()).isEqualTo(WORKING_DIR.resolve("data/spool"));
    assertThat(recordings.workDir()).isEqualTo(WORKING_DIR.resolve("data/work"));
    assertThat(recordings.publishDir()).isEqualTo(WORKING_DIR.resolve("published"));
    assertThat(recordings.unpublishDir()).isEqualTo(Path.of("/srv/unpublished"));
    assertThat(recordings.failedDir()).isEqualTo(WORKING_DIR.resolve("data/spool/failed"));
    assertThat(recordings.playerDir()).contains(WORKING_DIR.resolve("player"));
  }

  @Test
  void directoriesNeedNotExist(@TempDir Path directory) {
    Path nowhere = directory.resolve("not/yet/created");

    RecordingsConfig recordings = read("switchboard.recordings.spool-dir = \"" + nowhere + "\"").recordings();

    assertThat(recordings.spoolDir()).isEqualTo(nowhere);
    assertThat(nowhere).doesNotExist();
  }

  @Test
  void anEmptyFailedDirFollowsTheSpoolDirWhereverItIsSet() {
    assertThat(read("switchboard.recordings.spool-dir = \"/srv/in\"").recordings().failedDir())
        .isEqualTo(Path.of("/srv/in/failed"));
    assertThat(load(Map.of("RECORDING_SPOOL_DIR", "/srv/env-in")).recordings().failedDir())
        .isEqualTo(Path.of("/srv/env-in/failed"));
    assertThat(read("switchboard.recordings { spool-dir = \"/srv/in\", failed-dir = \"  \" }").recordings().failedDir())
        .isEqualTo(Path.of("/srv/in/failed"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"spool, SPOOL", "shared-volume, SHARED_VOLUME", "SHARED-VOLUME, SHARED_VOLUME", "Spool, SPOOL"})
  void theImportModeIgnoresCase(String written, ImportMode mode) {
    assertThat(read("switchboard.recordings.import-mode = " + written).recordings().importMode()).isEqualTo(mode);
  }

  @Test
  void playbackFormatsKeepTheirOrderWithoutDuplicatesAndMayBeEmpty() {
    assertThat(read("switchboard.recordings.playback-formats = [video, presentation, video, 2]").recordings()
        .playbackFormats()).containsExactly("video", "presentation", "2");
    assertThat(read("switchboard.recordings.playback-formats = []").recordings().playbackFormats()).isEmpty();
  }

  @Test
  void importLimitsAcceptSizesAbove2GiB() {
    ImportLimits limits = read("switchboard.recordings.import-limits { max-total-bytes = 1TiB, "
        + "max-entry-bytes = 5000000000 }").recordings().importLimits();

    assertThat(limits.maxTotalBytes()).isEqualTo(1L << 40);
    assertThat(limits.maxEntryBytes()).isEqualTo(5_000_000_000L);
  }

  @Test
  void withoutASigningKeyARandomOneIsGeneratedAtEveryLoad() {
    String first = read("switchboard.recordings.protected.enabled = true").recordings().protection().signingKey();
    String second = read("switchboard.recordings.protected { enabled = true, signing-key = \" \" }").recordings()
        .protection().signingKey();

    assertThat(first).matches(HEX_128);
    assertThat(second).matches(HEX_128);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void theGeneratedKeyIsNeverPrinted() {
    SwitchboardConfig config = read("switchboard.recordings.protected.enabled = true");
    String key = config.recordings().protection().signingKey();

    assertThat(config.toString()).doesNotContain(key).contains("signingKey=<hidden>");
    assertThat(config.recordings().toString()).doesNotContain(key);
  }

  @Test
  void anOperatorSigningKeyIsUsedAsWrittenAndNeverPrinted() {
    SwitchboardConfig config = read("switchboard.recordings.protected.signing-key = \" hunter2 \"");

    assertThat(config.recordings().protection().signingKey()).isEqualTo(" hunter2 ");
    assertThat(config.toString()).doesNotContain("hunter2");
  }

  @Test
  void aSigningKeyOfTheWrongTypeIsHiddenInTheMessage() {
    assertThatThrownBy(() -> read("switchboard.recordings.protected.signing-key = [hunter2]"))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.recordings.protected.signing-key: <hidden> (expected: a string)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      enabled = perhaps                | switchboard.recordings.enabled: "perhaps" (expected: true or false)
      import-mode = nfs                | switchboard.recordings.import-mode: "nfs" (expected: spool or shared-volume)
      import-mode = shared_volume      | switchboard.recordings.import-mode: "shared_volume" (expected: spool or shared-volume)
      import-mode = [spool]            | switchboard.recordings.import-mode: ["spool"] (expected: spool or shared-volume)
      spool-dir = ""                   | switchboard.recordings.spool-dir: "" (expected: a directory path, absolute or relative to the working directory)
      work-dir = " "                   | switchboard.recordings.work-dir: " " (expected: a directory path, absolute or relative to the working directory)
      publish-dir = [a]                | switchboard.recordings.publish-dir: ["a"] (expected: a directory path, absolute or relative to the working directory)
      unpublish-dir = "/srv/\\u0000x"  | switchboard.recordings.unpublish-dir: "/srv/\\u0000x" (expected: a directory path, absolute or relative to the working directory)
      failed-dir = {}                  | switchboard.recordings.failed-dir: {} (expected: a directory path, absolute or relative to the working directory)
      import-unpublished = 1           | switchboard.recordings.import-unpublished: 1 (expected: true or false)
      import-poll-interval = 60        | switchboard.recordings.import-poll-interval: 60 (expected: a positive duration with a unit, e.g. 10s, 500ms or 15m)
      import-poll-interval = 0s        | switchboard.recordings.import-poll-interval: "0s" (expected: a positive duration with a unit, e.g. 10s, 500ms or 15m)
      playback-formats = presentation  | switchboard.recordings.playback-formats: "presentation" (expected: a list of FORMATS)
      playback-formats = [Presentation] | switchboard.recordings.playback-formats: ["Presentation"] (expected: a list of FORMATS)
      playback-formats = [a.b]         | switchboard.recordings.playback-formats: ["a.b"] (expected: a list of FORMATS)
      playback-formats = ["..", x]     | switchboard.recordings.playback-formats: ["..","x"] (expected: a list of FORMATS)
      playback-formats = ["a/b"]       | switchboard.recordings.playback-formats: ["a/b"] (expected: a list of FORMATS)
      playback-formats = [""]          | switchboard.recordings.playback-formats: [""] (expected: a list of FORMATS)
      playback-formats = [bigbluebutton] | switchboard.recordings.playback-formats: ["bigbluebutton"] (expected: a list of FORMATS)
      playback-formats = [video, playback] | switchboard.recordings.playback-formats: ["video","playback"] (expected: a list of FORMATS)
      player-dir = [x]                 | switchboard.recordings.player-dir: ["x"] (expected: a directory path, absolute or relative to the working directory)
      get-recordings-filtered = no way | switchboard.recordings.get-recordings-filtered: "no way" (expected: true or false)
      max-page-size = 0                | switchboard.recordings.max-page-size: 0 (expected: a positive integer)
      max-page-size = 10.5             | switchboard.recordings.max-page-size: 10.5 (expected: a positive integer)
      import-limits.max-total-bytes = 0     | switchboard.recordings.import-limits.max-total-bytes: 0 (expected: a positive size in bytes, e.g. 1048576 or 20GiB)
      import-limits.max-entry-bytes = -1    | switchboard.recordings.import-limits.max-entry-bytes: -1 (expected: a positive size in bytes, e.g. 1048576 or 20GiB)
      import-limits.max-entry-bytes = huge  | switchboard.recordings.import-limits.max-entry-bytes: "huge" (expected: a positive size in bytes, e.g. 1048576 or 20GiB)
      import-limits.max-entries = 0         | switchboard.recordings.import-limits.max-entries: 0 (expected: a positive integer)
      import-limits.max-entries = 3000000000 | switchboard.recordings.import-limits.max-entries: 3000000000 (expected: a positive integer)
      import-limits.max-files = 1           | switchboard.recordings.import-limits.max-files: unknown key (expected: one of max-entries, max-entry-bytes, max-total-bytes)
      protected.enabled = sure              | switchboard.recordings.protected.enabled: "sure" (expected: true or false)
      protected.token-timeout = 0m          | switchboard.recordings.protected.token-timeout: "0m" (expected: a positive duration with a unit, e.g. 10s, 500ms or 15m)
      protected.cookie-timeout = 360        | switchboard.recordings.protected.cookie-timeout: 360 (expected: a positive duration with a unit, e.g. 10s, 500ms or 15m)
      protected.timeout = 1m                | switchboard.recordings.protected.timeout: unknown key (expected: one of cookie-timeout, enabled, signing-key, token-timeout)
      protected = true                      | switchboard.recordings.protected: true (expected: an object)
      spool = "/x"                          | switchboard.recordings.spool: unknown key (expected: one of enabled, failed-dir, get-recordings-filtered, import-limits, import-mode, import-poll-interval, import-unpublished, max-page-size, playback-formats, player-dir, protected, publish-dir, spool-dir, unpublish-dir, work-dir)
      """)
  void aBadValueIsAOneLineErrorNamingTheKeyAndTheValue(String entry, String message) {
    assertThatThrownBy(() -> read("switchboard.recordings." + entry))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message.replace("FORMATS", FORMATS_EXPECTED));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      publish-dir = "/v/unpublished"                 | unpublish-dir: "/v/unpublished" (expected: a directory apart from publish-dir (/v/unpublished), neither inside the other)
      unpublish-dir = "/v/published/unpublished"     | unpublish-dir: "/v/published/unpublished" (expected: a directory apart from publish-dir (/v/published), neither inside the other)
      publish-dir = "/v/unpublished/x"               | unpublish-dir: "/v/unpublished" (expected: a directory apart from publish-dir (/v/unpublished/x), neither inside the other)
      spool-dir = "/v/published/spool"               | spool-dir: "/v/published/spool" (expected: a directory outside publish-dir (/v/published))
      spool-dir = "/v/unpublished"                   | spool-dir: "/v/unpublished" (expected: a directory outside unpublish-dir (/v/unpublished))
      work-dir = "/v/published"                      | work-dir: "/v/published" (expected: a directory outside publish-dir (/v/published))
      failed-dir = "/v/published/failed"             | failed-dir: "/v/published/failed" (expected: a directory outside publish-dir (/v/published))
      failed-dir = "/v/spool/."                      | failed-dir: "/v/spool" (expected: a directory other than spool-dir (/v/spool))
      player-dir = "/v"                              | player-dir: "/v" (expected: a directory apart from spool-dir (/v/spool), neither inside the other)
      player-dir = "/v/published/playback"           | player-dir: "/v/published/playback" (expected: a directory apart from publish-dir (/v/published), neither inside the other)
      player-dir = "/v/unpublished"                  | player-dir: "/v/unpublished" (expected: a directory apart from unpublish-dir (/v/unpublished), neither inside the other)
      player-dir = "/v/spool/failed/p"               | player-dir: "/v/spool/failed/p" (expected: a directory apart from spool-dir (/v/spool), neither inside the other)
      """)
  void directoriesAreKeptApartSoThatNothingIsServedByAccident(String entry, String message) {
    assertThatThrownBy(() -> read("""
        switchboard.recordings {
          spool-dir = "/v/spool"
          work-dir = "/v/work"
          publish-dir = "/v/published"
          unpublish-dir = "/v/unpublished"
        }
        switchboard.recordings.%s
        """.formatted(entry)))
        .isInstanceOf(ConfigError.class)
        .hasMessage("switchboard.recordings." + message);
  }

  @Test
  void siblingDirectoriesWithACommonPrefixDoNotConflict() {
    RecordingsConfig recordings = read("""
        switchboard.recordings {
          publish-dir = "/v/published"
          unpublish-dir = "/v/published-not"
          spool-dir = "/v/publishedspool"
          player-dir = "/v/play"
        }
        """).recordings();

    assertThat(recordings.unpublishDir()).isEqualTo(Path.of("/v/published-not"));
  }

  @Test
  void aConflictInTheOperatorFileSaysWhereItWasWritten(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("switchboard.conf"), """
        switchboard.api.secrets = [s]
        switchboard.recordings.player-dir = "/var/bigbluebutton"
        """);

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .hasMessage("switchboard.recordings.player-dir: \"/var/bigbluebutton\" (expected: a directory apart from "
            + "spool-dir (/var/bigbluebutton/spool), neither inside the other; in " + file + ":2)");
  }

  static Stream<Arguments> variables() {
    return Stream.of(
        arguments("RECORDING_DISABLED", "true", accessor("enabled", RecordingsConfig::enabled), false),
        arguments("RECORDING_DISABLED", "TRUE", accessor("enabled", RecordingsConfig::enabled), false),
        arguments("RECORDING_DISABLED", "false", accessor("enabled", RecordingsConfig::enabled), true),
        arguments("RECORDING_DISABLED", "yes", accessor("enabled", RecordingsConfig::enabled), true),
        arguments("RECORDING_IMPORT_MODE", "shared-volume", accessor("importMode", RecordingsConfig::importMode),
            ImportMode.SHARED_VOLUME),
        arguments("RECORDING_IMPORT_MODE", " Spool ", accessor("importMode", RecordingsConfig::importMode),
            ImportMode.SPOOL),
        arguments("RECORDING_SPOOL_DIR", " /srv/spool ", accessor("spoolDir", RecordingsConfig::spoolDir),
            Path.of("/srv/spool")),
        arguments("RECORDING_WORK_DIR", "/srv/work", accessor("workDir", RecordingsConfig::workDir),
            Path.of("/srv/work")),
        arguments("RECORDING_PUBLISH_DIR", "/srv/published", accessor("publishDir", RecordingsConfig::publishDir),
            Path.of("/srv/published")),
        arguments("RECORDING_UNPUBLISH_DIR", "rel/unpublished",
            accessor("unpublishDir", RecordingsConfig::unpublishDir), WORKING_DIR.resolve("rel/unpublished")),
        arguments("RECORDING_FAILED_DIR", "/srv/failed", accessor("failedDir", RecordingsConfig::failedDir),
            Path.of("/srv/failed")),
        arguments("RECORDING_IMPORT_UNPUBLISHED", "True",
            accessor("importUnpublished", RecordingsConfig::importUnpublished), true),
        arguments("RECORDING_IMPORT_UNPUBLISHED", "1",
            accessor("importUnpublished", RecordingsConfig::importUnpublished), false),
        arguments("RECORDING_IMPORT_POLL_INTERVAL", "10",
            accessor("importPollInterval", RecordingsConfig::importPollInterval), Duration.ofSeconds(10)),
        arguments("RECORDING_IMPORT_POLL_INTERVAL", "0.25",
            accessor("importPollInterval", RecordingsConfig::importPollInterval), Duration.ofMillis(250)),
        arguments("RECORDING_PLAYBACK_FORMATS", "presentation:video",
            accessor("playbackFormats", RecordingsConfig::playbackFormats), List.of("presentation", "video")),
        arguments("RECORDING_PLAYBACK_FORMATS", " podcast : :notes:",
            accessor("playbackFormats", RecordingsConfig::playbackFormats), List.of("podcast", "notes")),
        arguments("RECORDING_PLAYBACK_FORMATS", ":", accessor("playbackFormats", RecordingsConfig::playbackFormats),
            List.of()),
        arguments("RECORDING_PLAYER_DIR", "/var/bigbluebutton/playback",
            accessor("playerDir", RecordingsConfig::playerDir), Optional.of(Path.of("/var/bigbluebutton/playback"))),
        arguments("GET_RECORDINGS_API_FILTERED", "true",
            accessor("getRecordingsFiltered", RecordingsConfig::getRecordingsFiltered), true),
        arguments("PROTECTED_RECORDINGS_ENABLED", "TRUE",
            accessor("protection.enabled", r -> r.protection().enabled()), true),
        arguments("PROTECTED_RECORDINGS_ENABLED", "on",
            accessor("protection.enabled", r -> r.protection().enabled()), false),
        arguments("PROTECTED_RECORDINGS_TOKEN_TIMEOUT", "5",
            accessor("protection.tokenTimeout", r -> r.protection().tokenTimeout()), Duration.ofMinutes(5)),
        arguments("PROTECTED_RECORDINGS_TOKEN_TIMEOUT", "0.5",
            accessor("protection.tokenTimeout", r -> r.protection().tokenTimeout()), Duration.ofSeconds(30)),
        arguments("PROTECTED_RECORDINGS_TIMEOUT", "1440",
            accessor("protection.cookieTimeout", r -> r.protection().cookieTimeout()), Duration.ofHours(24)),
        arguments("SECRET_KEY_BASE", " base with spaces ",
            accessor("protection.signingKey", r -> r.protection().signingKey()), " base with spaces "));
  }

  @ParameterizedTest(name = "{0}={1} sets {2}")
  @MethodSource("variables")
  void eachVariableSetsItsKeyInScaleliteUnits(String variable, String value,
      Function<RecordingsConfig, Object> accessor, Object expected) {
    assertThat(accessor.apply(load(Map.of(variable, value)).recordings())).isEqualTo(expected);
  }

  @Test
  void variablesOverrideTheFileAndTheFormatListIsReplacedNotMerged(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("switchboard.conf"), """
        switchboard.api.secrets = [s]
        switchboard.recordings {
          enabled = false
          playback-formats = [presentation, video, podcast]
          protected { enabled = true, signing-key = from-file, cookie-timeout = 1h }
        }
        """);

    RecordingsConfig recordings = ConfigLoader.load(Optional.of(file), Map.of(
        "RECORDING_DISABLED", "false",
        "RECORDING_PLAYBACK_FORMATS", "notes",
        "SECRET_KEY_BASE", "from-env",
        "PROTECTED_RECORDINGS_TIMEOUT", "30")).recordings();

    assertThat(recordings.enabled()).isTrue();
    assertThat(recordings.playbackFormats()).containsExactly("notes");
    assertThat(recordings.protection()).isEqualTo(new ProtectedRecordingsConfig(true, Duration.ofMinutes(60),
        Duration.ofMinutes(30), "from-env"));
  }

  @Test
  void blankVariablesLeaveTheDefaults() {
    RecordingsConfig recordings = load(Map.of("RECORDING_DISABLED", " ", "RECORDING_SPOOL_DIR", "",
        "SECRET_KEY_BASE", "", "RECORDING_PLAYER_DIR", " ")).recordings();

    assertThat(recordings.enabled()).isTrue();
    assertThat(recordings.spoolDir()).isEqualTo(Path.of("/var/bigbluebutton/spool"));
    assertThat(recordings.protection().signingKey()).matches(HEX_128);
    assertThat(recordings.playerDir()).isEmpty();
  }

  @Test
  void theSigningKeyVariableIsNeverPrinted() {
    SwitchboardConfig config = load(Map.of("SECRET_KEY_BASE", "hunter2", "PROTECTED_RECORDINGS_ENABLED", "true"));

    assertThat(config.toString()).doesNotContain("hunter2");
  }

  static Stream<Arguments> badVariables() {
    String seconds = "a positive number of seconds, e.g. 60 or 0.5";
    String minutes = "a positive number of minutes, e.g. 60 or 1.5";
    String formats = "a colon-separated list of " + FORMATS_EXPECTED;
    return Stream.of(
        arguments("RECORDING_IMPORT_MODE", "nfs", "RECORDING_IMPORT_MODE: nfs (expected: spool or shared-volume)"),
        arguments("RECORDING_IMPORT_POLL_INTERVAL", "0",
            "RECORDING_IMPORT_POLL_INTERVAL: 0 (expected: " + seconds + ")"),
        arguments("RECORDING_IMPORT_POLL_INTERVAL", "1m",
            "RECORDING_IMPORT_POLL_INTERVAL: 1m (expected: " + seconds + ")"),
        arguments("PROTECTED_RECORDINGS_TOKEN_TIMEOUT", "-5",
            "PROTECTED_RECORDINGS_TOKEN_TIMEOUT: -5 (expected: " + minutes + ")"),
        arguments("PROTECTED_RECORDINGS_TOKEN_TIMEOUT", "0",
            "PROTECTED_RECORDINGS_TOKEN_TIMEOUT: 0 (expected: " + minutes + ")"),
        arguments("PROTECTED_RECORDINGS_TIMEOUT", "6h", "PROTECTED_RECORDINGS_TIMEOUT: 6h (expected: " + minutes + ")"),
        arguments("RECORDING_PLAYBACK_FORMATS", "presentation:Video",
            "RECORDING_PLAYBACK_FORMATS: presentation:Video (expected: " + formats + ")"),
        arguments("RECORDING_PLAYBACK_FORMATS", "presentation,video",
            "RECORDING_PLAYBACK_FORMATS: presentation,video (expected: " + formats + ")"),
        arguments("RECORDING_PLAYBACK_FORMATS", "../etc", "RECORDING_PLAYBACK_FORMATS: ../etc (expected: " + formats + ")"),
        arguments("RECORDING_PLAYBACK_FORMATS", "video:scalelite",
            "RECORDING_PLAYBACK_FORMATS: video:scalelite (expected: " + formats + ")"),
        arguments("RECORDING_PUBLISH_DIR", "/var/bigbluebutton/unpublished/p",
            "switchboard.recordings.unpublish-dir: \"/var/bigbluebutton/unpublished\" (expected: a directory apart "
                + "from publish-dir (/var/bigbluebutton/unpublished/p), neither inside the other)"),
        arguments("RECORDING_FAILED_DIR", "/var/bigbluebutton/spool",
            "switchboard.recordings.failed-dir: \"/var/bigbluebutton/spool\" (expected: a directory other than "
                + "spool-dir (/var/bigbluebutton/spool))"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badVariables")
  void aBadVariableIsAOneLineErrorNamingItAndItsValue(String variable, String value, String message) {
    assertThatThrownBy(() -> load(Map.of(variable, value)))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message);
  }

  private static Named<Function<RecordingsConfig, Object>> accessor(String name,
      Function<RecordingsConfig, Object> accessor) {
    return named(name, accessor);
  }

  private static SwitchboardConfig load(Map<String, String> environment) {
    Map<String, String> withSecret = new HashMap<>(environment);
    withSecret.putIfAbsent("LOADBALANCER_SECRET", "lb-secret");
    return ConfigLoader.load(Optional.empty(), withSecret);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a = "/v/published/a"           | switchboard.tenants.recordings-dirs.a: "/v/published/a" (expected: a directory apart from switchboard.recordings.publish-dir (/v/published), neither inside the other)
      a = "/v"                       | switchboard.tenants.recordings-dirs.a: "/v" (expected: a directory apart from switchboard.recordings.spool-dir (/v/spool), neither inside the other)
      a = "/v/unpublished"           | switchboard.tenants.recordings-dirs.a: "/v/unpublished" (expected: a directory apart from switchboard.recordings.unpublish-dir (/v/unpublished), neither inside the other)
      a = "/t/a", b = "/t/a/b"       | switchboard.tenants.recordings-dirs.b: "/t/a/b" (expected: a directory apart from a (/t/a), neither inside the other)
      """)
  void tenantRecordingsDirectoriesAreKeptApartFromEveryOtherTree(String entries, String message) {
    assertThatThrownBy(() -> read("""
        switchboard.recordings {
          spool-dir = "/v/spool"
          work-dir = "/v/work"
          publish-dir = "/v/published"
          unpublish-dir = "/v/unpublished"
        }
        switchboard.tenants.recordings-dirs {
        """ + entries + "\n}"))
        .isInstanceOf(ConfigError.class)
        .hasMessage(message);
  }

  @Test
  void tenantRecordingsDirectoriesBesideTheGlobalTreesAreAccepted() {
    SwitchboardConfig config = read("""
        switchboard.recordings { publish-dir = "/v/published", unpublish-dir = "/v/unpublished" }
        switchboard.tenants.recordings-dirs { a = "/v/tenant-a", b = "/v/tenant-ab" }
        """);
    assertThat(config.tenants().recordingsDirs())
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", Path.of("/v/tenant-a"), "b", Path.of("/v/tenant-ab")));
  }

  private static SwitchboardConfig read(String hocon) {
    return SwitchboardConfig.from(ConfigFactory.parseString("switchboard.api.secrets = [lb-secret]\n" + hocon)
        .withFallback(ConfigFactory.defaultReference())
        .resolve());
  }
}
