package io.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.conf.ServerState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link Stores} implementation owes its callers, written against the interfaces only. An
 * implementation's test extends this class and supplies fresh, empty stores; the test-jar of this module carries it to
 * the modules that add backends. Test methods are public so a backend that cannot follow an injected clock may override
 * the TTL tests.
 */
public abstract class StoresContractTest {
  protected static final Instant START = Instant.parse("2024-03-01T09:00:00Z");
  private static final int THREADS = 8;

  protected MutableClock clock;
  protected Stores stores;

  /** Empty stores whose meetings expire {@link Stores#DEFAULT_MEETING_TTL} after creation by {@code clock}. */
  protected abstract Stores stores(Clock clock);

  @BeforeEach
  void openStores() {
    clock = new MutableClock(START);
    stores = stores(clock);
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }

  @Test
  public void savedServerIsFoundAndListed() {
    ServerRecord server = server("bbb-1");

    await(stores.servers().save(server));

    assertThat(await(stores.servers().find("bbb-1"))).contains(server);
    assertThat(await(stores.servers().all())).containsExactly(server);
  }

  @Test
  public void healthCheckPassesWhileTheBackendAnswers() {
    assertThat(stores.check()).succeedsWithin(Duration.ofSeconds(10));
  }

  @Test
  public void unknownServerIsNotFound() {
    assertThat(await(stores.servers().find("bbb-1"))).isEmpty();
    assertThat(await(stores.servers().all())).isEmpty();
  }

  @Test
  public void saveReplacesTheServerWithTheSameId() {
    await(stores.servers().save(server("bbb-1")));
    ServerRecord cordoned = server("bbb-1").withState(ServerState.CORDONED).withStats(3, 40, 20, 5);

    await(stores.servers().save(cordoned));

    assertThat(await(stores.servers().all())).containsExactly(cordoned);
  }

  @Test
  public void allListsServersInIdOrder() {
    for (String id : List.of("bbb-3", "bbb-1", "bbb-2")) {
      await(stores.servers().save(server(id)));
    }

    assertThat(await(stores.servers().all())).extracting(ServerRecord::id).containsExactly("bbb-1", "bbb-2", "bbb-3");
  }

  @Test
  public void removeForgetsTheServerAndTellsWhetherItExisted() {
    await(stores.servers().save(server("bbb-1")));

    assertThat(await(stores.servers().remove("bbb-1"))).isTrue();
    assertThat(await(stores.servers().remove("bbb-1"))).isFalse();
    assertThat(await(stores.servers().find("bbb-1"))).isEmpty();
  }

  @Test
  public void removedServerLeavesTheLoadTable() {
    await(stores.servers().save(server("bbb-1")));
    await(stores.load().set("bbb-1", 12));

    await(stores.servers().remove("bbb-1"));

    assertThat(await(stores.load().snapshot())).isEmpty();
  }

