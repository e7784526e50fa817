package io.switchboard.recordings.importer;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.recordings.Recording;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link RecordingImporter#blockingImport} did with one tarball: imported these recordings (the tarball is
 * deleted), or failed for a reason, the tarball now at {@code movedTo} (in the failed directory with a
 * {@code .reason} file beside it, or still at its own path when the failure was the store's and a later pass retries).
 */
public sealed interface ImportResult permits ImportResult.Imported, ImportResult.Failed {

  /** Every recording of the tarball was imported, as now indexed. */
  record Imported(List<Recording> recordings) implements ImportResult {
    public Imported {
      recordings = List.copyOf(requireNonNull(recordings, "recordings"));
    }
  }

  /** The tarball was not (or not completely) imported; {@code reason} is one line per problem. */
  record Failed(String reason, Path movedTo) implements ImportResult {
    public Failed {
      requireNonNull(reason, "reason");
      requireNonNull(movedTo, "movedTo");
    }
  }
}
