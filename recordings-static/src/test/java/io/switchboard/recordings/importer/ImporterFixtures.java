package io.switchboard.recordings.importer;

import io.switchboard.conf.ImportLimits;
import io.switchboard.conf.ImportMode;
import io.switchboard.conf.ProtectedRecordingsConfig;
import io.switchboard.conf.RecordingsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Configurations, metadata.xml files, recording tarballs and recording trees for the importer tests. */
final class ImporterFixtures {
  static final List<String> FORMATS = List.of("presentation", "video", "podcast");

  private ImporterFixtures() {}

  /** BBB's record id shape: 40 hex digits, a dash, epoch milliseconds. */
  static String recordId(int n) {
    return String.format("%040x-%d", n, 1_700_000_000_000L + n);
  }

  static RecordingsConfig config(Path root, ImportMode mode, boolean importUnpublished, Duration pollInterval,
      boolean protect) {
    return new RecordingsConfig(true, mode, root.resolve("spool"), root.resolve("work"), root.resolve("published"),
        root.resolve("unpublished"), root.resolve("failed"), importUnpublished, pollInterval, FORMATS,
        Optional.empty(), false, 100, new ImportLimits(50_000_000, 10_000_000, 10_000),
        new ProtectedRecordingsConfig(protect, Duration.ofMinutes(1), Duration.ofHours(1), protect ? "key" : ""));
  }

  static RecordingsConfig config(Path root, ImportMode mode) {
    return config(root, mode, false, Duration.ofHours(1), false);
  }

  static String metadataXml(String recordId, String format, boolean published, String meetingName) {
    String link = switch (format) {
      case "presentation" -> "https://bbb1.example.com/playback/presentation/2.3/" + recordId;
      case "podcast" -> "https://bbb1.example.com/podcast/" + recordId + "/audio.ogg";
      default -> "https://bbb1.example.com/playback/" + format + "/" + recordId + "/";
    };
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<recording>\n"
        + "  <id>" + recordId + "</id>\n"
        + "  <state>" + (published ? "published" : "unpublished") + "</state>\n"
        + "  <published>" + published + "</published>\n"
        + "  <start_time>1700000000000</start_time>\n"
        + "  <end_time>1700003600000</end_time>\n"
        + "  <participants>5</participants>\n"
        + "  <meeting id=\"" + recordId + "\" externalId=\"meeting-" + recordId.substring(36, 40) + "\" name=\""
        + meetingName + "\" breakout=\"false\"/>\n"
        + "  <meta>\n"
        + "    <isBreakout>false</isBreakout>\n"
        + "    <meetingId>meeting-" + recordId.substring(36, 40) + "</meetingId>\n"
        + "    <meetingName>" + meetingName + "</meetingName>\n"
        + "    <gl-listed>true</gl-listed>\n"
        + "  </meta>\n"
        + "  <playback>\n"
        + "    <format>" + format + "</format>\n"
        + "    <link>" + link + "</link>\n"
        + "    <processing_time>1234</processing_time>\n"
        + "    <duration>3600000</duration>\n"
        + "  </playback>\n"
        + "</recording>\n";
  }

  /** The files BBB leaves in a format directory besides metadata.xml (a few, small). */
  static Map<String, String> mediaFiles(String format) {
    return switch (format) {
      case "presentation" -> Map.of("shapes.svg", "<svg/>", "presentation/d2d9a672/slide-1.png", "PNG",
          "video/webcams.webm", "WEBM");
      case "video" -> Map.of("index.html", "<html/>", "video-0.m4v", "M4V");
      case "podcast" -> Map.of("audio.ogg", "OGG");
      default -> Map.of("index.html", "<html/>");
    };
  }

  /** A tarball as scalelite_post_publish.rb makes it: {@code <format>/<rid>/…} for every format. */
  static Path tarball(Path file, String recordId, boolean published, String meetingName, String... formats)
      throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String format : formats) {
      entries.put(format + "/" + recordId + "/metadata.xml", metadataXml(recordId, format, published, meetingName));
      mediaFiles(format).forEach((name, content) -> entries.put(format + "/" + recordId + "/" + name, content));
    }
    return tarball(file, entries);
  }

  /** A tarball of exactly these files (name → content). */
  static Path tarball(Path file, Map<String, String> entries) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> member : entries.entrySet()) {
        byte[] bytes = member.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(member.getKey());
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return file;
  }

  /** Writes {@code <tree>/<format>/<rid>/metadata.xml} and its media files, as BBB does on a shared volume. */
  static Path writeFormat(Path tree, String format, String recordId, String metadataXml) throws IOException {
    Path dir = Files.createDirectories(tree.resolve(format).resolve(recordId));
    for (Map.Entry<String, String> file : mediaFiles(format).entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return Files.writeString(dir.resolve("metadata.xml"), metadataXml);
  }

  /** Every regular file under {@code dir} (relative path → content); empty when {@code dir} does not exist. */
  static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(path).toString(), Files.readString(path));
      }
    }
    return files;
  }
}