  @Test
  public void removedServerKeepsItsMeetings() {
    await(stores.servers().save(server("bbb-1")));
    MeetingRecord meeting = await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));

    await(stores.servers().remove("bbb-1"));

    assertThat(await(stores.meetings().all())).containsExactly(meeting);
  }

  @ParameterizedTest(name = "{0}, online={1}")
  @CsvSource({"CORDONED, true", "DISABLED, true", "ENABLED, false", "DISABLED, false"})
  public void savingAServerThatCannotTakeMeetingsTakesItOutOfTheLoadTable(ServerState state, boolean online) {
    await(stores.servers().save(server("bbb-1")));
    await(stores.servers().save(server("bbb-2")));
    await(stores.load().set("bbb-1", 12));
    await(stores.load().set("bbb-2", 7));

    await(stores.servers().save(server("bbb-1").withState(state).withOnline(online)));

    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-2", 7.0));
  }

  @Test
  public void savingAnEligibleServerKeepsItsLoad() {
    await(stores.servers().save(server("bbb-1")));
    await(stores.load().set("bbb-1", 12));

    await(stores.servers().save(server("bbb-1").withStats(2, 12, 8, 1).withCounters(0, 1)));

    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-1", 12.0));
  }

  @Test
  public void updateAppliesTheChangeToTheStoredServer() {
    await(stores.servers().save(server("bbb-1").withState(ServerState.CORDONED)));

    var updated = await(stores.servers().update("bbb-1", s -> s.withStats(1, 2, 2, 0).withBbbVersion("3.0.4")));

    ServerRecord expected = server("bbb-1").withState(ServerState.CORDONED).withStats(1, 2, 2, 0).withBbbVersion("3.0.4");
    assertThat(updated).contains(expected);
    assertThat(await(stores.servers().find("bbb-1"))).contains(expected);
  }

  @Test
  public void updateOfAnUnknownServerIsEmptyAndStoresNothing() {
    AtomicBoolean called = new AtomicBoolean();

    var updated = await(stores.servers().update("bbb-1", s -> {
      called.set(true);
      return s;
    }));

    assertThat(updated).isEmpty();
    assertThat(called).isFalse();
    assertThat(await(stores.servers().all())).isEmpty();
  }

  @Test
  public void updateThatTakesAServerOfflineTakesItOutOfTheLoadTable() {
    await(stores.servers().save(server("bbb-1")));
    await(stores.load().set("bbb-1", 12));

    await(stores.servers().update("bbb-1", s -> s.withOnline(false)));

    assertThat(await(stores.load().snapshot())).isEmpty();
  }

  @Test
  public void updateThatChangesTheIdFailsAndStoresNothing() {
    await(stores.servers().save(server("bbb-1")));

    CompletionStage<?> update = stores.servers().update("bbb-1", s -> server("bbb-2"));

    assertThat(update.toCompletableFuture()).failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalArgumentException.class);
    assertThat(await(stores.servers().all())).containsExactly(server("bbb-1"));
  }

  @Test
  public void concurrentUpdatesAreAllApplied() throws Exception {
    await(stores.servers().save(server("bbb-1")));
    int perThread = 250;

    race(i -> {
      for (int n = 0; n < perThread; n++) {
        await(stores.servers().update("bbb-1", s -> s.withCounters(s.healthyCounter() + 1, 0)));
      }
      return null;
    });

    assertThat(await(stores.servers().find("bbb-1"))).get()
        .extracting(ServerRecord::healthyCounter).isEqualTo(THREADS * perThread);
  }

  @Test
  public void createIfAbsentStoresANewMeeting() {
    MeetingRecord meeting = meeting("m-1", "bbb-1", "700000001");

    assertThat(await(stores.meetings().createIfAbsent(meeting))).isEqualTo(meeting);

    assertThat(await(stores.meetings().find("m-1"))).contains(meeting);
    assertThat(await(stores.meetings().all())).containsExactly(meeting);
    assertThat(await(stores.meetings().voiceBridgeInUse("700000001"))).isTrue();
  }

  @Test
  public void unknownMeetingIsNotFound() {
    assertThat(await(stores.meetings().find("m-1"))).isEmpty();
    assertThat(await(stores.meetings().all())).isEmpty();
    assertThat(await(stores.meetings().voiceBridgeInUse("700000001"))).isFalse();
  }

  @Test
  public void createIfAbsentReturnsTheExistingMeetingWhateverItsServerAndVoiceBridge() {
    MeetingRecord first = await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));

    MeetingRecord second = await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-2", "700000002")));

    assertThat(second).isEqualTo(first);
    assertThat(await(stores.meetings().voiceBridgeInUse("700000002"))).isFalse();
  }

  @Test
  public void concurrentCreatesOfOneMeetingAllGetTheFirstOneStored() throws Exception {
    List<MeetingRecord> results =
        race(i -> await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-" + i, "70000000" + i))));

    MeetingRecord stored = await(stores.meetings().find("m-1")).orElseThrow();
    assertThat(results).hasSize(THREADS).containsOnly(stored);
    List<Boolean> inUse = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      inUse.add(await(stores.meetings().voiceBridgeInUse("70000000" + i)));
    }
    assertThat(inUse).containsOnlyOnce(true);
  }

  @Test
  public void createIfAbsentFailsWhenAnotherMeetingHoldsTheVoiceBridge() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));

    CompletionStage<MeetingRecord> create = stores.meetings().createIfAbsent(meeting("m-2", "bbb-1", "700000001"));

    assertThat(create.toCompletableFuture()).failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(VoiceBridgeTakenException.class,
            e -> assertThat(e.voiceBridge()).isEqualTo("700000001"));
    assertThat(await(stores.meetings().find("m-2"))).isEmpty();
  }

  @Test
  public void aMeetingRefusedItsVoiceBridgeGetsInWithAnother() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    MeetingRecord refused = meeting("m-2", "bbb-1", "700000001");
    assertThat(awaitFailure(stores.meetings().createIfAbsent(refused))).isInstanceOf(VoiceBridgeTakenException.class);

    MeetingRecord stored = await(stores.meetings().createIfAbsent(refused.withVoiceBridge("700000002")));

    assertThat(stored.voiceBridge()).isEqualTo("700000002");
    assertThat(await(stores.meetings().all())).hasSize(2);
  }

  @Test
  public void concurrentCreatesWithOneVoiceBridgeLetExactlyOneMeetingIn() throws Exception {
    List<String> outcomes = race(i -> stores.meetings().createIfAbsent(meeting("m-" + i, "bbb-1", "700000001"))
        .toCompletableFuture()
        .handle((meeting, error) -> error == null ? "created " + meeting.id() : unwrap(error).getClass().getSimpleName())
        .join());

    assertThat(outcomes).filteredOn(o -> o.startsWith("created")).hasSize(1);
    assertThat(outcomes).filteredOn(o -> !o.startsWith("created"))
        .hasSize(THREADS - 1)
        .containsOnly(VoiceBridgeTakenException.class.getSimpleName());
    assertThat(await(stores.meetings().all())).hasSize(1);
  }

  @Test
  public void removingAMeetingFreesItsVoiceBridge() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));

    assertThat(await(stores.meetings().remove("m-1"))).isTrue();
    assertThat(await(stores.meetings().remove("m-1"))).isFalse();

    assertThat(await(stores.meetings().find("m-1"))).isEmpty();
    assertThat(await(stores.meetings().voiceBridgeInUse("700000001"))).isFalse();
    MeetingRecord next = meeting("m-2", "bbb-1", "700000001");
    assertThat(await(stores.meetings().createIfAbsent(next))).isEqualTo(next);
  }

  @Test
  public void removeAllOnServerReturnsExactlyThatServersMeetings() {
    List<MeetingRecord> onFirst = List.of(
        meeting("m-1", "bbb-1", "700000001"), meeting("m-2", "bbb-1", "700000002"), meeting("m-3", "bbb-1", "700000003"));
    List<MeetingRecord> onSecond = List.of(meeting("m-4", "bbb-2", "700000004"), meeting("m-5", "bbb-2", "700000005"));
    for (MeetingRecord meeting : Stream.concat(onFirst.stream(), onSecond.stream()).toList()) {
      await(stores.meetings().createIfAbsent(meeting));
    }

    assertThat(await(stores.meetings().removeAllOnServer("bbb-1"))).containsExactlyInAnyOrderElementsOf(onFirst);

    assertThat(await(stores.meetings().all())).containsExactlyInAnyOrderElementsOf(onSecond);
    assertThat(await(stores.meetings().voiceBridgeInUse("700000001"))).isFalse();
    assertThat(await(stores.meetings().voiceBridgeInUse("700000004"))).isTrue();
    assertThat(await(stores.meetings().removeAllOnServer("bbb-1"))).isEmpty();
  }

  @Test
  public void findByVoiceBridgeFindsTheMeetingHoldingIt() {
    MeetingRecord meeting = new MeetingRecord("m-1", "bbb-1", "mp", "700000001", "tenant-1", START);
    await(stores.meetings().createIfAbsent(meeting));
    await(stores.meetings().createIfAbsent(meeting("m-2", "bbb-2", "700000002")));

    assertThat(await(stores.meetings().findByVoiceBridge("700000001"))).contains(meeting);
    assertThat(await(stores.meetings().findByVoiceBridge("700000003"))).isEmpty();
    assertThat(await(stores.meetings().findByVoiceBridge("70000000"))).isEmpty();
  }

  @Test
  public void aRemovedMeetingIsNotFoundByItsVoiceBridge() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));

    await(stores.meetings().remove("m-1"));

    assertThat(await(stores.meetings().findByVoiceBridge("700000001"))).isEmpty();
    MeetingRecord next = await(stores.meetings().createIfAbsent(meeting("m-2", "bbb-1", "700000001")));
    assertThat(await(stores.meetings().findByVoiceBridge("700000001"))).contains(next);
  }

  @Test
  public void anExpiredMeetingIsNotFoundByItsVoiceBridge() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    clock.advance(Stores.DEFAULT_MEETING_TTL);

    assertThat(await(stores.meetings().findByVoiceBridge("700000001"))).isEmpty();
    MeetingRecord again = await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-2", "700000002")));
    assertThat(await(stores.meetings().findByVoiceBridge("700000001"))).isEmpty();
    assertThat(await(stores.meetings().findByVoiceBridge("700000002"))).contains(again);
  }

  @Test
  public void meetingExpiresTheTtlAfterItsCreation() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));

    clock.advance(Stores.DEFAULT_MEETING_TTL.minusSeconds(1));
    assertThat(await(stores.meetings().find("m-1"))).isPresent();

    clock.advance(Duration.ofSeconds(1));
    assertThat(await(stores.meetings().find("m-1"))).isEmpty();
    assertThat(await(stores.meetings().all())).isEmpty();
    assertThat(await(stores.meetings().voiceBridgeInUse("700000001"))).isFalse();
    assertThat(await(stores.meetings().remove("m-1"))).isFalse();
  }

  @Test
  public void expiredMeetingIsReplacedByTheNextCreate() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    clock.advance(Stores.DEFAULT_MEETING_TTL);

    MeetingRecord again = meeting("m-1", "bbb-2", "700000002");
    assertThat(await(stores.meetings().createIfAbsent(again))).isEqualTo(again);
    MeetingRecord other = meeting("m-2", "bbb-2", "700000001");
    assertThat(await(stores.meetings().createIfAbsent(other))).isEqualTo(other);
  }

  @Test
  public void expiredMeetingsAreNotRemovedAgainWithTheirServer() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    clock.advance(Duration.ofHours(12));
    MeetingRecord later = await(stores.meetings().createIfAbsent(meeting("m-2", "bbb-1", "700000002")));
    clock.advance(Duration.ofHours(12));

    assertThat(await(stores.meetings().removeAllOnServer("bbb-1"))).containsExactly(later);
  }

  @Test
  public void touchRestartsTheTtl() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    clock.advance(Duration.ofHours(20));

    await(stores.meetings().touch("m-1"));
    clock.advance(Duration.ofHours(20));

    assertThat(await(stores.meetings().find("m-1"))).isPresent();
    assertThat(await(stores.meetings().voiceBridgeInUse("700000001"))).isTrue();
    clock.advance(Duration.ofHours(4));
    assertThat(await(stores.meetings().find("m-1"))).isEmpty();
  }

  @Test
  public void touchOfAnUnknownOrExpiredMeetingCreatesNothing() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    clock.advance(Stores.DEFAULT_MEETING_TTL);

    await(stores.meetings().touch("m-1"));
    await(stores.meetings().touch("m-2"));

    assertThat(await(stores.meetings().all())).isEmpty();
  }

  @Test
  public void setLoadsAreInTheSnapshot() {
    await(stores.load().set("bbb-1", 12));
    await(stores.load().set("bbb-2", 3.5));
    await(stores.load().set("bbb-1", 4));

    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-1", 4.0, "bbb-2", 3.5));
  }

  @Test
  public void snapshotIsAnImmutableCopy() {
    await(stores.load().set("bbb-1", 12));
    Map<String, Double> snapshot = await(stores.load().snapshot());

    await(stores.load().set("bbb-1", 13));
    await(stores.load().set("bbb-2", 1));

    assertThat(snapshot).isEqualTo(Map.of("bbb-1", 12.0));
    assertThat(snapshot).isUnmodifiable();
  }

  @Test
  public void removedServerIsOutOfTheSnapshot() {
    await(stores.load().set("bbb-1", 12));
    await(stores.load().set("bbb-2", 3));

    await(stores.load().remove("bbb-1"));
    await(stores.load().remove("bbb-3"));

    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-2", 3.0));
  }

  @Test
  public void incrementAddsOnlyToServersInTheTable() {
    await(stores.load().set("bbb-1", 12));

    await(stores.load().increment("bbb-1", 2.5));
    await(stores.load().increment("bbb-2", 1));

    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-1", 14.5));
  }

  @Test
  public void incrementLeastLoadedTakesTheLowestLoadAmongTheCandidates() {
    await(stores.load().set("bbb-1", 12));
    await(stores.load().set("bbb-2", 3.5));
    await(stores.load().set("bbb-3", 7));
    await(stores.load().set("bbb-9", 0)); // lower still, but not a candidate (another tag, say)

    Optional<String> chosen =
        await(stores.load().incrementLeastLoaded(Map.of("bbb-1", 1.0, "bbb-2", 1.0, "bbb-3", 1.0)));

    assertThat(chosen).contains("bbb-2");
    assertThat(await(stores.load().snapshot()))
        .isEqualTo(Map.of("bbb-1", 12.0, "bbb-2", 4.5, "bbb-3", 7.0, "bbb-9", 0.0));
  }

  @Test
  public void incrementLeastLoadedBreaksTiesBySmallestId() {
    for (String id : List.of("bbb-3", "bbb-10", "bbb-2")) {
      await(stores.load().set(id, 5));
    }
    Map<String, Double> candidates = Map.of("bbb-2", 1.0, "bbb-3", 1.0, "bbb-10", 1.0);

    List<String> chosen = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      chosen.add(await(stores.load().incrementLeastLoaded(candidates)).orElseThrow());
    }

    // Ids compare character by character ("bbb-10" < "bbb-2"), as Redis orders equal scores and String.compareTo does.
    assertThat(chosen).containsExactly("bbb-10", "bbb-2", "bbb-3", "bbb-10", "bbb-2", "bbb-3");
  }

  @Test
  public void incrementLeastLoadedTiesFollowCodeUnitsNotALocalesCollation() {
    // A collation would put "abb" before "Bbb" and "bbb.a" before "bbb-b" (ignoring case and punctuation first).
    List<String> ids = List.of("bbb.a", "abb", "bbb-b", "Bbb");
    Map<String, Double> candidates = new HashMap<>();
    for (String id : ids) {
      await(stores.load().set(id, 1));
      candidates.put(id, 1.0);
    }

    List<String> chosen = new ArrayList<>();
    for (int n = 0; n < ids.size(); n++) {
      chosen.add(await(stores.load().incrementLeastLoaded(candidates)).orElseThrow());
    }

    assertThat(chosen).containsExactly("Bbb", "abb", "bbb-b", "bbb.a").isSortedAccordingTo(String::compareTo);
  }

  @Test
  public void incrementLeastLoadedIgnoresCandidatesAbsentFromTheTable() {
    await(stores.load().set("bbb-2", 10));

    Optional<String> chosen = await(stores.load().incrementLeastLoaded(Map.of("bbb-1", 1.0, "bbb-2", 1.0)));

    assertThat(chosen).contains("bbb-2");
    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-2", 11.0));
  }

  @Test
  public void incrementLeastLoadedIsEmptyWhenNoCandidateIsInTheTable() {
    await(stores.load().set("bbb-3", 0));

    assertThat(await(stores.load().incrementLeastLoaded(Map.of("bbb-1", 1.0, "bbb-2", 1.0)))).isEmpty();
    assertThat(await(stores.load().incrementLeastLoaded(Map.of()))).isEmpty();

    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-3", 0.0));
  }

  @Test
  public void incrementLeastLoadedAddsTheChosenCandidatesOwnAmount() {
    await(stores.load().set("bbb-1", 4));
    await(stores.load().set("bbb-2", 4.5));
    Map<String, Double> candidates = Map.of("bbb-1", 2.5, "bbb-2", 0.5); // load multipliers 2.5 and 0.5

    List<String> chosen = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      chosen.add(await(stores.load().incrementLeastLoaded(candidates)).orElseThrow());
    }

    // 4 | 4.5 -> 6.5 | 4.5 -> 6.5 | 5 -> 6.5 | 5.5 -> 6.5 | 6 -> 6.5 | 6.5
    assertThat(chosen).containsExactly("bbb-1", "bbb-2", "bbb-2", "bbb-2", "bbb-2");
    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-1", 6.5, "bbb-2", 6.5));
  }

  @Test
  public void incrementLeastLoadedAcceptsAZeroAmount() {
    await(stores.load().set("bbb-1", 2));

    assertThat(await(stores.load().incrementLeastLoaded(Map.of("bbb-1", 0.0)))).contains("bbb-1");

    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-1", 2.0));
  }

  @Test
  public void concurrentPlacementsSpreadInInverseProportionToTheAmountsAndSumExactly() throws Exception {
    Map<String, Double> candidates = Map.of("bbb-1", 1.0, "bbb-2", 1.0, "bbb-3", 2.0);
    for (String id : candidates.keySet()) {
      await(stores.load().set(id, 0));
    }
    int perThread = 100;

    List<Map<String, Integer>> placed = race(i -> {
      Map<String, Integer> mine = new HashMap<>();
      for (int n = 0; n < perThread; n++) {
        mine.merge(await(stores.load().incrementLeastLoaded(candidates)).orElseThrow(), 1, Integer::sum);
      }
      return mine;
    });

    Map<String, Integer> counts = new HashMap<>();
    placed.forEach(mine -> mine.forEach((id, count) -> counts.merge(id, count, Integer::sum)));
    int total = THREADS * perThread; // 800: 320 + 320 + 160, every server at 320
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
    assertThat(counts.get("bbb-1")).isCloseTo(320, within(1));
    assertThat(counts.get("bbb-2")).isCloseTo(320, within(1));
    assertThat(counts.get("bbb-3")).isCloseTo(160, within(1));
    Map<String, Double> loads = await(stores.load().snapshot());
    // Every placement was counted once, with its own amount: the loads hold exactly what the callers were told.
    counts.forEach((id, count) -> assertThat(loads.get(id)).isEqualTo(count * candidates.get(id)));
    assertThat(loads.values().stream().mapToDouble(Double::doubleValue).sum())
        .isEqualTo(counts.get("bbb-1") + counts.get("bbb-2") + 2.0 * counts.get("bbb-3"));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  public void nonFiniteLoadsAreRejected(double value) {
    await(stores.load().set("bbb-1", 1));

    assertThatIllegalArgumentException().isThrownBy(() -> stores.load().set("bbb-1", value));
    assertThatIllegalArgumentException().isThrownBy(() -> stores.load().increment("bbb-1", value));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> stores.load().incrementLeastLoaded(Map.of("bbb-1", 1.0, "bbb-2", value)));
    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-1", 1.0));
  }

  @Test
  public void nullCandidatesAreRejected() {
    await(stores.load().set("bbb-1", 1));
    Map<String, Double> nullId = new HashMap<>();
    nullId.put("bbb-1", 1.0);
    nullId.put(null, 1.0);
    Map<String, Double> nullAmount = new HashMap<>();
    nullAmount.put("bbb-1", null);

    assertThatNullPointerException().isThrownBy(() -> stores.load().incrementLeastLoaded(null));
    assertThatNullPointerException().isThrownBy(() -> stores.load().incrementLeastLoaded(nullId));
    assertThatNullPointerException().isThrownBy(() -> stores.load().incrementLeastLoaded(nullAmount));
    assertThat(await(stores.load().snapshot())).isEqualTo(Map.of("bbb-1", 1.0));
  }

  protected static ServerRecord server(String id) {
    return new ServerRecord(id, URI.create("https://" + id + ".example.com/bigbluebutton/api"), "secret-" + id,
        ServerState.ENABLED, true, 1.0, Set.of(), 0, 0, 0, 0, 0, 0, "");
  }

  protected static MeetingRecord meeting(String id, String serverId, String voiceBridge) {
    return new MeetingRecord(id, serverId, "mod-" + id, voiceBridge, "", START);
  }

  protected static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static Throwable awaitFailure(CompletionStage<?> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
        .handle((value, error) -> {
          assertThat(error).as("expected a failure, got %s", value).isNotNull();
          return unwrap(error);
        })
        .join();
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  /** Runs {@code task} on {@value #THREADS} threads released at once; returns their results in thread order. */
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
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
