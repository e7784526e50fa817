package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingPage;
import io.switchboard.storage.recordings.RecordingQuery;
import io.switchboard.storage.recordings.RecordingStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link RecordingStore}: recordings sorted by record id (so a recordID prefix is a range) plus an index
 * from meetingID to record ids. Writes take one lock, so {@link #update} applies its change exactly once and the index
 * never loses a recording; reads take none and see each recording either before or after a write. The index may name a
 * recording that a concurrent write is moving to another meeting, so every candidate is checked against the query
 * again ({@link RecordingQuery#matches}).
 */
final class MemoryRecordingStore implements RecordingStore {
  /** Newest first; record id breaks ties so pages are stable. */
  static final Comparator<Recording> NEWEST_FIRST =
      Comparator.comparingLong(Recording::startTimeMillis).reversed().thenComparing(Recording::recordId);

  /** Up to this many matches (offset + limit), a query keeps the best in a heap instead of sorting them all. */
  private static final int PARTIAL_SORT_MAX = 1_000;

  private final Object writeLock = new Object();
  private final ConcurrentSkipListMap<String, Recording> recordings = new ConcurrentSkipListMap<>();
  private final ConcurrentHashMap<String, Set<String>> idsByMeeting = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<RecordingPage> find(RecordingQuery query) {
    requireNonNull(query, "query");
    long wanted = query.limit().map(limit -> (long) query.offset() + limit).orElse(Long.MAX_VALUE);
    return CompletableFuture.completedStage(wanted <= PARTIAL_SORT_MAX ? findTop(query, (int) wanted) : findAll(query));
  }

  /** Sorts every match, then cuts the page. */
  private RecordingPage findAll(RecordingQuery query) {
    List<Recording> matches = new ArrayList<>();
    for (Recording recording : candidates(query)) {
      if (query.matches(recording)) {
        matches.add(recording);
      }
    }
    matches.sort(NEWEST_FIRST);
    int total = matches.size();
    int from = Math.min(query.offset(), total);
    int to = query.limit().map(limit -> (int) Math.min((long) from + limit, total)).orElse(total);
    return new RecordingPage(matches.subList(from, to), total);
  }

  /** Keeps only the {@code wanted} newest matches (a page near the start of a long list), counting the rest. */
  private RecordingPage findTop(RecordingQuery query, int wanted) {
    PriorityQueue<Recording> newest = new PriorityQueue<>(wanted + 1, NEWEST_FIRST.reversed());
    int total = 0;
    for (Recording recording : candidates(query)) {
      if (query.matches(recording)) {
        total++;
        newest.add(recording);
        if (newest.size() > wanted) {
          newest.poll();
        }
      }
    }
    List<Recording> top = new ArrayList<>(newest);
    top.sort(NEWEST_FIRST);
    return new RecordingPage(top.subList(Math.min(query.offset(), top.size()), top.size()), total);
  }

  @Override
  public CompletionStage<Optional<Recording>> get(String recordId) {
    requireNonNull(recordId, "recordId");
    return CompletableFuture.completedStage(Optional.ofNullable(recordings.get(recordId)));
  }

  @Override
  public CompletionStage<List<Recording>> getAll(Collection<String> recordIds) {
    List<Recording> found = new ArrayList<>();
    for (String recordId : distinct(recordIds)) {
      Recording recording = recordings.get(recordId);
      if (recording != null) {
        found.add(recording);
      }
    }
    return CompletableFuture.completedStage(found);
  }

  @Override
  public CompletionStage<Void> save(Recording recording) {
    requireNonNull(recording, "recording");
    synchronized (writeLock) {
      store(recordings.get(recording.recordId()), recording);
    }
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletionStage<Optional<Recording>> update(String recordId, UnaryOperator<Recording> change) {
    requireNonNull(recordId, "recordId");
    requireNonNull(change, "change");
    synchronized (writeLock) {
      Recording current = recordings.get(recordId);
      if (current == null) {
        return CompletableFuture.completedStage(Optional.empty());
      }
      Recording next;
      try {
        next = changed(current, change);
      } catch (RuntimeException e) {
        return CompletableFuture.failedStage(e);
      }
      store(current, next);
      return CompletableFuture.completedStage(Optional.of(next));
    }
  }

  @Override
  public CompletionStage<Boolean> remove(String recordId) {
    requireNonNull(recordId, "recordId");
    synchronized (writeLock) {
      Recording removed = recordings.remove(recordId);
      if (removed != null) {
        unindex(removed.meetingId(), recordId);
      }
      return CompletableFuture.completedStage(removed != null);
    }
  }

  @Override
  public CompletionStage<List<String>> recordIds() {
    return CompletableFuture.completedStage(List.copyOf(recordings.keySet()));
  }

  @Override
  public CompletionStage<Boolean> updateMetadata(Collection<String> recordIds, Map<String, String> changes) {
    Set<String> ids = distinct(recordIds);
    requireNonNull(changes, "changes");
    changes.forEach((key, value) -> {
      requireNonNull(key, "changes: a key");
      requireNonNull(value, "changes: a value");
    });
    boolean anyChanged = false;
    synchronized (writeLock) {
      for (String recordId : ids) {
        Recording current = recordings.get(recordId);
        if (current == null) {
          continue;
        }
        Map<String, String> metadata = withChanges(current.metadata(), changes);
        if (!metadata.equals(current.metadata())) {
          store(current, current.withMetadata(metadata));
          anyChanged = true;
        }
      }
    }
    return CompletableFuture.completedStage(anyChanged);
  }

  /** {@code metadata} with every change applied: {@code ""} removes the key, anything else upserts it in place. */
  static Map<String, String> withChanges(Map<String, String> metadata, Map<String, String> changes) {
    Map<String, String> result = new LinkedHashMap<>(metadata);
    changes.forEach((key, value) -> {
      if (value.isEmpty()) {
        result.remove(key);
      } else {
        result.put(key, value);
      }
    });
    return result;
  }

  /**
   * The recordings that may match: those of the query's meetings, else those under its record id prefixes, else all.
   */
  private Collection<Recording> candidates(RecordingQuery query) {
    if (!query.meetingIds().isEmpty()) {
      Map<String, Recording> found = new HashMap<>();
      for (String meetingId : new LinkedHashSet<>(query.meetingIds())) {
        Set<String> ids = idsByMeeting.get(meetingId);
        if (ids == null) {
          continue;
        }
        for (String recordId : ids) {
          Recording recording = recordings.get(recordId);
          if (recording != null) {
            found.put(recordId, recording);
          }
        }
      }
      return found.values();
    }
    if (!query.recordIdPrefixes().isEmpty()) {
      Map<String, Recording> found = new HashMap<>();
      for (String prefix : new LinkedHashSet<>(query.recordIdPrefixes())) {
        for (Map.Entry<String, Recording> entry : recordings.tailMap(prefix, true).entrySet()) {
          if (!entry.getKey().startsWith(prefix)) {
            break;
          }
          found.put(entry.getKey(), entry.getValue());
        }
      }
      return found.values();
    }
    return recordings.values();
  }

  /**
   * Replaces {@code previous} (or nothing) by {@code next}, holding the write lock. The new index entry is added before
   * the recording and the stale one removed after, so a reader never misses a recording that is stored throughout.
   */
  private void store(@Nullable Recording previous, Recording next) {
    idsByMeeting.computeIfAbsent(next.meetingId(), meetingId -> ConcurrentHashMap.newKeySet()).add(next.recordId());
    recordings.put(next.recordId(), next);
    if (previous != null && !previous.meetingId().equals(next.meetingId())) {
      unindex(previous.meetingId(), previous.recordId());
    }
  }

  private void unindex(String meetingId, String recordId) {
    Set<String> ids = idsByMeeting.get(meetingId);
    if (ids != null) {
      ids.remove(recordId);
      if (ids.isEmpty()) {
        idsByMeeting.remove(meetingId);
      }
    }
  }

  private static Recording changed(Recording current, UnaryOperator<Recording> change) {
    Recording next = requireNonNull(change.apply(current), "change returned null");
    if (!next.recordId().equals(current.recordId())) {
      throw new IllegalArgumentException("change: turned record id " + current.recordId() + " into "
          + next.recordId() + " (expected: the same id)");
    }
    return next;
  }

  private static Set<String> distinct(Collection<String> recordIds) {
    requireNonNull(recordIds, "recordIds");
    Set<String> ids = new LinkedHashSet<>();
    for (String recordId : recordIds) {
      ids.add(requireNonNull(recordId, "recordIds: an element"));
    }
    return ids;
  }
}
