package io.switchboard.storage.recordings;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One recording as Scalelite indexes it (spec §8 {@code recordings}, §9.8): what its {@code metadata.xml} files said,
 * merged over its playback formats, plus the state Switchboard changed since (published, protected, deleted).
 *
 * @param recordId BBB's internal record id, e.g. {@code 183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000}
 * @param meetingId the front-end's meetingID ({@code meta/meetingId})
 * @param name the meeting name ({@code meta/meetingName}), or {@code ""}
 * @param published whether it is served and listed as published; the files live under the published tree iff true
 * @param protectedRecording whether its files need the one-time-token cookie (PROTECTED_RECORDINGS_ENABLED)
 * @param state {@code published}, {@code unpublished}, {@code deleted}, {@code processing}, …; empty when
 *     metadata.xml had none
 * @param startTimeMillis start, milliseconds since the epoch (0 when unknown)
 * @param endTimeMillis end, milliseconds since the epoch (0 when unknown)
 * @param participants the participant count, when metadata.xml gave one
 * @param metadata the {@code meta} children except {@code isBreakout}, {@code meetingId}, {@code meetingName}, in
 *     document order
 * @param formats one entry per playback format, ordered by format name
 * @param publishUpdated whether publishRecordings changed {@code published} since import (Scalelite's
 *     {@code publish_updated}); a re-import then keeps the operator's choice
 */
public record Recording(
    String recordId,
    String meetingId,
    String name,
    boolean published,
    boolean protectedRecording,
    Optional<String> state,
    long startTimeMillis,
    long endTimeMillis,
    OptionalInt participants,
    Map<String, String> metadata,
    List<PlaybackFormat> formats,
    boolean publishUpdated) {

  public Recording {
    requireNonNull(recordId, "recordId");
    requireNonNull(meetingId, "meetingId");
    requireNonNull(name, "name");
    requireNonNull(state, "state");
    requireNonNull(participants, "participants");
    if (recordId.isBlank()) {
      throw new IllegalArgumentException("recordId: '" + recordId + "' (expected: a record id)");
    }
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(metadata, "metadata")));
    formats = List.copyOf(requireNonNull(formats, "formats"));
  }

  /** The format called {@code name} ({@code presentation}, {@code video}, …), if the recording has it. */
  public Optional<PlaybackFormat> format(String name) {
    return formats.stream().filter(format -> format.format().equals(name)).findFirst();
  }

  /** The {@code tenant-id} metadata Scalelite filters tenants by, or {@code ""}. */
  public String tenantId() {
    return metadata.getOrDefault("tenant-id", "");
  }

  public Recording withPublished(boolean value) {
    return new Recording(recordId, meetingId, name, value, protectedRecording,
        Optional.of(value ? "published" : "unpublished"), startTimeMillis, endTimeMillis, participants, metadata,
        formats, true);
  }

  public Recording withProtected(boolean value) {
    return new Recording(recordId, meetingId, name, published, value, state, startTimeMillis, endTimeMillis,
        participants, metadata, formats, publishUpdated);
  }

  public Recording withMetadata(Map<String, String> value) {
    return new Recording(recordId, meetingId, name, published, protectedRecording, state, startTimeMillis,
        endTimeMillis, participants, value, formats, publishUpdated);
  }

  /** What deleteRecordings leaves (spec §9.5): the row, state {@code deleted}, no metadata and no formats. */
  public Recording deleted() {
    return new Recording(recordId, meetingId, name, false, protectedRecording, Optional.of("deleted"), startTimeMillis,
        endTimeMillis, participants, Map.of(), List.of(), publishUpdated);
  }
}
