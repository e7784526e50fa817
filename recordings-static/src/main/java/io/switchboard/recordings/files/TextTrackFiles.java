package io.switchboard.recordings.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The text tracks of a recording on disk (bbb-api §5.11, §5.12): {@code captions.json} and the
 * {@code caption_<locale>.vtt} files in the recording's {@code presentation} directory, published or unpublished.
 * Files are replaced by writing a temporary file beside them and renaming it, so a player never reads half a track,
 * and captions.json is opened without following a symbolic link. Every method is blocking.
 */
public final class TextTrackFiles {
  static final String CAPTIONS_JSON = "captions.json";
  /** BBB's captions.json holds a few entries; anything this large is not one. */
  private static final int MAX_CAPTIONS_JSON_BYTES = 1 << 20;
  private static final String PRESENTATION = "presentation";
  /** What BBB's own files have, so the track stays readable by whatever else serves the tree. */
  private static final Set<PosixFilePermission> READABLE = Set.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

  private final RecordingFiles files;

  public TextTrackFiles(RecordingFiles files) {
    this.files = requireNonNull(files, "files");
  }

  /**
   * The tracks listed in the recording's captions.json (none when there is no such file); empty when the recording
   * has no presentation directory in the trees of {@code placement}.
   *
   * @throws IOException when captions.json cannot be read or is not a JSON array
   * @throws IllegalArgumentException when {@code recordId} is not a BBB record id
   */
  public Optional<List<TextTrack>> blockingTracks(Placement placement, String recordId) throws IOException {
    synchronized (files.lockOf(recordId)) {
      Optional<Path> directory = files.blockingFormatDirectory(placement, recordId, PRESENTATION);
      if (directory.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(read(directory.get()));
    }
  }

  /**
   * Stores {@code webVtt} as the track's {@code caption_<locale>.vtt} and adds the track to captions.json, replacing
   * the entry with the same locale in place; false when the recording has no presentation directory in the trees of
   * {@code placement}.
   *
   * @throws IOException when a file cannot be written, or the existing captions.json is unreadable
   * @throws IllegalArgumentException when {@code recordId} is not a BBB record id
   */
  public boolean blockingPut(Placement placement, String recordId, TextTrack track, byte[] webVtt)
      throws IOException {
    requireNonNull(track, "track");
    requireNonNull(webVtt, "webVtt");
    synchronized (files.lockOf(recordId)) {
      Optional<Path> found = files.blockingFormatDirectory(placement, recordId, PRESENTATION);
      if (found.isEmpty()) {
        return false;
      }
      Path directory = found.get();
      List<TextTrack> tracks = new ArrayList<>(read(directory));
      int existing = indexOfLocale(tracks, track.locale());
      if (existing < 0) {
        tracks.add(track);
      } else {
        tracks.set(existing, track);
      }
      replace(directory, track.fileName(), webVtt);
      replace(directory, CAPTIONS_JSON, CaptionsJson.write(tracks));
      return true;
    }
  }

  private static int indexOfLocale(List<TextTrack> tracks, String locale) {
    for (int i = 0; i < tracks.size(); i++) {
      if (tracks.get(i).locale().equals(locale)) {
        return i;
      }
    }
    return -1;
  }

  private static List<TextTrack> read(Path directory) throws IOException {
    Path json = directory.resolve(CAPTIONS_JSON);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(json, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes(MAX_CAPTIONS_JSON_BYTES + 1);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    if (bytes.length > MAX_CAPTIONS_JSON_BYTES) {
      throw new IOException(json + ": larger than " + MAX_CAPTIONS_JSON_BYTES + " bytes");
    }
    return CaptionsJson.parse(bytes);
  }

  /** Writes {@code name} in {@code directory} through a temporary file and a rename (a link there is replaced). */
  private static void replace(Path directory, String name, byte[] content) throws IOException {
    Path temporary = Files.createTempFile(directory, "." + name + ".", ".tmp");
    try {
      if (Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(temporary, READABLE);
      }
      Files.write(temporary, content, StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }
}
