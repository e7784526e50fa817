package io.switchboard.storage.memory;

import io.switchboard.storage.Stores;
import io.switchboard.storage.recordings.RecordingStore;
import io.switchboard.storage.recordings.RecordingStoreContractTest;

class InMemoryRecordingStoreTest extends RecordingStoreContractTest {
  @Override
  protected RecordingStore newStore() {
    return Stores.inMemory().recordings();
  }
}
