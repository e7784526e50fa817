package io.switchboard.recordings.files;

import io.switchboard.conf.ImportLimits;
import io.switchboard.conf.ImportMode;
import io.switchboard.conf.ProtectedRecordingsConfig;
import io.switchboard.conf.RecordingsConfig;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.Thumbnail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Fixtures for the recordings API and files tests: configurations over a temporary root, recordings, trees. */
public final class RecordingFixtures {
  public static final List<String> FORMATS = List.of("presentation", "video", "podcast", "notes", "screenshare");

  private RecordingFixtures() {}

  /** Recordings enabled, trees under {@code root}, every usual format, no filtering, page size 100. */
  public static RecordingsConfig config(Path root) {
    return config(root, true, false, false, FORMATS);
  }

  public static RecordingsConfig config(Path root, boolean enabled, boolean filtered, boolean protection,
      List<String> formats) {
    return new RecordingsConfig(enabled, ImportMode.SPOOL, root.resolve("spool"), root.resolve("work"),
        root.resolve("published"), root.resolve("unpublished"), root.resolve("failed"), false,
        Duration.ofSeconds(60), formats, Optional.empty(), filtered, 100,
        new ImportLimits(1 << 30, 1 << 29, 10_000),
        new ProtectedRecordingsConfig(protection, Duration.ofMinutes(1), Duration.ofHours(6),
            protection ? "signing-key" : ""));
  }

  /** A published recording of {@code meetingId} with a presentation format and the given start time. */
  public static Recording recording(String recordId, String meetingId, long start) {
    return new Recording(recordId, meetingId, "Meeting " + meetingId, true, false, Optional.of("published"), start,
        start + 60_000, OptionalInt.of(3), Map.of("gl-listed", "true"), List.of(presentation(recordId)), false);
  }

  public static PlaybackFormat presentation(String recordId) {
    return new PlaybackFormat("presentation", "/playback/presentation/2.3/" + recordId, OptionalInt.of(1),
        OptionalLong.empty(), List.of(new Thumbnail("/presentation/" + recordId + "/thumb-1.png", "176", "136",
            "Welcome", 0)));
  }

  public static PlaybackFormat video(String recordId) {
    return new PlaybackFormat("video", "/playback/video/" + recordId + "/", OptionalInt.of(1), OptionalLong.empty(),
        List.of());
  }

  /** Writes {@code <tree>/<format>/<recordId>/metadata.xml} with {@code content}; returns the format directory. */
  public static Path formatDirectory(Path tree, String format, String recordId, String content) throws IOException {
    Path directory = Files.createDirectories(tree.resolve(format).resolve(recordId));
    Files.writeString(directory.resolve("metadata.xml"), content, StandardCharsets.UTF_8);
    return directory;
  }
}
