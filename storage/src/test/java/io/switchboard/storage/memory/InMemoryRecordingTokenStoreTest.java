package io.switchboard.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.RecordingTokenStoreContractTest;
import io.switchboard.storage.Stores;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryRecordingTokenStoreTest extends RecordingTokenStoreContractTest {
  @Override
  protected RecordingTokenStore newStore(Clock clock) {
    return Stores.inMemory(clock).recordingTokens();
  }

  @Test
  void expiredTokensNeverPresentedAreSweptByALaterPut() {
    MemoryRecordingTokenStore tokens = new MemoryRecordingTokenStore(clock);
    for (int i = 0; i < 100; i++) {
      await(tokens.put("token-" + i, GRANT, Duration.ofSeconds(10)));
    }
    await(tokens.put(TOKEN, GRANT, Duration.ofHours(1)));
    assertThat(tokens.size()).isEqualTo(101);

    clock.advance(MemoryRecordingTokenStore.SWEEP_INTERVAL);
    await(tokens.put(OTHER_TOKEN, GRANT, Duration.ofHours(1)));

    assertThat(tokens.size()).isEqualTo(2);
    assertThat(await(tokens.consume(TOKEN))).contains(GRANT);
  }

  @Test
  void putsWithinASweepIntervalDoNotSweep() {
    MemoryRecordingTokenStore tokens = new MemoryRecordingTokenStore(clock);
    await(tokens.put("short", GRANT, Duration.ofSeconds(1)));
    clock.advance(Duration.ofSeconds(30));

    await(tokens.put(TOKEN, GRANT, Duration.ofHours(1)));

    assertThat(tokens.size()).isEqualTo(2);
    assertThat(await(tokens.consume("short"))).isEmpty();
    assertThat(tokens.size()).isEqualTo(1);
  }

  @Test
  void hugeTimeToLiveNeverExpires() {
    await(store.put(TOKEN, GRANT, Duration.ofSeconds(Long.MAX_VALUE)));

    clock.advance(Duration.ofDays(365 * 100));

    assertThat(await(store.consume(TOKEN))).contains(GRANT);
  }
}
