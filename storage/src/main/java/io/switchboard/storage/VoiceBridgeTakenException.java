package io.switchboard.storage;

import static java.util.Objects.requireNonNull;

/**
 * Completes {@link MeetingStore#createIfAbsent} exceptionally when the new meeting's voice bridge is held by another
 * meeting: the caller draws another number and tries again, as Scalelite's allocation loop does (spec §7.4, up to ten
 * attempts). Without a stack trace, since it is an expected outcome of a random draw rather than a fault.
 */
public final class VoiceBridgeTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String voiceBridge;

  public VoiceBridgeTakenException(String voiceBridge) {
    super("voice bridge " + requireNonNull(voiceBridge, "voiceBridge") + " is held by another meeting", null, false,
        false);
    this.voiceBridge = voiceBridge;
  }

  public String voiceBridge() {
    return voiceBridge;
  }
}
