package io.switchboard.storage.recordings;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A getRecordings filter (spec §9.1), already parsed: every list empty means "no filter on that field".
 *
 * @param recordIdPrefixes a recording matches when its id starts with any of them (case-sensitive)
 * @param meetingIds a recording matches when its meetingID equals any of them
 * @param states a recording matches when its state is one of them; empty = any state (the {@code state=any} case)
 * @param metadata {@code meta_<key>=v1,v2} filters: a recording matches when ANY of its metadata entries has one of
 *     the keys with one of that key's values (Scalelite ORs them); empty = no metadata filter
 * @param tenantId when present, only recordings whose {@code tenant-id} metadata equals it
 * @param offset how many matches to skip (BBB 2.6 pagination)
 * @param limit how many matches to return at most, when paginating
 */
public record RecordingQuery(
    List<String> recordIdPrefixes,
    List<String> meetingIds,
    Set<String> states,
    Map<String, Set<String>> metadata,
    Optional<String> tenantId,
    int offset,
    Optional<Integer> limit) {

  /** Scalelite's default when {@code state} is absent. */
  public static final Set<String> DEFAULT_STATES = Set.of("published", "unpublished");

  public RecordingQuery {
    recordIdPrefixes = List.copyOf(requireNonNull(recordIdPrefixes, "recordIdPrefixes"));
    meetingIds = List.copyOf(requireNonNull(meetingIds, "meetingIds"));
    states = Set.copyOf(requireNonNull(states, "states"));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(metadata, "metadata")));
    requireNonNull(tenantId, "tenantId");
    requireNonNull(limit, "limit");
    if (offset < 0) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
    }
    if (limit.isPresent() && limit.get() < 1) {
      throw new IllegalArgumentException("limit: " + limit.get() + " (expected: >= 1)");
    }
  }

  /** Every published or unpublished recording. */
  public static RecordingQuery all() {
    return new RecordingQuery(List.of(), List.of(), DEFAULT_STATES, Map.of(), Optional.empty(), 0, Optional.empty());
  }

  /** Whether {@code recording} passes every filter (offset and limit aside): the reference every store must match. */
  public boolean matches(Recording recording) {
    if (!recordIdPrefixes.isEmpty() && recordIdPrefixes.stream().noneMatch(recording.recordId()::startsWith)) {
      return false;
    }
    if (!meetingIds.isEmpty() && !meetingIds.contains(recording.meetingId())) {
      return false;
    }
    if (!states.isEmpty() && !states.contains(recording.state().orElse(""))) {
      return false;
    }
    if (tenantId.isPresent() && !tenantId.get().equals(recording.tenantId())) {
      return false;
    }
    if (metadata.isEmpty()) {
      return true;
    }
    for (Map.Entry<String, String> entry : recording.metadata().entrySet()) {
      Set<String> wanted = metadata.get(entry.getKey());
      if (wanted != null && wanted.contains(entry.getValue())) {
        return true;
      }
    }
    return false;
  }
}
