package io.switchboard.recordings.serving;

import io.switchboard.conf.ImportLimits;
import io.switchboard.conf.ImportMode;
import io.switchboard.conf.ProtectedRecordingsConfig;
import io.switchboard.conf.RecordingsConfig;
import io.switchboard.storage.MutableClock;
import io.switchboard.storage.RecordingTokenStore.Grant;
import io.switchboard.storage.Stores;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;

/**
 * A recordings installation in a temporary directory: the published, unpublished and player trees, a secret file
 * next to them that must never be served, in-memory stores on a stopped clock, and the configuration pointing at them.
 */
final class PlaybackFixture {
  static final String SIGNING_KEY = "test-secret-key-base";
  static final Duration COOKIE_TIMEOUT = Duration.ofMinutes(360);
  static final byte[] SECRET = "TOP-SECRET-BYTES-never-served".getBytes(StandardCharsets.UTF_8);

  final Path published;
  final Path unpublished;
  final Path player;
  final Path secret;
  final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
  final Stores stores = Stores.inMemory(clock);
  private final Path base;

  PlaybackFixture(Path base) {
    this.base = base;
    this.published = directory(base.resolve("published"));
    this.unpublished = directory(base.resolve("unpublished"));
    this.player = directory(base.resolve("playback"));
    this.secret = write(base.resolve("secret.txt"), SECRET);
  }

  RecordingsConfig config(boolean enabled, boolean protection, boolean withPlayer) {
    return new RecordingsConfig(enabled, ImportMode.SPOOL, base.resolve("spool"), base.resolve("work"), published,
        unpublished, base.resolve("failed"), false, Duration.ofSeconds(1),
        List.of("presentation", "video", "podcast", "notes", "capture", "screenshare"),
        withPlayer ? Optional.of(player) : Optional.empty(), false, 100, new ImportLimits(1 << 30, 1 << 30, 1000),
        new ProtectedRecordingsConfig(protection, Duration.ofMinutes(60), COOKIE_TIMEOUT, SIGNING_KEY));
  }

  RecordingsServing serving(boolean protection, ExecutorService blocking, boolean tls) {
    return new RecordingsServing(config(true, protection, true), stores.recordings(), stores.recordingTokens(),
        blocking, tls, clock);
  }

  /** Indexes a recording with the given formats, each with the url BBB would give it. */
  Recording index(String recordId, boolean published, boolean protectedRecording, String... formats) {
    List<PlaybackFormat> playback = Arrays.stream(formats).sorted()
        .map(format -> new PlaybackFormat(format, url(format, recordId), OptionalInt.of(1), OptionalLong.empty(),
            List.of()))
        .toList();
    Recording recording = new Recording(recordId, "meeting-" + recordId, "Meeting", published, protectedRecording,
        Optional.of(published ? "published" : "unpublished"), 1_700_000_000_000L, 1_700_000_060_000L,
        OptionalInt.of(2), Map.of(), playback, false);
    stores.recordings().save(recording).toCompletableFuture().join();
    return recording;
  }

  static String url(String format, String recordId) {
    return format.equals("presentation")
        ? "/playback/presentation/2.3/" + recordId
        : "/" + format + "/" + recordId + "/";
  }

  /** Writes {@code <published>/<format>/<rid>/<relative>}. */
  Path publish(String format, String recordId, String relative, byte[] content) {
    return write(published.resolve(format).resolve(recordId).resolve(relative), content);
  }

  Path publish(String format, String recordId, String relative, String content) {
    return publish(format, recordId, relative, content.getBytes(StandardCharsets.UTF_8));
  }

  Path playerFile(String relative, String content) {
    return write(player.resolve(relative), content.getBytes(StandardCharsets.UTF_8));
  }

  void token(String token, String recordId, String format) {
    stores.recordingTokens().put(token, new Grant(recordId, format), Duration.ofMinutes(60)).toCompletableFuture()
        .join();
  }

  static Path write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
