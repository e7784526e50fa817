package io.switchboard.storage.memory;

import io.switchboard.storage.LoadTable;
import io.switchboard.storage.MeetingStore;
import io.switchboard.storage.ServerStore;
import io.switchboard.storage.Stores;

/** The in-memory {@link Stores}: three maps sharing one JVM's lifetime. */
record MemoryStores(ServerStore servers, MeetingStore meetings, LoadTable load) implements Stores {

  @Override
  public void close() {
    // Nothing to release: the maps are collected with the last reference to them.
  }
}
