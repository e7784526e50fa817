package io.switchboard.conf;

import static io.switchboard.conf.Checks.between;
import static io.switchboard.conf.Checks.nonNegative;
import static io.switchboard.conf.Checks.positive;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How {@code create} and {@code join} parameters are rewritten before they reach a BBB server
 * ({@code switchboard.rewrite}, spec §3.7 and §4.5): Scalelite's {@code MAX_MEETING_DURATION} cap (whole minutes,
 * {@link Duration#ZERO} = off), the exclude lists, the config default and override parameters (iteration order is
 * the order they are applied in), the voice-bridge rules and the TTL of new meeting records
 * ({@code DEFAULT_MEETING_TTL}).
 */
public record RewriteConfig(Duration maxMeetingDuration, Set<String> createExcludeParams,
                            Set<String> joinExcludeParams, Map<String, String> defaultCreateParams,
                            Map<String, String> overrideCreateParams, Map<String, String> defaultJoinParams,
                            Map<String, String> overrideJoinParams, int voiceBridgeLength,
                            boolean useExternalVoiceBridge, Duration meetingTtl) {
  public RewriteConfig {
    nonNegative(maxMeetingDuration, "maxMeetingDuration");
    if (!Checks.isWholeMinutes(maxMeetingDuration)) {
      // BBB's duration parameter counts whole minutes.
      throw Checks.invalid("maxMeetingDuration", maxMeetingDuration, "whole minutes");
    }
    createExcludeParams = Checks.orderedSet(createExcludeParams, "createExcludeParams");
    joinExcludeParams = Checks.orderedSet(joinExcludeParams, "joinExcludeParams");
    defaultCreateParams = Checks.orderedMap(defaultCreateParams, "defaultCreateParams");
    overrideCreateParams = Checks.orderedMap(overrideCreateParams, "overrideCreateParams");
    defaultJoinParams = Checks.orderedMap(defaultJoinParams, "defaultJoinParams");
    overrideJoinParams = Checks.orderedMap(overrideJoinParams, "overrideJoinParams");
    between(voiceBridgeLength, 1, Integer.MAX_VALUE, "voiceBridgeLength");
    positive(meetingTtl, "meetingTtl");
  }
}
