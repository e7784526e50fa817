package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.switchboard.storage.LoadTable;
import io.switchboard.storage.MutableClock;
import io.switchboard.storage.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load cache alone, over the in-memory table (whose writes it must not hide), on a mutable clock. */
class CachedLoadTableTest {
  private static final Duration STALENESS = Duration.ofMillis(200);

  private MutableClock clock;
  private LoadTable shared;
  private CountingTable counting;
  private CachedLoadTable cached;

  @BeforeEach
  void open() {
    clock = new MutableClock(Instant.parse("2024-03-01T09:00:00Z"));
    shared = Stores.inMemory(clock).load();
    counting = new CountingTable(shared);
    cached = new CachedLoadTable(counting, STALENESS, CachedLoadTable.ticker(clock));
  }

  @Test
  void aSnapshotIsServedFromTheCacheUntilItIsStale() {
    await(shared.set("bbb-1", 1));
    assertThat(await(cached.snapshot())).isEqualTo(Map.of("bbb-1", 1.0));

    await(shared.set("bbb-1", 5)); // another instance's write
    clock.advance(STALENESS.minusMillis(1));
    assertThat(await(cached.snapshot())).as("still fresh enough").isEqualTo(Map.of("bbb-1", 1.0));

    clock.advance(Duration.ofMillis(1));
    assertThat(await(cached.snapshot())).isEqualTo(Map.of("bbb-1", 5.0));
    assertThat(counting.snapshots.get()).isEqualTo(2);
    assertThat(cached.stats().hitCount()).isEqualTo(1);
    assertThat(cached.stats().missCount()).isEqualTo(2);
  }

  @Test
  void everyWriteThroughTheTableInvalidatesTheSnapshot() {
    await(cached.snapshot());

    await(cached.set("bbb-1", 1));
    assertThat(await(cached.snapshot())).isEqualTo(Map.of("bbb-1", 1.0));
    await(cached.increment("bbb-1", 2));
    assertThat(await(cached.snapshot())).isEqualTo(Map.of("bbb-1", 3.0));
    assertThat(await(cached.incrementLeastLoaded(Map.of("bbb-1", 1.0)))).contains("bbb-1");
    assertThat(await(cached.snapshot())).isEqualTo(Map.of("bbb-1", 4.0));
    await(cached.remove("bbb-1"));
    assertThat(await(cached.snapshot())).isEmpty();

    assertThat(cached.stats().hitCount()).isZero();
  }

  @Test
  void placementsChooseOnTheTablesNumbersNotTheCachedSnapshot() {
    await(shared.set("bbb-1", 1));
    await(shared.set("bbb-2", 2));
    assertThat(await(cached.snapshot())).isEqualTo(Map.of("bbb-1", 1.0, "bbb-2", 2.0));
    await(shared.increment("bbb-1", 5)); // another instance placed meetings there; the cached snapshot still says 1

    assertThat(await(cached.incrementLeastLoaded(Map.of("bbb-1", 1.0, "bbb-2", 1.0)))).contains("bbb-2");

    assertThat(await(cached.snapshot())).isEqualTo(Map.of("bbb-1", 6.0, "bbb-2", 3.0));
    assertThat(counting.placements).hasValue(1);
  }

  @Test
  void aPlacementInvalidatesTheSnapshotEvenWhenNothingWasPlaced() {
    await(cached.snapshot());
    await(shared.set("bbb-1", 1)); // another instance's write

    assertThat(await(cached.incrementLeastLoaded(Map.of("bbb-2", 1.0)))).isEmpty();

    assertThat(await(cached.snapshot())).isEqualTo(Map.of("bbb-1", 1.0));
  }

  @Test
  void explicitInvalidationDropsTheSnapshot() {
    await(cached.snapshot());
    await(shared.set("bbb-1", 1));

    cached.invalidate();

    assertThat(await(cached.snapshot())).isEqualTo(Map.of("bbb-1", 1.0));
  }

