package io.switchboard.recordings.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Writes tar archives block by block, so tests can build what a well-behaved writer refuses to: headers that lie
 * about sizes, links and devices, PAX records with any value, archives cut short.
 */
final class RawTar {
  private static final int BLOCK = 512;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  RawTar directory(String name) throws IOException {
    return entry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true), new byte[0]);
  }

  RawTar file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  RawTar file(String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
    entry.setSize(content.length);
    return entry(entry, content);
  }

  /** A header of {@code type} with no data, e.g. a link ({@code linkName}) or a device. */
  RawTar special(String name, byte type, String linkName) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
    entry.setLinkName(linkName);
    return entry(entry, new byte[0]);
  }

  /** A PAX extended header that applies to the next entry. */
  RawTar pax(Map<String, String> records) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (Map.Entry<String, String> record : records.entrySet()) {
      byte[] body = (" " + record.getKey() + "=" + record.getValue() + "\n").getBytes(StandardCharsets.UTF_8);
      int length = body.length + 1;
      while (String.valueOf(length).length() + body.length != length) {
        length = String.valueOf(length).length() + body.length;
      }
      data.writeBytes(String.valueOf(length).getBytes(StandardCharsets.US_ASCII));
      data.writeBytes(body);
    }
    byte[] bytes = data.toByteArray();
    TarArchiveEntry header = new TarArchiveEntry("./PaxHeaders/entry", TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
    header.setSize(bytes.length);
    return entry(header, bytes);
  }

  /** The header as given (its size may lie) followed by {@code data}, padded to a block. */
  RawTar entry(TarArchiveEntry entry, byte[] data) throws IOException {
    byte[] header = new byte[BLOCK];
    entry.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8), true);
    out.writeBytes(header);
    out.writeBytes(data);
    int padding = (BLOCK - data.length % BLOCK) % BLOCK;
    out.writeBytes(new byte[padding]);
    return this;
  }

  /** The archive with its two end-of-archive blocks. */
  byte[] bytes() {
    ByteArrayOutputStream complete = new ByteArrayOutputStream();
    complete.writeBytes(out.toByteArray());
    complete.writeBytes(new byte[2 * BLOCK]);
    return complete.toByteArray();
  }

  /** The archive so far, without the end-of-archive blocks (for entries whose data is missing). */
  byte[] truncated() {
    return out.toByteArray();
  }

  Path writeTo(Path file) throws IOException {
    return Files.write(file, bytes());
  }
}
