package io.switchboard.storage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The meetings Switchboard routed: Scalelite's {@code meetings} set, {@code meeting:<meetingID>} hashes and
 * {@code voice_bridges} hash (spec §7.2–§7.4). Each meeting expires a fixed TTL after it was created or last
 * {@linkplain #touch touched}, as the Redis hash does with {@code EXPIRE}; an expired meeting is gone from every
 * operation and frees its voice bridge. Tenant checks are the caller's: records carry their tenant id.
 */
public interface MeetingStore {

  CompletionStage<Optional<MeetingRecord>> find(String id);

  /**
   * Stores {@code meeting} unless a meeting with its id exists, and returns the meeting stored afterwards: {@code meeting}
   * itself, or the existing one whatever its server and voice bridge (HSETNX semantics, spec §5.5). Concurrent calls
   * for one id all return the first one stored.
   *
   * <p>The voice bridge is reserved in the same atomic step, so two meetings never share one. When a new meeting's voice
   * bridge is held by another meeting, nothing is stored and the stage completes exceptionally with a
   * {@link VoiceBridgeTakenException}: the caller draws another number ({@link MeetingRecord#withVoiceBridge}) and calls
   * again.
   */
  CompletionStage<MeetingRecord> createIfAbsent(MeetingRecord meeting);

  /**
   * Restarts the meeting's TTL from now; does nothing when the meeting does not exist. The poller touches every meeting
   * it sees running, so meetings longer than the TTL are not forgotten (Scalelite issue #1205).
   */
  CompletionStage<Void> touch(String id);

  /**
   * Forgets the meeting and frees its voice bridge.
   *
   * @return whether a meeting with this id was stored
   */
  CompletionStage<Boolean> remove(String id);

  /** Forgets every meeting on the server, freeing their voice bridges (the poller's panic, spec §6.1); returns them. */
  CompletionStage<List<MeetingRecord>> removeAllOnServer(String serverId);

  /** Every stored meeting, in no particular order. */
  CompletionStage<List<MeetingRecord>> all();

  /**
   * The meeting holding this voice bridge, whatever its tenant (Scalelite's {@code find_by_voice_bridge}, spec §7.3),
   * for the FreeSWITCH dial-in (§11.2).
   */
  CompletionStage<Optional<MeetingRecord>> findByVoiceBridge(String voiceBridge);

  /** Whether a stored meeting holds this voice bridge. */
  CompletionStage<Boolean> voiceBridgeInUse(String voiceBridge);
}
