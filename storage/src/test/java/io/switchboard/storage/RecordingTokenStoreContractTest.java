package io.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.switchboard.storage.RecordingTokenStore.Grant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link RecordingTokenStore} owes its callers (spec §9.10): one-time, expiring tokens. An
 * implementation's test extends this class and supplies a fresh, empty store on the given clock; test methods are
 * public so a backend whose expiry cannot follow an injected clock (Redis TTLs) may override the expiry tests.
 */
public abstract class RecordingTokenStoreContractTest {
  protected static final Instant START = Instant.parse("2024-03-01T09:00:00Z");
  protected static final Duration TIMEOUT = Duration.ofMinutes(60);
  protected static final String TOKEN = "3f".repeat(32);
  protected static final String OTHER_TOKEN = "a0".repeat(32);
  protected static final Grant GRANT =
      new Grant("183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000", "presentation");

  protected MutableClock clock;
  protected RecordingTokenStore store;

  /** A fresh, empty store whose expiry follows {@code clock}. */
  protected abstract RecordingTokenStore newStore(Clock clock);

  @BeforeEach
  void openStore() {
    clock = new MutableClock(START);
    store = newStore(clock);
  }

  @Test
  public void tokenGrantsItsRecordingFormatOnce() {
    await(store.put(TOKEN, GRANT, TIMEOUT));

    assertThat(await(store.consume(TOKEN))).contains(GRANT);
    assertThat(await(store.consume(TOKEN))).isEmpty();
  }

  @Test
  public void unknownTokenGrantsNothing() {
    assertThat(await(store.consume(TOKEN))).isEmpty();
  }

  @Test
  public void wrongTokenGrantsNothingAndLeavesTheRightOneUsable() {
    await(store.put(TOKEN, GRANT, TIMEOUT));

    assertThat(await(store.consume(OTHER_TOKEN))).isEmpty();
    assertThat(await(store.consume(TOKEN.toUpperCase(java.util.Locale.ROOT)))).isEmpty();
    assertThat(await(store.consume(TOKEN.substring(1)))).isEmpty();

    assertThat(await(store.consume(TOKEN))).contains(GRANT);
  }

  @Test
  public void tokensAreIndependent() {
    Grant video = new Grant(GRANT.recordId(), "video");
    await(store.put(TOKEN, GRANT, TIMEOUT));
    await(store.put(OTHER_TOKEN, video, TIMEOUT));

    assertThat(await(store.consume(OTHER_TOKEN))).contains(video);
    assertThat(await(store.consume(TOKEN))).contains(GRANT);
  }

  @Test
  public void tokenIsUsableUntilJustBeforeItsTimeout() {
    await(store.put(TOKEN, GRANT, TIMEOUT));

    clock.advance(TIMEOUT.minusSeconds(1));

    assertThat(await(store.consume(TOKEN))).contains(GRANT);
  }

  @Test
  public void tokenExpiresAtItsTimeoutUnused() {
    await(store.put(TOKEN, GRANT, TIMEOUT));

    clock.advance(TIMEOUT);

    assertThat(await(store.consume(TOKEN))).isEmpty();
    clock.advance(Duration.ofDays(-1));
    assertThat(await(store.consume(TOKEN))).as("an expired token presented once is gone").isEmpty();
  }

  @Test
  public void eachTokenHasItsOwnTimeout() {
    await(store.put(TOKEN, GRANT, Duration.ofMinutes(5)));
    await(store.put(OTHER_TOKEN, GRANT, Duration.ofMinutes(30)));

    clock.advance(Duration.ofMinutes(10));

    assertThat(await(store.consume(TOKEN))).isEmpty();
    assertThat(await(store.consume(OTHER_TOKEN))).contains(GRANT);
  }

  @Test
  public void puttingATokenAgainReplacesItsGrantAndTimeout() {
    await(store.put(TOKEN, GRANT, Duration.ofMinutes(5)));
    Grant video = new Grant(GRANT.recordId(), "video");

    await(store.put(TOKEN, video, Duration.ofMinutes(30)));
    clock.advance(Duration.ofMinutes(10));

    assertThat(await(store.consume(TOKEN))).contains(video);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  public void nonPositiveTimeToLiveIsRejected(long seconds) {
    assertThatIllegalArgumentException().isThrownBy(() -> store.put(TOKEN, GRANT, Duration.ofSeconds(seconds)));

    assertThat(await(store.consume(TOKEN))).isEmpty();
  }

  @Test
  public void concurrentConsumersOfOneTokenGetItOnce() throws Exception {
    await(store.put(TOKEN, GRANT, TIMEOUT));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Optional<Grant>>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          return await(store.consume(TOKEN));
        }));
      }
      go.countDown();
      List<Optional<Grant>> results = new ArrayList<>();
      for (Future<Optional<Grant>> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }

      assertThat(results).filteredOn(Optional::isPresent).containsExactly(Optional.of(GRANT));
    } finally {
      pool.shutdownNow();
    }
  }

  protected static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
