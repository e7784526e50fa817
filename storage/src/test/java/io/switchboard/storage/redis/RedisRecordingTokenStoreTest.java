package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.RecordingTokenStore.Grant;
import io.switchboard.storage.RecordingTokenStoreContractTest;
import io.switchboard.storage.Stores;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link RecordingTokenStoreContractTest} on a real Redis; the expiry tests, which move a fake clock, are replaced
 * by real one-second TTLs, or by reading the key's TTL where waiting proves nothing more.
 */
@ExtendWith(RedisTestSupport.Required.class)
class RedisRecordingTokenStoreTest extends RecordingTokenStoreContractTest {
  private static final Duration SHORT = Duration.ofSeconds(1);

  private Stores stores;
  private RedisTestSupport.Raw raw;

  @Override
  protected RecordingTokenStore newStore(Clock clock) {
    String namespace = RedisTestSupport.namespace();
    raw = new RedisTestSupport.Raw(namespace);
    stores = RedisTestSupport.open(namespace, clock, Stores.DEFAULT_MEETING_TTL);
    return stores.recordingTokens();
  }

  @AfterEach
  void close() {
    stores.close();
    raw.close();
  }

  private long pttl(String token) {
    return raw.redis.pttl(raw.key("protector_token_" + token));
  }

  @Test
  @Override
  public void tokenIsUsableUntilJustBeforeItsTimeout() {
    await(store.put(TOKEN, GRANT, TIMEOUT));

    assertThat(pttl(TOKEN)).isBetween(TIMEOUT.toMillis() - 10_000, TIMEOUT.toMillis());
    assertThat(await(store.consume(TOKEN))).contains(GRANT);
  }

  @Test
  @Override
  public void tokenExpiresAtItsTimeoutUnused() {
    await(store.put(TOKEN, GRANT, SHORT));

    sleep(SHORT.plusMillis(100));

    assertThat(await(store.consume(TOKEN))).isEmpty();
    assertThat(raw.redis.exists(raw.key("protector_token_" + TOKEN))).isZero();
  }

  @Test
  @Override
  public void eachTokenHasItsOwnTimeout() {
    await(store.put(TOKEN, GRANT, SHORT));
    await(store.put(OTHER_TOKEN, GRANT, Duration.ofMinutes(30)));

    sleep(SHORT.plusMillis(100));

    assertThat(await(store.consume(TOKEN))).isEmpty();
    assertThat(await(store.consume(OTHER_TOKEN))).contains(GRANT);
  }

  @Test
  @Override
  public void puttingATokenAgainReplacesItsGrantAndTimeout() {
    await(store.put(TOKEN, GRANT, Duration.ofMinutes(5)));
    Grant video = new Grant(GRANT.recordId(), "video");

    await(store.put(TOKEN, video, Duration.ofMinutes(30)));

    assertThat(pttl(TOKEN)).isGreaterThan(Duration.ofMinutes(29).toMillis());
    assertThat(await(store.consume(TOKEN))).contains(video);
  }

  @Test
  void hugeTimeToLiveStoresTheTokenWithoutExpiry() {
    await(store.put(TOKEN, GRANT, Duration.ofSeconds(Long.MAX_VALUE)));

    assertThat(pttl(TOKEN)).isEqualTo(-1L);
    assertThat(await(store.consume(TOKEN))).contains(GRANT);
  }

  @Test
  void onARedisWithoutGetdelTokensAreConsumedOnceByLua() {
    RedisConnection connection = new RedisConnection(RedisTestSupport.settings(raw.namespace).connectionSpec(),
        raw.namespace);
    try {
      RedisRecordingTokenStore tokens = new RedisRecordingTokenStore(connection, new Keys(raw.namespace));
      tokens.withoutGetdel();
      await(tokens.put(TOKEN, GRANT, TIMEOUT));

      assertThat(await(tokens.consume(TOKEN))).contains(GRANT);
      assertThat(await(tokens.consume(TOKEN))).isEmpty();
      assertThat(await(tokens.consume(OTHER_TOKEN))).isEmpty();
    } finally {
      connection.close();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
