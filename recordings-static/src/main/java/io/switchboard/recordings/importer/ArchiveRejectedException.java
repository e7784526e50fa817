package io.switchboard.recordings.importer;

/**
 * A tarball {@link TarExtractor} refused as a whole: corrupt or truncated, or hostile (an entry outside the target, a
 * link, a device, a sparse file, a bomb past the import limits). The message names the entry and the rule, in one line.
 */
final class ArchiveRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  ArchiveRejectedException(String message) {
    super(message);
  }

  ArchiveRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