  @Test
  void concurrentMissesShareOneRead() {
    CompletableFuture<Map<String, Double>> slow = new CompletableFuture<>();
    AtomicInteger reads = new AtomicInteger();
    LoadTable pending = new CountingTable(shared) {
      @Override
      public CompletionStage<Map<String, Double>> snapshot() {
        reads.incrementAndGet();
        return slow;
      }
    };
    CachedLoadTable table = new CachedLoadTable(pending, STALENESS, CachedLoadTable.ticker(clock));

    CompletionStage<Map<String, Double>> first = table.snapshot();
    CompletionStage<Map<String, Double>> second = table.snapshot();
    slow.complete(Map.of("bbb-1", 1.0));

    assertThat(await(first)).isEqualTo(await(second));
    assertThat(reads).hasValue(1);
  }

  @Test
  void aFailedReadIsNotCached() {
    AtomicInteger reads = new AtomicInteger();
    LoadTable failingOnce = new CountingTable(shared) {
      @Override
      public CompletionStage<Map<String, Double>> snapshot() {
        return reads.incrementAndGet() == 1
            ? CompletableFuture.failedFuture(new IllegalStateException("Redis is down"))
            : super.snapshot();
      }
    };
    CachedLoadTable table = new CachedLoadTable(failingOnce, STALENESS, CachedLoadTable.ticker(clock));

    assertThat(table.snapshot().toCompletableFuture()).failsWithin(Duration.ofSeconds(5));
    assertThat(await(table.snapshot())).isEmpty();
  }

  @Test
  void callersCannotCompleteTheSharedSnapshot() {
    await(shared.set("bbb-1", 1));
    CompletableFuture<Map<String, Double>> mine = cached.snapshot().toCompletableFuture();
    mine.obtrudeValue(Map.of());

    assertThat(await(cached.snapshot())).isEqualTo(Map.of("bbb-1", 1.0));
  }

  @Test
  void zeroStalenessReadsTheTableEveryTimeAndCountsMisses() {
    CachedLoadTable uncached = new CachedLoadTable(counting, Duration.ZERO, CachedLoadTable.ticker(clock));
    await(uncached.snapshot());
    await(shared.set("bbb-1", 1));

    assertThat(await(uncached.snapshot())).isEqualTo(Map.of("bbb-1", 1.0));
    assertThat(counting.snapshots).hasValue(2);
    assertThat(uncached.stats().missCount()).isEqualTo(2);
    assertThat(uncached.stats().hitCount()).isZero();
  }

  @Test
  void theSystemClockUsesTheMonotonicTicker() {
    assertThat(CachedLoadTable.ticker(Clock.systemUTC()))
        .isSameAs(com.github.benmanes.caffeine.cache.Ticker.systemTicker());
  }

  @Test
  void negativeStalenessIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CachedLoadTable(shared, Duration.ofMillis(-1), CachedLoadTable.ticker(clock)));
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Counts the snapshots read from, and the placements sent to, the table underneath. */
  private static class CountingTable implements LoadTable {
    final AtomicInteger snapshots = new AtomicInteger();
    final AtomicInteger placements = new AtomicInteger();
    private final LoadTable delegate;

    CountingTable(LoadTable delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletionStage<Map<String, Double>> snapshot() {
      snapshots.incrementAndGet();
      return delegate.snapshot();
    }

    @Override
    public CompletionStage<Void> set(String serverId, double load) {
      return delegate.set(serverId, load);
    }

    @Override
    public CompletionStage<Void> remove(String serverId) {
      return delegate.remove(serverId);
    }

    @Override
    public CompletionStage<Void> increment(String serverId, double amount) {
      return delegate.increment(serverId, amount);
    }

    @Override
    public CompletionStage<Optional<String>> incrementLeastLoaded(Map<String, Double> candidates) {
      placements.incrementAndGet();
      return delegate.incrementLeastLoaded(candidates);
    }
  }
}
