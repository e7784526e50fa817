package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.CallbackStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory {@link CallbackStore}: the latest recording-ready URL per meetingID. */
final class MemoryCallbackStore implements CallbackStore {
  private final ConcurrentHashMap<String, String> recordingReadyUrls = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Void> putRecordingReadyUrl(String meetingId, String url) {
    requireNonNull(meetingId, "meetingId");
    requireNonNull(url, "url");
    recordingReadyUrls.put(meetingId, url);
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletionStage<Optional<String>> recordingReadyUrl(String meetingId) {
    requireNonNull(meetingId, "meetingId");
    return CompletableFuture.completedStage(Optional.ofNullable(recordingReadyUrls.get(meetingId)));
  }
}
