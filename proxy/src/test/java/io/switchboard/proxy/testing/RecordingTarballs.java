package io.switchboard.proxy.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Recording tarballs as {@code scalelite_post_publish.rb} writes them: {@code <rid>.tar} of {@code presentation/<rid>/…}. */
public final class RecordingTarballs {
  /** The bytes of the one playback file every tarball carries, {@code presentation/<rid>/shapes.svg}. */
  public static final byte[] SHAPES =
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>".getBytes(StandardCharsets.UTF_8);

  private RecordingTarballs() {}

  /** Writes {@code <directory>/<recordId>.tar} under a dot name first and renames it, as rsync does. */
  public static Path write(Path directory, String recordId, String meetingId) throws IOException {
    return write(directory, recordId, meetingId, Map.of());
  }

  /** As {@link #write(Path, String, String)}, with more files in {@code presentation/<rid>/}, by name. */
  public static Path write(Path directory, String recordId, String meetingId, Map<String, byte[]> moreFiles)
      throws IOException {
    return write(directory, recordId, meetingId, Map.of(), moreFiles);
  }

  /**
   * As {@link #write(Path, String, String, Map)}, the recording made with more {@code meta_<key>} parameters (e.g.
   * {@code tenant-id}, which Scalelite adds at create), by key.
   */
  public static Path write(Path directory, String recordId, String meetingId, Map<String, String> meta,
      Map<String, byte[]> moreFiles) throws IOException {
    Files.createDirectories(directory);
    Path partial = directory.resolve("." + recordId + ".tar.partial");
    try (OutputStream out = Files.newOutputStream(partial);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      add(tar, "presentation/" + recordId + "/metadata.xml",
          metadataXml(recordId, meetingId, meta).getBytes(StandardCharsets.UTF_8));
      add(tar, "presentation/" + recordId + "/shapes.svg", SHAPES);
      for (Map.Entry<String, byte[]> file : moreFiles.entrySet()) {
        add(tar, "presentation/" + recordId + "/" + file.getKey(), file.getValue());
      }
    }
    return Files.move(partial, directory.resolve(recordId + ".tar"));
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static String metadataXml(String recordId, String meetingId, Map<String, String> meta) {
    StringBuilder more = new StringBuilder();
    new TreeMap<>(meta).forEach((key, value) -> more.append("    <").append(key).append('>').append(value)
        .append("</").append(key).append(">\n"));
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <recording>
          <id>%1$s</id>
          <state>published</state>
          <published>true</published>
          <start_time>1700000000000</start_time>
          <end_time>1700003600000</end_time>
          <participants>3</participants>
          <meeting id="%1$s" externalId="%2$s" name="Lecture" breakout="false"/>
          <meta>
            <meetingId>%2$s</meetingId>
            <meetingName>Lecture</meetingName>
            <isBreakout>false</isBreakout>
            <gl-listed>true</gl-listed>
        %3$s  </meta>
          <playback>
            <format>presentation</format>
            <link>https://bbb1.example.com/playback/presentation/2.3/%1$s</link>
            <processing_time>12000</processing_time>
            <duration>3540000</duration>
          </playback>
        </recording>
        """.formatted(recordId, meetingId, more);
  }
}
