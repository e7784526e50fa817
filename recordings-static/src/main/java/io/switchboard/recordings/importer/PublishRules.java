package io.switchboard.recordings.importer;

import io.switchboard.storage.recordings.Recording;
import java.util.Optional;

/**
 * The published and protected flags an imported or discovered recording ends up with (spec §9.7 steps 2b and 2c).
 * Pure. Unlike Scalelite, the state follows the flag when it is {@code published} or {@code unpublished}, so a
 * recording imported unpublished, or kept unpublished by an operator, is not listed as {@code published}.
 */
final class PublishRules {
  private PublishRules() {}

  /**
   * A tarball import: an operator's publishRecordings choice ({@code publishUpdated}) is kept; otherwise
   * {@code importUnpublished} imports it unpublished; otherwise the metadata.xml's {@code published} decides.
   * {@code protected} is the configuration's, as at Scalelite's import time.
   */
  static Recording imported(Optional<Recording> stored, Recording merged, boolean xmlPublished,
      boolean importUnpublished, boolean protect) {
    boolean published;
    if (stored.isPresent() && stored.get().publishUpdated()) {
      published = stored.get().published();
    } else {
      published = !importUnpublished && xmlPublished;
    }
    return with(merged, published, protect);
  }

  /**
   * A recording found in the trees (index rebuild, shared volume): published iff it lies in the published tree;
   * protected as stored, or the configuration's default for a recording not indexed before.
   */
  static Recording indexed(Optional<Recording> stored, Recording merged, boolean inPublishedTree,
      boolean defaultProtected) {
    return with(merged, inPublishedTree, stored.map(Recording::protectedRecording).orElse(defaultProtected));
  }

  private static Recording with(Recording recording, boolean published, boolean protect) {
    Optional<String> state = recording.state();
    if (state.isPresent() && (state.get().equals("published") || state.get().equals("unpublished"))) {
      state = Optional.of(published ? "published" : "unpublished");
    }
    return new Recording(recording.recordId(), recording.meetingId(), recording.name(), published, protect, state,
        recording.startTimeMillis(), recording.endTimeMillis(), recording.participants(), recording.metadata(),
        recording.formats(), recording.publishUpdated());
  }
}
