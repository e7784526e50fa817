package io.switchboard.proxy.api;

import io.switchboard.conf.RewriteConfig;
import io.switchboard.routing.params.Params;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.MeetingStore;
import io.switchboard.storage.VoiceBridgeTakenException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Makes the record of a new meeting: its moderator password (the client's, or eight random alphanumerics as Scalelite
 * generates) and a voice bridge no other running meeting uses, so phone dial-in reaches the right room (spec §7.4).
 */
final class MeetingFactory {
  private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final int PASSWORD_LENGTH = 8;
  private static final int MAX_BRIDGE_ATTEMPTS = 32;

  private final MeetingStore meetings;
  private final RewriteConfig config;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  MeetingFactory(MeetingStore meetings, RewriteConfig config, Clock clock) {
    this.meetings = meetings;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Stores the meeting unless one with its id exists; the stage holds whichever meeting is stored afterwards, which may
   * belong to another tenant.
   *
   * @param tenantId the id of the tenant creating the meeting, or {@code ""} without multitenancy
   */
  CompletionStage<MeetingRecord> create(String meetingId, String serverId, String tenantId, Params request) {
    String password = request.nonBlank("moderatorPW").orElseGet(this::randomPassword);
    return store(meetingId, serverId, password, tenantId, request, 0);
  }

  private CompletionStage<MeetingRecord> store(
      String meetingId, String serverId, String password, String tenantId, Params request, int attempt) {
    String bridge = voiceBridge(request, attempt);
    MeetingRecord meeting = new MeetingRecord(meetingId, serverId, password, bridge, tenantId, clock.instant());
    return meetings.createIfAbsent(meeting).exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (cause instanceof VoiceBridgeTakenException && attempt < MAX_BRIDGE_ATTEMPTS) {
        return store(meetingId, serverId, password, tenantId, request, attempt + 1);
      }
      throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
    });
  }

  private String voiceBridge(Params request, int attempt) {
    if (attempt == 0 && config.useExternalVoiceBridge()) {
      String requested = request.get("voiceBridge").orElse("");
      if (!requested.isEmpty() && requested.chars().allMatch(Character::isDigit)) {
        return requested;
      }
    }
    StringBuilder digits = new StringBuilder(config.voiceBridgeLength());
    digits.append((char) ('1' + random.nextInt(9)));
    while (digits.length() < config.voiceBridgeLength()) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  private String randomPassword() {
    StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
    for (int i = 0; i < PASSWORD_LENGTH; i++) {
      password.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return password.toString();
  }
}
