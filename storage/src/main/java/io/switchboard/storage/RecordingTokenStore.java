package io.switchboard.storage;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One-time tokens of protected recordings (spec §9.10): getRecordings hands out a token per playback format link; the
 * first request that presents it consumes it and receives the access cookie. Tokens expire after
 * PROTECTED_RECORDINGS_TOKEN_TIMEOUT whether used or not.
 */
public interface RecordingTokenStore {

  /** What a token grants: one format of one recording. */
  record Grant(String recordId, String format) {
    public Grant {
      requireNonNull(recordId, "recordId");
      requireNonNull(format, "format");
    }
  }

  CompletionStage<Void> put(String token, Grant grant, Duration timeToLive);

  /** Removes the token and returns its grant; empty when it is unknown, used or expired. */
  CompletionStage<Optional<Grant>> consume(String token);
}
