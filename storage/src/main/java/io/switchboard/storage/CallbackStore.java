package io.switchboard.storage;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where Switchboard remembers, per meetingID, the callback URLs a front-end gave at create (Scalelite's
 * {@code callback_data}, spec §4.5 step 10): the recording-ready URL, to notify the front-end once the recording is
 * imported (§11.3), and the analytics callback URL, to relay BBB's analytics to it (§4.9). The latest create of a
 * meetingID wins, as in Scalelite.
 */
public interface CallbackStore {
  /** Adds the recording-ready URL to the meeting's callbacks (Scalelite merges it into the attributes). */
  CompletionStage<Void> putRecordingReadyUrl(String meetingId, String url);

  CompletionStage<Optional<String>> recordingReadyUrl(String meetingId);

  /**
   * Sets the analytics callback URL as the meeting's only callback: Scalelite replaces the whole attribute hash with
   * {@code {analytics_callback_url: url}} at create, before it merges the recording-ready URL in.
   */
  CompletionStage<Void> putAnalyticsCallbackUrl(String meetingId, String url);

  CompletionStage<Optional<String>> analyticsCallbackUrl(String meetingId);
}
