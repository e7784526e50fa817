package io.switchboard.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A meeting Switchboard routed to a server: Scalelite's {@code meeting:<meetingID>} hash (spec §7.2). The id is the
 * client's raw {@code meetingID}, global across tenants; the voice bridge is reserved for this meeting alone while the
 * record exists (spec §7.4). {@link #toString()} hides the moderator password, which lets anyone join as moderator.
 *
 * @param id the client's {@code meetingID}, any characters
 * @param serverId the id of the {@link ServerRecord} the meeting runs on
 * @param moderatorPassword the {@code moderatorPW} sent to BBB at create, used to end the meeting on panic (spec §6.1)
 * @param voiceBridge the dial-in number sent to BBB as {@code voiceBridge}
 * @param tenantId the tenant's id, or {@code ""} when multitenancy is off
 * @param createdAt when Switchboard created the record
 */
public record MeetingRecord(
    String id, String serverId, String moderatorPassword, String voiceBridge, String tenantId, Instant createdAt) {

  public MeetingRecord {
    requireNonNull(id, "id");
    requireNonNull(serverId, "serverId");
    requireNonNull(moderatorPassword, "moderatorPassword");
    requireNonNull(voiceBridge, "voiceBridge");
    requireNonNull(tenantId, "tenantId");
    requireNonNull(createdAt, "createdAt");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id: '' (expected: not empty)");
    }
    if (serverId.isBlank()) {
      throw new IllegalArgumentException("serverId: '" + serverId + "' (expected: not blank)");
    }
    if (voiceBridge.isBlank()) {
      throw new IllegalArgumentException("voiceBridge: '" + voiceBridge + "' (expected: not blank)");
    }
  }

  @Override
  public String toString() {
    return "MeetingRecord[id=" + id + ", serverId=" + serverId + ", moderatorPassword=<hidden>, voiceBridge="
        + voiceBridge + ", tenantId=" + tenantId + ", createdAt=" + createdAt + "]";
  }

  /** The same meeting with another voice bridge, for the caller's next attempt after a {@link VoiceBridgeTakenException}. */
  public MeetingRecord withVoiceBridge(String voiceBridge) {
    return new MeetingRecord(id, serverId, moderatorPassword, voiceBridge, tenantId, createdAt);
  }
}
