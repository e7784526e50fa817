package io.switchboard.storage.memory;

import io.switchboard.storage.CallbackStore;
import io.switchboard.storage.CallbackStoreContractTest;
import io.switchboard.storage.Stores;

class InMemoryCallbackStoreTest extends CallbackStoreContractTest {
  @Override
  protected CallbackStore newStore() {
    return Stores.inMemory().callbacks();
  }
}
