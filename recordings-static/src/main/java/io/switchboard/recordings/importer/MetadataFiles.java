package io.switchboard.recordings.importer;

import io.switchboard.recordings.metadata.InvalidMetadataException;
import io.switchboard.recordings.metadata.MetadataXml;
import io.switchboard.storage.recordings.Recording;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads a {@code <format>/<recordId>/metadata.xml} from disk: at most {@link #MAX_BYTES} (BBB writes a few
 * kilobytes), never through a symbolic link, and only when the {@code <id>} inside names the directory it lies in,
 * so a file cannot index itself under another recording's id.
 */
final class MetadataFiles {
  static final String FILE_NAME = "metadata.xml";
  static final int MAX_BYTES = 4 * 1024 * 1024;

  /** BBB's record id alphabet: letters, digits and {@code -} ({@code <sha1>-<epoch ms>}). */
  private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9-]+");

  private MetadataFiles() {}

  static boolean isRecordId(String name) {
    return RECORD_ID.matcher(name).matches();
  }

  /** The recording of {@code metadataXml}, found in directory {@code <format>/<recordId>}. */
  static Recording blockingRead(Path metadataXml, String format, String recordId)
      throws IOException, InvalidMetadataException {
    if (!Files.isRegularFile(metadataXml, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidMetadataException(format + "/" + recordId + "/" + FILE_NAME + " is not a regular file");
    }
    byte[] bytes;
    try (FileChannel channel = FileChannel.open(metadataXml, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > MAX_BYTES) {
        throw new InvalidMetadataException(format + "/" + recordId + "/" + FILE_NAME + " is larger than "
            + MAX_BYTES + " bytes");
      }
      // Exactly the size the file had when opened: a writer still appending makes an incomplete document, which
      // fails to parse and is read again once its size or time changes.
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      int read = 0;
      while (buffer.hasRemaining() && read >= 0) {
        read = channel.read(buffer);
      }
      bytes = buffer.position() == buffer.capacity()
          ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
    }
    Recording recording = MetadataXml.parse(bytes, format);
    if (!recording.recordId().equals(recordId)) {
      throw new InvalidMetadataException(format + "/" + recordId + "/" + FILE_NAME + " describes recording "
          + recording.recordId());
    }
    return recording;
  }
}
