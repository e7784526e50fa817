package io.switchboard.storage.redis;

import io.switchboard.storage.Stores;
import io.switchboard.storage.TenantStoreContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tenant contract on a real Redis, each test in a namespace of its own. */
@ExtendWith(RedisTestSupport.Required.class)
class RedisTenantStoreTest extends TenantStoreContractTest {
  private RedisTestSupport.Raw raw;

  @Override
  protected Stores newStores() {
    String namespace = RedisTestSupport.namespace();
    raw = new RedisTestSupport.Raw(namespace);
    return RedisTestSupport.open(namespace, Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
  }

  @AfterEach
  void deleteKeys() {
    raw.close();
  }
}
