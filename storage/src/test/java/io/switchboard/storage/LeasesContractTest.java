package io.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Leases} implementation owes its callers. A backend's test extends this class, supplies
 * the leases in {@link #leases} and makes {@link #SHORT} pass with {@link #letShortLeasesExpire} (a fake clock moved,
 * or real time slept).
 */
public abstract class LeasesContractTest {
  /** The time to live of the leases the expiry tests let expire. */
  protected static final Duration SHORT = Duration.ofSeconds(1);
  protected static final Duration LONG = Duration.ofMinutes(5);

  /** The leases under test: fresh, with no lease held. */
  protected abstract Leases leases();

  /** Lets time pass until a lease taken or renewed for {@link #SHORT} just now has expired. */
  protected abstract void letShortLeasesExpire();

  @Test
  public void aFreeLeaseIsAcquired() {
    assertThat(await(leases().tryAcquire("poller", "a", LONG))).isTrue();
  }

  @Test
  public void aHeldLeaseIsRefusedToOthers() {
    await(leases().tryAcquire("poller", "a", LONG));

    assertThat(await(leases().tryAcquire("poller", "b", LONG))).isFalse();
  }

  @Test
  public void theHolderAcquiresItsLeaseAgain() {
    await(leases().tryAcquire("poller", "a", LONG));

    assertThat(await(leases().tryAcquire("poller", "a", LONG))).isTrue();
  }

  @Test
  public void leasesOfDifferentNamesAreIndependent() {
    await(leases().tryAcquire("poller", "a", LONG));

    assertThat(await(leases().tryAcquire("importer", "b", LONG))).isTrue();
  }

  @Test
  public void onlyTheHolderRenews() {
    await(leases().tryAcquire("poller", "a", LONG));

    assertThat(await(leases().renew("poller", "a", LONG))).isTrue();
    assertThat(await(leases().renew("poller", "b", LONG))).isFalse();
    assertThat(await(leases().renew("importer", "a", LONG))).as("a free lease is not taken by renew").isFalse();
    assertThat(await(leases().tryAcquire("importer", "b", LONG))).isTrue();
  }

  @Test
  public void releaseByAnotherHolderChangesNothing() {
    await(leases().tryAcquire("poller", "a", LONG));

    await(leases().release("poller", "b"));

    assertThat(await(leases().tryAcquire("poller", "b", LONG))).isFalse();
  }

  @Test
  public void releaseByTheHolderFreesTheLease() {
    await(leases().tryAcquire("poller", "a", LONG));

    await(leases().release("poller", "a"));

    assertThat(await(leases().tryAcquire("poller", "b", LONG))).isTrue();
  }

  @Test
  public void anExpiredLeaseIsTakenOverAndTheFormerHolderCannotTouchIt() {
    await(leases().tryAcquire("poller", "a", SHORT));

    letShortLeasesExpire();

    assertThat(await(leases().tryAcquire("poller", "b", LONG))).isTrue();
    assertThat(await(leases().renew("poller", "a", LONG))).isFalse();
    await(leases().release("poller", "a"));
    assertThat(await(leases().tryAcquire("poller", "a", LONG))).isFalse();
  }

  @Test
  public void renewingExtendsTheLease() {
    await(leases().tryAcquire("poller", "a", SHORT));
    await(leases().renew("poller", "a", LONG));

    letShortLeasesExpire();

    assertThat(await(leases().tryAcquire("poller", "b", LONG))).isFalse();
  }

  @Test
  public void nonPositiveTtlsAreRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> leases().tryAcquire("poller", "a", Duration.ZERO));
    assertThatIllegalArgumentException().isThrownBy(() -> leases().renew("poller", "a", Duration.ofSeconds(-1)));
  }

  @Test
  public void oneOfConcurrentContendersGetsTheLease() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String holder = "holder-" + i;
        futures.add(pool.submit(() -> {
          go.await();
          return await(leases().tryAcquire("poller", holder, LONG));
        }));
      }
      go.countDown();
      List<Boolean> results = new ArrayList<>();
      for (Future<Boolean> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }

      assertThat(results).containsOnlyOnce(true);
    } finally {
      pool.shutdownNow();
    }
  }

  protected static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
