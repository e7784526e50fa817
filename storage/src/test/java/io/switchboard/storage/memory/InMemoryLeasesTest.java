package io.switchboard.storage.memory;

import io.switchboard.storage.Leases;
import io.switchboard.storage.LeasesContractTest;
import io.switchboard.storage.MutableClock;
import io.switchboard.storage.Stores;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;

class InMemoryLeasesTest extends LeasesContractTest {
  private MutableClock clock;
  private Leases leases;

  @BeforeEach
  void open() {
    clock = new MutableClock(Instant.parse("2024-03-01T09:00:00Z"));
    leases = Stores.inMemory(clock).leases();
  }

  @Override
  protected Leases leases() {
    return leases;
  }

  @Override
  protected void letShortLeasesExpire() {
    clock.advance(SHORT);
  }
}
