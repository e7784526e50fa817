package io.switchboard.recordings.importer;

import io.switchboard.storage.recordings.Recording;

/**
 * Told about every recording a tarball import indexed completely, after it is saved (the hook of Scalelite's
 * recording-ready notifier, spec §11.3), and about every tarball the importer gave up on. Called on the importer's
 * thread: an implementation that does network I/O hands it off. An exception it throws is logged and does not undo
 * the import.
 */
@FunctionalInterface
public interface RecordingReadyListener {
  void recordingImported(Recording recording);

  /** A tarball that could not be imported and went to the failed directory (or stays in the spool, unmovable). */
  default void importFailed(String reason) {}
}
