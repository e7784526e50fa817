package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.switchboard.conf.ServerState;
import io.switchboard.storage.MutableClock;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.ServerStore;
import io.switchboard.storage.Stores;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server list cache alone, over the in-memory store (standing for Redis, which other instances write behind this
 * one's back), on a mutable clock.
 */
class CachedServerStoreTest {
  private static final Duration STALENESS = Duration.ofMillis(200);

  private MutableClock clock;
  private ServerStore shared;
  private CountingStore counting;
  private CachedServerStore cached;

  @BeforeEach
  void open() {
    clock = new MutableClock(Instant.parse("2024-03-01T09:00:00Z"));
    shared = Stores.inMemory(clock).servers();
    counting = new CountingStore(shared);
    cached = new CachedServerStore(counting, STALENESS, CachedLoadTable.ticker(clock));
  }

  @Test
  void theListIsServedFromTheCacheUntilItIsStale() {
    await(shared.save(server("bbb-1")));
    assertThat(ids(await(cached.all()))).containsExactly("bbb-1");

    await(shared.save(server("bbb-2"))); // another instance's write
    clock.advance(STALENESS.minusMillis(1));
    assertThat(ids(await(cached.all()))).as("still fresh enough").containsExactly("bbb-1");

    clock.advance(Duration.ofMillis(1));
    assertThat(ids(await(cached.all()))).containsExactly("bbb-1", "bbb-2");
    assertThat(counting.lists).hasValue(2);
    assertThat(cached.stats().hitCount()).isEqualTo(1);
    assertThat(cached.stats().missCount()).isEqualTo(2);
  }

  @Test
  void everyWriteThroughTheStoreIsSeenAtOnce() {
    assertThat(await(cached.all())).isEmpty();

    await(cached.save(server("bbb-1")));
    assertThat(ids(await(cached.all()))).containsExactly("bbb-1");
    await(cached.update("bbb-1", server -> server.withState(ServerState.CORDONED)));
    assertThat(await(cached.all())).extracting(ServerRecord::state).containsExactly(ServerState.CORDONED);
    assertThat(await(cached.find("bbb-1"))).hasValueSatisfying(
        server -> assertThat(server.state()).isEqualTo(ServerState.CORDONED));
    assertThat(await(cached.remove("bbb-1"))).isTrue();
    assertThat(await(cached.all())).isEmpty();
    assertThat(await(cached.find("bbb-1"))).isEmpty();

    assertThat(cached.stats().hitCount()).isZero();
    assertThat(counting.lists).hasValue(4);
  }

  @Test
  void anUpdateOfAnUnknownServerStillInvalidates() {
    await(cached.all());
    await(shared.save(server("bbb-1"))); // another instance's write

    assertThat(await(cached.update("bbb-2", UnaryOperator.identity()))).isEmpty();

    assertThat(ids(await(cached.all()))).containsExactly("bbb-1");
  }

  @Test
  void findAnswersFromTheCachedListWithinTheBound() {
    await(shared.save(server("bbb-1")));
    await(cached.all());
    await(shared.update("bbb-1", server -> server.withState(ServerState.DISABLED))); // another instance's write

    assertThat(await(cached.find("bbb-1"))).hasValueSatisfying(
        server -> assertThat(server.state()).isEqualTo(ServerState.ENABLED));
    assertThat(counting.finds).hasValue(0);

    clock.advance(STALENESS);
    assertThat(await(cached.find("bbb-1"))).hasValueSatisfying(
        server -> assertThat(server.state()).isEqualTo(ServerState.DISABLED));
    assertThat(counting.finds).hasValue(1);
    assertThat(cached.stats().requestCount()).as("find does not count as a list read").isEqualTo(1);
  }

  @Test
  void findAsksTheStoreForAServerTheCachedListDoesNotHave() {
    await(cached.all());
    await(shared.save(server("bbb-1"))); // another instance added it, and maybe placed a meeting there

    assertThat(await(cached.find("bbb-1"))).map(ServerRecord::id).contains("bbb-1");
    assertThat(counting.finds).hasValue(1);
  }

  @Test
  void explicitInvalidationDropsTheList() {
    await(cached.all());
    await(shared.save(server("bbb-1")));

    cached.invalidate();

    assertThat(ids(await(cached.all()))).containsExactly("bbb-1");
  }

  @Test
  void concurrentMissesShareOneRead() {
    CompletableFuture<List<ServerRecord>> slow = new CompletableFuture<>();
    AtomicInteger reads = new AtomicInteger();
    ServerStore pending = new CountingStore(shared) {
      @Override
      public CompletionStage<List<ServerRecord>> all() {
        reads.incrementAndGet();
        return slow;
      }
    };
    CachedServerStore store = new CachedServerStore(pending, STALENESS, CachedLoadTable.ticker(clock));

    CompletionStage<List<ServerRecord>> first = store.all();
    CompletionStage<List<ServerRecord>> second = store.all();
    slow.complete(List.of(server("bbb-1")));

    assertThat(await(first)).isEqualTo(await(second));
    assertThat(reads).hasValue(1);
  }

  @Test
  void aFailedReadIsNotCached() {
    AtomicInteger reads = new AtomicInteger();
    ServerStore failingOnce = new CountingStore(shared) {
      @Override
      public CompletionStage<List<ServerRecord>> all() {
        return reads.incrementAndGet() == 1
            ? CompletableFuture.failedFuture(new IllegalStateException("Redis is down"))
            : super.all();
      }
    };
    CachedServerStore store = new CachedServerStore(failingOnce, STALENESS, CachedLoadTable.ticker(clock));
    await(shared.save(server("bbb-1")));

    assertThat(store.all().toCompletableFuture()).failsWithin(Duration.ofSeconds(5));
    assertThat(ids(await(store.all()))).containsExactly("bbb-1");
  }

  @Test
  void callersCannotCompleteTheSharedList() {
    await(shared.save(server("bbb-1")));
    CompletableFuture<List<ServerRecord>> mine = cached.all().toCompletableFuture();
    mine.obtrudeValue(List.of());

    assertThat(ids(await(cached.all()))).containsExactly("bbb-1");
  }

  @Test
  void zeroStalenessReadsTheStoreEveryTimeAndCountsMisses() {
    CachedServerStore uncached = new CachedServerStore(counting, Duration.ZERO, CachedLoadTable.ticker(clock));
    await(uncached.all());
    await(shared.save(server("bbb-1")));

    assertThat(ids(await(uncached.all()))).containsExactly("bbb-1");
    assertThat(await(uncached.find("bbb-1"))).isPresent();
    assertThat(counting.lists).hasValue(2);
    assertThat(counting.finds).hasValue(1);
    assertThat(uncached.stats().missCount()).isEqualTo(2);
    assertThat(uncached.stats().hitCount()).isZero();
  }

  @Test
  void negativeStalenessIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CachedServerStore(shared, Duration.ofMillis(-1), CachedLoadTable.ticker(clock)));
  }

  private static ServerRecord server(String id) {
    return new ServerRecord(id, URI.create("https://" + id + ".example.com/bigbluebutton/api"), "secret",
        ServerState.ENABLED, true, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, "");
  }

  private static List<String> ids(List<ServerRecord> servers) {
    return servers.stream().map(ServerRecord::id).toList();
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** Counts the lists and the single servers read from the store underneath. */
  private static class CountingStore implements ServerStore {
    final AtomicInteger lists = new AtomicInteger();
    final AtomicInteger finds = new AtomicInteger();
    private final ServerStore delegate;

    CountingStore(ServerStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletionStage<List<ServerRecord>> all() {
      lists.incrementAndGet();
      return delegate.all();
    }

    @Override
    public CompletionStage<Optional<ServerRecord>> find(String id) {
      finds.incrementAndGet();
      return delegate.find(id);
    }

    @Override
    public CompletionStage<Void> save(ServerRecord server) {
      return delegate.save(server);
    }

    @Override
    public CompletionStage<Optional<ServerRecord>> update(String id, UnaryOperator<ServerRecord> change) {
      return delegate.update(id, change);
    }

    @Override
    public CompletionStage<Boolean> remove(String id) {
      return delegate.remove(id);
    }
  }
}
