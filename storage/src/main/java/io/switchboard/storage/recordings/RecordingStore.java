package io.switchboard.storage.recordings;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The recordings index (spec §8 recordings, metadata, playback_formats, thumbnails). The embedded implementation
 * keeps it in memory and rebuilds it from the recording trees at start; the PostgreSQL one uses Scalelite's schema.
 * Files are not this store's business: callers move directories and then record the outcome here.
 */
public interface RecordingStore {

  /** Matches of {@code query}, newest first, paginated by its offset and limit. */
  CompletionStage<RecordingPage> find(RecordingQuery query);

  CompletionStage<Optional<Recording>> get(String recordId);

  /** The recordings with exactly these ids, any state, in no particular order. */
  CompletionStage<List<Recording>> getAll(Collection<String> recordIds);

  /** Inserts or replaces the recording with its id (an import, or a re-import of the same recording). */
  CompletionStage<Void> save(Recording recording);

  /** Applies {@code change} atomically to the stored recording; empty when there is none. */
  CompletionStage<Optional<Recording>> update(String recordId, UnaryOperator<Recording> change);

  /** Forgets the recording entirely (its files vanished from a shared volume); false when it was not indexed. */
  CompletionStage<Boolean> remove(String recordId);

  /** Every indexed recording id, for reconciling the index with the trees on disk. */
  CompletionStage<List<String>> recordIds();

  /**
   * Sets and removes metadata keys on all the recordings at once (updateRecordings, spec §9.4): {@code changes} maps
   * a key to its new value, or to {@code ""} to remove it. Returns whether any recording changed.
   */
  CompletionStage<Boolean> updateMetadata(Collection<String> recordIds, Map<String, String> changes);
}
