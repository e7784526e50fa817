package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.CallbackStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The in-memory {@link CallbackStore}: the latest callback URLs per meetingID. */
final class MemoryCallbackStore implements CallbackStore {
  private final ConcurrentHashMap<String, Callbacks> callbacks = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Void> putRecordingReadyUrl(String meetingId, String url) {
    requireNonNull(meetingId, "meetingId");
    requireNonNull(url, "url");
    callbacks.merge(meetingId, new Callbacks(url, null),
        (existing, added) -> new Callbacks(url, existing.analyticsCallbackUrl()));
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletionStage<Optional<String>> recordingReadyUrl(String meetingId) {
    requireNonNull(meetingId, "meetingId");
    Callbacks found = callbacks.get(meetingId);
    return CompletableFuture.completedStage(Optional.ofNullable(found == null ? null : found.recordingReadyUrl()));
  }

  @Override
  public CompletionStage<Void> putAnalyticsCallbackUrl(String meetingId, String url) {
    requireNonNull(meetingId, "meetingId");
    requireNonNull(url, "url");
    callbacks.put(meetingId, new Callbacks(null, url));
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletionStage<Optional<String>> analyticsCallbackUrl(String meetingId) {
    requireNonNull(meetingId, "meetingId");
    Callbacks found = callbacks.get(meetingId);
    return CompletableFuture.completedStage(Optional.ofNullable(found == null ? null : found.analyticsCallbackUrl()));
  }

  /** One meeting's {@code callback_attributes}. */
  private record Callbacks(@Nullable String recordingReadyUrl, @Nullable String analyticsCallbackUrl) {}
}
