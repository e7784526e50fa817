package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.conf.ServerState;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import io.switchboard.storage.VoiceBridgeTakenException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Several instances (stores on their own connections) sharing one Redis, as several Switchboards do. */
@ExtendWith(RedisTestSupport.Required.class)
class RedisConcurrencyTest {
  private static final int THREADS = 8;
  private static final int INSTANCES = 3;

  private RedisTestSupport.Raw raw;
  private final List<Stores> instances = new ArrayList<>();

  @BeforeEach
  void open() {
    String namespace = RedisTestSupport.namespace();
    raw = new RedisTestSupport.Raw(namespace);
    for (int i = 0; i < INSTANCES; i++) {
      // The default load cache staleness, on real time, as in production (placements do not read the cache).
      instances.add(RedisStores.open(RedisTestSupport.settings(namespace), Clock.systemUTC(),
          Stores.DEFAULT_MEETING_TTL));
    }
  }

  @AfterEach
  void close() {
    instances.forEach(Stores::close);
    raw.close();
  }

  @Test
  void placementsFromTwoInstancesSpreadEvenlyAndSumExactly() throws Exception {
    List<Stores> two = instances.subList(0, 2);
    Map<String, Double> candidates = Map.of("bbb-1", 1.0, "bbb-2", 1.0, "bbb-3", 1.0);
    for (String server : candidates.keySet()) {
      await(two.get(0).load().set(server, 0));
    }
    await(instances.get(2).load().set("bbb-4", 0)); // in the table, but no candidate: never chosen
    int meetings = 300;
    AtomicInteger tickets = new AtomicInteger(meetings);

    // 4 threads per instance, each placing meetings until the 300 are placed, as a burst of creates would.
    List<Map<String, Integer>> placed = race(thread -> {
      Stores stores = two.get(thread % two.size());
      Map<String, Integer> mine = new HashMap<>();
      while (tickets.getAndDecrement() > 0) {
        String chosen = await(stores.load().incrementLeastLoaded(candidates)).orElseThrow();
        mine.merge(chosen, 1, Integer::sum);
      }
      return mine;
    });

    Map<String, Integer> counted = new HashMap<>();
    placed.forEach(mine -> mine.forEach((server, count) -> counted.merge(server, count, Integer::sum)));
    assertThat(counted.keySet()).containsExactlyInAnyOrderElementsOf(candidates.keySet());
    assertThat(counted.values()).allSatisfy(count -> assertThat(count).isCloseTo(meetings / 3, within(1)));
    Map<String, Double> loads = await(instances.get(2).load().snapshot());
    counted.forEach((server, count) -> assertThat(loads.get(server)).isEqualTo(count.doubleValue()));
    assertThat(loads.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(meetings);
    assertThat(loads).containsEntry("bbb-4", 0.0);
    assertThat(raw.redis.zcard(raw.key("server_load"))).isEqualTo(4);
  }

  @Test
  void twoInstancesRacingToCreateOneMeetingConverge() throws Exception {
    Stores first = instances.get(0);
    Stores second = instances.get(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 50; round++) {
        String id = "m-" + round;
        MeetingRecord onFirst = new MeetingRecord(id, "bbb-1", "mp-1", "71" + String.format("%07d", round), "",
            Instant.now());
        MeetingRecord onSecond = new MeetingRecord(id, "bbb-2", "mp-2", "72" + String.format("%07d", round), "",
            Instant.now());
        CountDownLatch go = new CountDownLatch(1);
        Future<MeetingRecord> a = pool.submit(() -> {
          go.await();
          return await(first.meetings().createIfAbsent(onFirst));
        });
        Future<MeetingRecord> b = pool.submit(() -> {
          go.await();
          return await(second.meetings().createIfAbsent(onSecond));
        });
        go.countDown();
        MeetingRecord fromFirst = a.get(30, TimeUnit.SECONDS);
        MeetingRecord fromSecond = b.get(30, TimeUnit.SECONDS);

        MeetingRecord stored = await(instances.get(2).meetings().find(id)).orElseThrow();
        assertThat(List.of(onFirst.serverId(), onSecond.serverId())).contains(stored.serverId());
        assertThat(fromFirst.serverId()).isEqualTo(stored.serverId());
        assertThat(fromSecond.serverId()).isEqualTo(stored.serverId());
        assertThat(fromFirst.voiceBridge()).isEqualTo(stored.voiceBridge());
        assertThat(fromSecond.voiceBridge()).isEqualTo(stored.voiceBridge());
        String loser = stored.voiceBridge().equals(onFirst.voiceBridge()) ? onSecond.voiceBridge()
            : onFirst.voiceBridge();
        assertThat(await(first.meetings().voiceBridgeInUse(loser))).isFalse();
      }
      assertThat(raw.redis.scard(raw.key("meetings"))).isEqualTo(50);
      assertThat(raw.redis.hlen(raw.key("voice_bridges"))).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void instancesDrawingTheSameVoiceBridgeForDifferentMeetingsLetOneIn() throws Exception {
    List<String> outcomes = race(thread -> {
      Stores stores = instances.get(thread % INSTANCES);
      MeetingRecord meeting = new MeetingRecord("m-" + thread, "bbb-1", "mp", "700000001", "", Instant.now());
      return stores.meetings().createIfAbsent(meeting).toCompletableFuture()
          .handle((created, error) -> error == null ? "created"
              : (error instanceof CompletionException ? error.getCause() : error).getClass().getSimpleName())
          .join();
    });

    assertThat(outcomes).containsOnlyOnce("created");
    assertThat(outcomes).filteredOn(outcome -> !outcome.equals("created"))
        .containsOnly(VoiceBridgeTakenException.class.getSimpleName());
  }

  @Test
  void concurrentUpdatesFromSeveralInstancesAreAllApplied() throws Exception {
    ServerRecord server = new ServerRecord("bbb-1",
        URI.create("https://bbb-1.example.com/bigbluebutton/api"), "secret",
        ServerState.ENABLED, true, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, "");
    await(instances.get(0).servers().save(server));
    int perThread = 50;

    race(thread -> {
      Stores stores = instances.get(thread % INSTANCES);
      for (int n = 0; n < perThread; n++) {
        await(stores.servers().update("bbb-1", s -> s.withStats(s.meetings() + 1, 0, 0, 0)));
      }
      return null;
    });

    assertThat(await(instances.get(2).servers().find("bbb-1"))).get()
        .extracting(ServerRecord::meetings).isEqualTo(THREADS * perThread);
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  private static <T> List<T> race(IntFunction<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        int thread = i;
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return task.apply(thread);
        }));
      }
      ready.await();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
