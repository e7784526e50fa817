package io.switchboard.storage.memory;

import io.switchboard.storage.Stores;
import io.switchboard.storage.TenantStoreContractTest;

class InMemoryTenantStoreTest extends TenantStoreContractTest {
  @Override
  protected Stores newStores() {
    return Stores.inMemory();
  }
}
