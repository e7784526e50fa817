package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.storage.Leases;
import io.switchboard.storage.LeasesContractTest;
import io.switchboard.storage.Stores;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link LeasesContractTest} on a real Redis, where expiry takes real time; and the lease's raw key. */
@ExtendWith(RedisTestSupport.Required.class)
class RedisLeasesTest extends LeasesContractTest {
  private RedisTestSupport.Raw raw;
  private Stores stores;
  private Stores otherInstance;

  @BeforeEach
  void open() {
    String namespace = RedisTestSupport.namespace();
    raw = new RedisTestSupport.Raw(namespace);
    stores = RedisTestSupport.open(namespace, Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
    otherInstance = RedisTestSupport.open(namespace, Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
  }

  @AfterEach
  void close() {
    stores.close();
    otherInstance.close();
    raw.close();
  }

  @Override
  protected Leases leases() {
    return stores.leases();
  }

  @Override
  protected void letShortLeasesExpire() {
    try {
      Thread.sleep(SHORT.toMillis() + 100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aLeaseIsAStringHoldingItsHolderUnderAnExpiry() {
    await(leases().tryAcquire("poller", "host-1/4242/abc", LONG));

    String key = raw.key("switchboard:lease:poller");
    assertThat(raw.redis.type(key)).isEqualTo("string");
    assertThat(raw.redis.get(key)).isEqualTo("host-1/4242/abc");
    assertThat(raw.redis.pttl(key)).isBetween(LONG.toMillis() - 10_000, LONG.toMillis());
  }

  @Test
  void anotherInstanceSeesTheLeaseAndTakesItOverWhenReleased() {
    await(leases().tryAcquire("poller", "instance-1", LONG));

    assertThat(await(otherInstance.leases().tryAcquire("poller", "instance-2", LONG))).isFalse();
    await(leases().release("poller", "instance-1"));
    assertThat(await(otherInstance.leases().tryAcquire("poller", "instance-2", LONG))).isTrue();
  }
}
