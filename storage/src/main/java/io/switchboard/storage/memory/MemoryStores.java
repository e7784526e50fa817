package io.switchboard.storage.memory;

import io.switchboard.storage.CallbackStore;
import io.switchboard.storage.Leases;
import io.switchboard.storage.LoadTable;
import io.switchboard.storage.MeetingStore;
import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.ServerStore;
import io.switchboard.storage.Stores;
import io.switchboard.storage.TenantStore;
import io.switchboard.storage.recordings.RecordingStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The in-memory {@link Stores}: maps sharing one JVM's lifetime. */
record MemoryStores(
    ServerStore servers,
    MeetingStore meetings,
    LoadTable load,
    RecordingStore recordings,
    CallbackStore callbacks,
    TenantStore tenants,
    RecordingTokenStore recordingTokens,
    Leases leases) implements Stores {

  /** Maps in this JVM always answer. */
  @Override
  public CompletionStage<Void> check() {
    return CompletableFuture.completedStage(null);
  }

  @Override
  public void close() {
    // Nothing to release: the maps are collected with the last reference to them.
  }
}
