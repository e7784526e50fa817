package io.switchboard.storage;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where Switchboard remembers, per meetingID, the recording-ready URL a front-end gave at create (Scalelite's
 * {@code callback_data}, spec §4.5 step 10, §11.3), so it can notify the front-end once the recording is imported.
 * The latest create of a meetingID wins, as in Scalelite.
 */
public interface CallbackStore {
  CompletionStage<Void> putRecordingReadyUrl(String meetingId, String url);

  CompletionStage<Optional<String>> recordingReadyUrl(String meetingId);
}
