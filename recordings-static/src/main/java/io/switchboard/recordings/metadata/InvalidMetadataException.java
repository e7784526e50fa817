package io.switchboard.recordings.metadata;

/**
 * A {@code metadata.xml} that cannot become a recording (spec §9.8): not well-formed, a DTD, another root than
 * {@code <recording>}, or a missing id, meetingId, playback or link. The message says which, in one line, so the
 * importer can write it into the failed tarball's {@code .reason} file.
 */
public final class InvalidMetadataException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidMetadataException(String message) {
    super(message);
  }

  public InvalidMetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
