package io.switchboard.storage.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RecordingStore} owes its callers (spec §9.1–§9.5), written against the interface only. An
 * implementation's test extends this class and supplies a fresh, empty store (and closes what it opened in its own
 * {@code @AfterEach}); the test-jar of this module carries it to the modules that add backends. Filters are checked
 * against {@link RecordingQuery#matches}, the reference a backend translating queries (to SQL, say) must agree with.
 */
public abstract class RecordingStoreContractTest {
  protected static final long T0 = Instant.parse("2024-03-01T09:00:00Z").toEpochMilli();
  protected static final long HOUR = Duration.ofHours(1).toMillis();

  /** The order every page is in: start time descending, then record id ascending. */
  protected static final Comparator<Recording> NEWEST_FIRST =
      Comparator.comparingLong(Recording::startTimeMillis).reversed().thenComparing(Recording::recordId);

  protected RecordingStore store;

  /** A fresh, empty store. */
  protected abstract RecordingStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  // --- save, get, getAll, recordIds, remove --------------------------------------------------------------------------

  @Test
  public void savedRecordingComesBackWithEveryField() {
    Recording recording = new Recording(recordId("room-1", T0), "room-1", "Physics 101", true, true,
        Optional.of("published"), T0, T0 + HOUR, OptionalInt.of(12),
        metadata("bbb-origin", "Greenlight", "gl-listed", "true", "tenant-id", "t1"),
        List.of(
            new PlaybackFormat("podcast", "/podcast/" + recordId("room-1", T0) + "/audio.ogg", OptionalInt.empty(),
                OptionalLong.of(1234), List.of()),
            presentation(recordId("room-1", T0))),
        true);

    await(store.save(recording));

    assertThat(await(store.get(recording.recordId()))).contains(recording);
    assertThat(await(store.get(recording.recordId()))).get().satisfies(
        found -> assertThat(found.metadata().keySet()).containsExactly("bbb-origin", "gl-listed", "tenant-id"));
  }

  @Test
  public void recordingWithoutStateOrOptionalFieldsComesBackAsSaved() {
    Recording bare = new Recording("bare-1", "room-1", "", false, false, Optional.empty(), 0, 0, OptionalInt.empty(),
        Map.of(), List.of(), false);

    await(store.save(bare));

    assertThat(await(store.get("bare-1"))).contains(bare);
  }

  @Test
  public void unknownRecordingIsNotFound() {
    assertThat(await(store.get(recordId("room-1", T0)))).isEmpty();
    assertThat(await(store.getAll(List.of(recordId("room-1", T0))))).isEmpty();
    assertThat(await(store.recordIds())).isEmpty();
    assertThat(await(store.find(RecordingQuery.all()))).isEqualTo(new RecordingPage(List.of(), 0));
  }

  @Test
  public void saveReplacesTheRecordingWithTheSameId() {
    Recording first = recording("room-1", T0);
    await(store.save(first));
    Recording reimported = first.withMetadata(metadata("bbb-origin", "Moodle")).withProtected(true);

    await(store.save(reimported));

    assertThat(await(store.get(first.recordId()))).contains(reimported);
    assertThat(await(store.recordIds())).containsExactly(first.recordId());
    assertThat(find(byMeetings("room-1")).recordings()).containsExactly(reimported);
  }

  @Test
  public void saveThatChangesTheMeetingIdMovesTheRecordingToTheOtherMeeting() {
    Recording recording = recording("room-1", T0);
    await(store.save(recording));
    Recording moved = withMeetingId(recording, "room-2");

    await(store.save(moved));

    assertThat(find(byMeetings("room-1")).recordings()).isEmpty();
    assertThat(find(byMeetings("room-2")).recordings()).containsExactly(moved);
  }

  @Test
  public void getAllReturnsEachExistingRecordingOnceWhateverItsState() {
    Recording published = recording("room-1", T0);
    Recording deleted = recording("room-1", T0 + HOUR).deleted();
    Recording processing = inState(recording("room-2", T0), "processing");
    save(published, deleted, processing, recording("room-3", T0));

    List<Recording> found = await(store.getAll(List.of(published.recordId(), deleted.recordId(),
        processing.recordId(), "unknown-1", published.recordId())));

    assertThat(found).containsExactlyInAnyOrder(published, deleted, processing);
  }

  @Test
  public void getAllOfNoIdsIsEmpty() {
    save(recording("room-1", T0));

    assertThat(await(store.getAll(List.of()))).isEmpty();
  }

  @Test
  public void recordIdsListsEveryIndexedRecordingWhateverItsState() {
    Recording published = recording("room-1", T0);
    Recording deleted = recording("room-2", T0).deleted();
    Recording bare = withoutState(recording("room-3", T0));
    save(published, deleted, bare);

    assertThat(await(store.recordIds()))
        .containsExactlyInAnyOrder(published.recordId(), deleted.recordId(), bare.recordId());
  }

  @Test
  public void removeForgetsTheRecordingEntirelyAndTellsWhetherItWasIndexed() {
    Recording gone = recording("room-1", T0);
    Recording kept = recording("room-1", T0 + HOUR);
    save(gone, kept);

    assertThat(await(store.remove(gone.recordId()))).isTrue();
    assertThat(await(store.remove(gone.recordId()))).isFalse();

    assertThat(await(store.get(gone.recordId()))).isEmpty();
    assertThat(await(store.recordIds())).containsExactly(kept.recordId());
    assertThat(find(byMeetings("room-1")).recordings()).containsExactly(kept);
    assertThat(find(anyState(byPrefixes(gone.recordId()))).recordings()).isEmpty();
  }

  @Test
  public void removedRecordingCanBeSavedAgain() {
    Recording recording = recording("room-1", T0);
    await(store.save(recording));
    await(store.remove(recording.recordId()));

    await(store.save(recording));

    assertThat(find(byMeetings("room-1")).recordings()).containsExactly(recording);
  }

  // --- update --------------------------------------------------------------------------------------------------------

  @Test
  public void updateAppliesTheChangeToTheStoredRecording() {
    Recording recording = recording("room-1", T0);
    await(store.save(recording));

    Optional<Recording> updated = await(store.update(recording.recordId(), r -> r.withPublished(false)));

    Recording expected = recording.withPublished(false);
    assertThat(updated).contains(expected);
    assertThat(await(store.get(recording.recordId()))).contains(expected);
    assertThat(expected.state()).contains("unpublished");
    assertThat(expected.publishUpdated()).isTrue();
  }

  @Test
  public void updateToDeletedHidesTheRecordingFromDefaultQueries() {
    Recording recording = recording("room-1", T0).withMetadata(metadata("tenant-id", "t1"));
    await(store.save(recording));

    await(store.update(recording.recordId(), Recording::deleted));

    assertThat(find(byMeetings("room-1")).recordings()).isEmpty();
    assertThat(find(inStates(byMeetings("room-1"), "deleted")).recordings()).containsExactly(recording.deleted());
  }

  @Test
  public void updateOfAnUnknownRecordingIsEmptyAndStoresNothing() {
    AtomicBoolean called = new AtomicBoolean();

    Optional<Recording> updated = await(store.update("unknown-1", r -> {
      called.set(true);
      return r;
    }));

    assertThat(updated).isEmpty();
    assertThat(called).isFalse();
    assertThat(await(store.recordIds())).isEmpty();
  }

  @Test
  public void updateThatChangesTheIdFailsAndStoresNothing() {
    Recording recording = recording("room-1", T0);
    await(store.save(recording));

    CompletionStage<?> update = store.update(recording.recordId(), r -> recording("room-1", T0 + HOUR));

    assertThat(update.toCompletableFuture()).failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalArgumentException.class);
    assertThat(await(store.recordIds())).containsExactly(recording.recordId());
    assertThat(await(store.get(recording.recordId()))).contains(recording);
  }

  @Test
  public void updateThatChangesTheMeetingIdMovesTheRecordingToTheOtherMeeting() {
    Recording recording = recording("room-1", T0);
    await(store.save(recording));

    await(store.update(recording.recordId(), r -> withMeetingId(r, "room-2")));

    assertThat(find(byMeetings("room-1")).recordings()).isEmpty();
    assertThat(find(byMeetings("room-2")).recordings()).containsExactly(withMeetingId(recording, "room-2"));
  }

  @Test
  public void concurrentUpdatesAreAllApplied() throws Exception {
    Recording recording = recording("room-1", T0).withMetadata(metadata("count", "0"));
    await(store.save(recording));
    int threads = 8;
    int perThread = 100;

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int n = 0; n < perThread; n++) {
            await(store.update(recording.recordId(), r -> r.withMetadata(
                metadata("count", Integer.toString(Integer.parseInt(r.metadata().get("count")) + 1)))));
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(await(store.get(recording.recordId()))).get()
        .extracting(r -> r.metadata().get("count")).isEqualTo(Integer.toString(threads * perThread));
  }

  // --- updateMetadata ------------------------------------------------------------------------------------------------

  @Test
  public void updateMetadataUpsertsInPlaceAppendsNewKeysAndRemovesEmptyOnes() {
    Recording recording = recording("room-1", T0).withMetadata(metadata("a", "1", "b", "2", "c", "3"));
    await(store.save(recording));

    boolean changed = await(store.updateMetadata(List.of(recording.recordId()),
        metadata("b", "two", "d", "4", "a", "", "e", "5")));

    assertThat(changed).isTrue();
    Recording stored = await(store.get(recording.recordId())).orElseThrow();
    assertThat(stored.metadata()).containsExactly(
        Map.entry("b", "two"), Map.entry("c", "3"), Map.entry("d", "4"), Map.entry("e", "5"));
    assertThat(stored).isEqualTo(recording.withMetadata(stored.metadata()));
  }

  @Test
  public void updateMetadataChangesEveryListedRecordingAndNoOther() {
    Recording first = recording("room-1", T0).withMetadata(metadata("gl-listed", "false"));
    Recording second = recording("room-2", T0);
    Recording other = recording("room-3", T0).withMetadata(metadata("gl-listed", "false"));
    save(first, second, other);

    boolean changed = await(store.updateMetadata(List.of(first.recordId(), second.recordId(), "unknown-1"),
        metadata("gl-listed", "true")));

    assertThat(changed).isTrue();
    assertThat(await(store.get(first.recordId()))).get().extracting(Recording::metadata)
        .isEqualTo(metadata("gl-listed", "true"));
    assertThat(await(store.get(second.recordId()))).get().extracting(Recording::metadata)
        .isEqualTo(metadata("gl-listed", "true"));
    assertThat(await(store.get(other.recordId()))).contains(other);
  }

  @Test
  public void updateMetadataThatChangesNothingReturnsFalse() {
    Recording recording = recording("room-1", T0).withMetadata(metadata("a", "1"));
    await(store.save(recording));

    assertThat(await(store.updateMetadata(List.of(recording.recordId()), metadata("a", "1", "absent", "")))).isFalse();
    assertThat(await(store.updateMetadata(List.of(recording.recordId()), Map.of()))).isFalse();
    assertThat(await(store.updateMetadata(List.of("unknown-1"), metadata("a", "2")))).isFalse();
    assertThat(await(store.updateMetadata(List.of(), metadata("a", "2")))).isFalse();

    assertThat(await(store.get(recording.recordId()))).contains(recording);
  }

  @Test
  public void updatedMetadataIsWhatMetadataAndTenantFiltersSee() {
    Recording recording = recording("room-1", T0).withMetadata(metadata("tenant-id", "t1", "course", "old"));
    await(store.save(recording));

    await(store.updateMetadata(List.of(recording.recordId()), metadata("course", "", "term", "2024")));

    assertThat(find(withMeta(RecordingQuery.all(), "course", "old")).recordings()).isEmpty();
    assertThat(find(withMeta(RecordingQuery.all(), "term", "2024")).recordings()).hasSize(1);
    assertThat(find(forTenant(RecordingQuery.all(), "t1")).recordings()).hasSize(1);
  }

  // --- find: filters -------------------------------------------------------------------------------------------------

  @Test
  public void findByDefaultReturnsPublishedAndUnpublishedOnly() {
    Recording published = recording("room-1", T0);
    Recording unpublished = recording("room-1", T0 + HOUR).withPublished(false);
    save(published, unpublished, inState(recording("room-1", T0 + 2 * HOUR), "processing"),
        inState(recording("room-1", T0 + 3 * HOUR), "processed"), recording("room-1", T0 + 4 * HOUR).deleted(),
        withoutState(recording("room-1", T0 + 5 * HOUR)));

    assertThat(find(RecordingQuery.all()).recordings()).containsExactly(unpublished, published);
    assertThat(RecordingQuery.all().states()).isEqualTo(RecordingQuery.DEFAULT_STATES);
  }

  @Test
  public void findByStatesReturnsExactlyThoseStates() {
    Recording processing = inState(recording("room-1", T0), "processing");
    Recording deleted = recording("room-1", T0 + HOUR).deleted();
    save(recording("room-1", T0 + 2 * HOUR), processing, deleted, withoutState(recording("room-1", T0 + 3 * HOUR)));

    assertThat(find(inStates(RecordingQuery.all(), "deleted")).recordings()).containsExactly(deleted);
    assertThat(find(inStates(RecordingQuery.all(), "processing", "deleted")).recordings())
        .containsExactly(deleted, processing);
    assertThat(find(inStates(RecordingQuery.all(), "processed")).recordings()).isEmpty();
  }

  @Test
  public void findInAnyStateReturnsEveryRecordingIncludingThoseWithoutState() {
    List<Recording> all = List.of(recording("room-1", T0), recording("room-1", T0 + HOUR).withPublished(false),
        inState(recording("room-1", T0 + 2 * HOUR), "processing"), recording("room-1", T0 + 3 * HOUR).deleted(),
        withoutState(recording("room-1", T0 + 4 * HOUR)));
    all.forEach(this::save);

    assertThat(find(anyState(RecordingQuery.all())).recordings())
        .containsExactlyElementsOf(all.stream().sorted(NEWEST_FIRST).toList());
  }

  @Test
  public void deletedRecordingIsFoundOnlyInStateDeletedOrAny() {
    Recording deleted = recording("room-1", T0).withMetadata(metadata("tenant-id", "t1", "course", "c1")).deleted();
    await(store.save(deleted));

    assertThat(find(byMeetings("room-1")).recordings()).isEmpty();
    assertThat(find(byPrefixes(deleted.recordId())).recordings()).isEmpty();
    assertThat(find(inStates(byMeetings("room-1"), "deleted")).recordings()).containsExactly(deleted);
    assertThat(find(anyState(byPrefixes(deleted.recordId()))).recordings()).containsExactly(deleted);
    // Deletion dropped the metadata (spec §9.5): tenants and meta_ filters no longer see it, even in any state.
    assertThat(find(anyState(forTenant(RecordingQuery.all(), "t1"))).recordings()).isEmpty();
    assertThat(find(anyState(withMeta(RecordingQuery.all(), "course", "c1"))).recordings()).isEmpty();
  }

  @Test
  public void recordIdIsAPrefixThatFindsEveryRecordingOfTheInternalMeeting() {
    Recording first = recording("room-1", T0);
    Recording second = recording("room-1", T0 + HOUR);
    save(first, second, recording("room-2", T0));

    assertThat(find(byPrefixes(meetingHash("room-1"))).recordings()).containsExactly(second, first);
    assertThat(find(byPrefixes(first.recordId())).recordings()).containsExactly(first);
    assertThat(find(byPrefixes(first.recordId() + "0")).recordings()).isEmpty();
  }

  @Test
  public void recordIdPrefixIsCaseSensitive() {
    Recording recording = recording("room-1", T0);
    await(store.save(recording));

    assertThat(find(byPrefixes(recording.recordId().toUpperCase(java.util.Locale.ROOT))).recordings()).isEmpty();
    assertThat(find(byPrefixes(recording.recordId().substring(0, 10))).recordings()).containsExactly(recording);
  }

  @Test
  public void recordIdPrefixesAreOredAndOverlappingOnesFindARecordingOnce() {
    Recording first = recording("room-1", T0);
    Recording second = recording("room-2", T0 + HOUR);
    Recording third = recording("room-3", T0 + 2 * HOUR);
    save(first, second, third);

    RecordingPage page = find(byPrefixes(first.recordId(), meetingHash("room-2"), meetingHash("room-2").substring(0, 8),
        "no-such-prefix"));

    assertThat(page.recordings()).containsExactly(second, first);
    assertThat(page.totalMatches()).isEqualTo(2);
  }

  @Test
  public void recordIdPrefixIsTakenLiterally() {
    Recording plain = new Recording("abc-1", "room-1", "", true, false, Optional.of("published"), T0, T0,
        OptionalInt.empty(), Map.of(), List.of(), false);
    Recording underscore = new Recording("a_c-2", "room-1", "", true, false, Optional.of("published"), T0, T0,
        OptionalInt.empty(), Map.of(), List.of(), false);
    Recording percent = new Recording("a%c-3", "room-1", "", true, false, Optional.of("published"), T0, T0,
        OptionalInt.empty(), Map.of(), List.of(), false);
    save(plain, underscore, percent);

    assertThat(find(byPrefixes("a_c")).recordings()).containsExactly(underscore);
    assertThat(find(byPrefixes("a%")).recordings()).containsExactly(percent);
    assertThat(find(byPrefixes("a")).recordings()).hasSize(3);
  }

  @Test
  public void meetingIdsAreExactAndOred() {
    Recording first = recording("room-1", T0);
    Recording second = recording("room-2", T0 + HOUR);
    save(first, second, recording("room-10", T0 + 2 * HOUR), recording("Room-1", T0 + 3 * HOUR));

    assertThat(find(byMeetings("room-1")).recordings()).containsExactly(first);
    assertThat(find(byMeetings("room-1", "room-2", "room-1", "room-9")).recordings()).containsExactly(second, first);
    assertThat(find(byMeetings("room")).recordings()).isEmpty();
  }

  @Test
  public void meetingIdsAndRecordIdsMustBothMatch() {
    Recording first = recording("room-1", T0);
    Recording second = recording("room-2", T0);
    save(first, second);

    RecordingQuery query = new RecordingQuery(List.of(first.recordId(), second.recordId()), List.of("room-2"),
        RecordingQuery.DEFAULT_STATES, Map.of(), Optional.empty(), 0, Optional.empty());

    assertThat(find(query).recordings()).containsExactly(second);
  }

  @Test
  public void metadataFiltersAreOredAcrossKeysAndValues() {
    Recording course1 = recording("room-1", T0).withMetadata(metadata("course", "c1", "term", "t"));
    Recording course2 = recording("room-2", T0 + HOUR).withMetadata(metadata("course", "c2"));
    Recording origin = recording("room-3", T0 + 2 * HOUR).withMetadata(metadata("bbb-origin", "Moodle"));
    Recording neither = recording("room-4", T0 + 3 * HOUR).withMetadata(metadata("course", "c3", "origin", "Moodle"));
    save(course1, course2, origin, neither, recording("room-5", T0));

    Map<String, Set<String>> filter = new LinkedHashMap<>();
    filter.put("course", Set.of("c1", "c2"));
    filter.put("bbb-origin", Set.of("Moodle"));
    RecordingQuery query = new RecordingQuery(List.of(), List.of(), RecordingQuery.DEFAULT_STATES, filter,
        Optional.empty(), 0, Optional.empty());

    assertThat(find(query).recordings()).containsExactly(origin, course2, course1);
  }

  @Test
  public void metadataFilterValuesAreExactAndCaseSensitive() {
    Recording recording = recording("room-1", T0).withMetadata(metadata("course", "Physics"));
    await(store.save(recording));

    assertThat(find(withMeta(RecordingQuery.all(), "course", "physics")).recordings()).isEmpty();
    assertThat(find(withMeta(RecordingQuery.all(), "course", "Phys")).recordings()).isEmpty();
    assertThat(find(withMeta(RecordingQuery.all(), "Course", "Physics")).recordings()).isEmpty();
    assertThat(find(withMeta(RecordingQuery.all(), "course", "Physics")).recordings()).containsExactly(recording);
  }

  @Test
  public void tenantFilterKeepsOnlyThatTenantsRecordings() {
    Recording mine = recording("room-1", T0).withMetadata(metadata("tenant-id", "t1"));
    Recording theirs = recording("room-1", T0 + HOUR).withMetadata(metadata("tenant-id", "t2"));
    Recording untenanted = recording("room-1", T0 + 2 * HOUR);
    save(mine, theirs, untenanted);

    assertThat(find(forTenant(byMeetings("room-1"), "t1")).recordings()).containsExactly(mine);
    assertThat(find(forTenant(byMeetings("room-1"), "t3")).recordings()).isEmpty();
    assertThat(find(byMeetings("room-1")).recordings()).containsExactly(untenanted, theirs, mine);
  }

  @Test
  public void tenantAndMetadataFiltersBothApply() {
    Recording mine = recording("room-1", T0).withMetadata(metadata("tenant-id", "t1", "course", "c1"));
    Recording mineOtherCourse =
        recording("room-1", T0 + HOUR).withMetadata(metadata("tenant-id", "t1", "course", "c2"));
    Recording theirs = recording("room-1", T0 + 2 * HOUR).withMetadata(metadata("tenant-id", "t2", "course", "c1"));
    save(mine, mineOtherCourse, theirs);

    assertThat(find(forTenant(withMeta(RecordingQuery.all(), "course", "c1"), "t1")).recordings())
        .containsExactly(mine);
  }

  // --- find: order and pagination ------------------------------------------------------------------------------------

  @Test
  public void findReturnsNewestFirstThenByRecordId() {
    Recording oldest = recording("room-1", T0);
    Recording newest = recording("room-1", T0 + 2 * HOUR);
    Recording tieA = recording("room-a", T0 + HOUR);
    Recording tieB = recording("room-b", T0 + HOUR);
    save(oldest, tieB, newest, tieA);

    List<Recording> expectedTies = tieA.recordId().compareTo(tieB.recordId()) < 0
        ? List.of(tieA, tieB) : List.of(tieB, tieA);
    assertThat(find(RecordingQuery.all()).recordings())
        .containsExactly(newest, expectedTies.get(0), expectedTies.get(1), oldest);
  }

  @Test
  public void offsetAndLimitPageThroughTheMatchesAndTotalCountsThemAll() {
    List<Recording> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(recording("room-1", T0 + i * HOUR));
    }
    all.forEach(this::save);
    await(store.save(recording("room-2", T0)));
    List<Recording> newestFirst = all.stream().sorted(NEWEST_FIRST).toList();

    assertThat(find(paged(byMeetings("room-1"), 0, 3))).isEqualTo(new RecordingPage(newestFirst.subList(0, 3), 7));
    assertThat(find(paged(byMeetings("room-1"), 3, 3))).isEqualTo(new RecordingPage(newestFirst.subList(3, 6), 7));
    assertThat(find(paged(byMeetings("room-1"), 6, 3))).isEqualTo(new RecordingPage(newestFirst.subList(6, 7), 7));
    assertThat(find(paged(byMeetings("room-1"), 7, 3))).isEqualTo(new RecordingPage(List.of(), 7));
    assertThat(find(paged(byMeetings("room-1"), 100, 1))).isEqualTo(new RecordingPage(List.of(), 7));
    assertThat(find(paged(byMeetings("room-1"), 2, Integer.MAX_VALUE)))
        .isEqualTo(new RecordingPage(newestFirst.subList(2, 7), 7));
  }

  @Test
  public void offsetWithoutLimitSkipsAndReturnsTheRest() {
    List<Recording> all = List.of(recording("room-1", T0), recording("room-1", T0 + HOUR),
        recording("room-1", T0 + 2 * HOUR));
    all.forEach(this::save);
    RecordingQuery query = new RecordingQuery(List.of(), List.of(), RecordingQuery.DEFAULT_STATES, Map.of(),
        Optional.empty(), 1, Optional.empty());

    assertThat(find(query)).isEqualTo(new RecordingPage(List.of(all.get(1), all.get(0)), 3));
  }

  // --- find: agreement with the reference ----------------------------------------------------------------------------

  @Test
  public void findAgreesWithTheReferenceFilterOnAMixedIndex() {
    Random random = new Random(20240301);
    List<String> states = List.of("published", "unpublished", "processing", "deleted", "");
    List<Recording> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String meetingId = "room-" + random.nextInt(12);
      long start = T0 + random.nextInt(40) * HOUR;
      Map<String, String> metadata = new LinkedHashMap<>();
      if (random.nextBoolean()) {
        metadata.put("tenant-id", "t" + random.nextInt(3));
      }
      if (random.nextBoolean()) {
        metadata.put("course", "c" + random.nextInt(4));
      }
      if (random.nextInt(3) == 0) {
        metadata.put("bbb-origin", random.nextBoolean() ? "Moodle" : "Greenlight");
      }
      Recording recording = new Recording(meetingHash(meetingId) + "-" + (start + i), meetingId, "Meeting " + i,
          random.nextBoolean(), false, Optional.of(states.get(random.nextInt(states.size()))).filter(s -> !s.isEmpty()),
          start, start + HOUR, OptionalInt.empty(), metadata, List.of(), false);
      all.add(recording);
      await(store.save(recording));
    }

    List<RecordingQuery> queries = List.of(
        RecordingQuery.all(),
        anyState(RecordingQuery.all()),
        byMeetings("room-1", "room-5", "room-11"),
        inStates(byMeetings("room-2"), "deleted", "processing"),
        byPrefixes(meetingHash("room-3"), meetingHash("room-4").substring(0, 5)),
        anyState(byPrefixes(meetingHash("room-7").substring(0, 1), meetingHash("room-8").substring(0, 2))),
        forTenant(RecordingQuery.all(), "t1"),
        forTenant(withMeta(anyState(RecordingQuery.all()), "course", "c2"), "t0"),
        new RecordingQuery(List.of(), List.of("room-0", "room-6"), Set.of(),
            Map.of("course", Set.of("c1", "c3"), "bbb-origin", Set.of("Moodle")), Optional.empty(), 0,
            Optional.empty()),
        paged(RecordingQuery.all(), 20, 15),
        paged(anyState(byMeetings("room-9", "room-10")), 3, 4));

    for (RecordingQuery query : queries) {
      List<Recording> matches = all.stream().filter(query::matches).sorted(NEWEST_FIRST).toList();
      int from = Math.min(query.offset(), matches.size());
      int to = query.limit().map(limit -> Math.min(from + limit, matches.size())).orElse(matches.size());
      assertThat(find(query)).as("%s", query).isEqualTo(new RecordingPage(matches.subList(from, to), matches.size()));
    }
  }

  @Test
  public void findsOneMeetingsRecordingsAmongTenThousand() {
    int meetings = 2_500;
    int perMeeting = 4;
    for (int m = 0; m < meetings; m++) {
      for (int n = 0; n < perMeeting; n++) {
        await(store.save(recording("room-" + m, T0 + (long) n * HOUR + m)));
      }
    }
    assertThat(await(store.recordIds())).hasSize(meetings * perMeeting);

    RecordingPage page = find(byMeetings("room-1234"));

    assertThat(page.totalMatches()).isEqualTo(perMeeting);
    assertThat(page.recordings()).extracting(Recording::meetingId).containsOnly("room-1234");
    assertThat(page.recordings()).extracting(Recording::startTimeMillis)
        .containsExactly(T0 + 3 * HOUR + 1234, T0 + 2 * HOUR + 1234, T0 + HOUR + 1234, T0 + 1234);
    assertThat(find(byPrefixes(meetingHash("room-42"))).totalMatches()).isEqualTo(perMeeting);
    assertThat(find(paged(RecordingQuery.all(), 0, 10)).totalMatches()).isEqualTo(meetings * perMeeting);
  }

  // --- fixtures ------------------------------------------------------------------------------------------------------

  /** A 40-hex internal meeting id, as BBB derives from the external one. */
  protected static String meetingHash(String meetingId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(meetingId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** BBB's record id of the recording of {@code meetingId} started at {@code startMillis}. */
  protected static String recordId(String meetingId, long startMillis) {
    return meetingHash(meetingId) + "-" + startMillis;
  }

  /** A published recording with one presentation format, no metadata. */
  protected static Recording recording(String meetingId, long startMillis) {
    String recordId = recordId(meetingId, startMillis);
    return new Recording(recordId, meetingId, "Meeting " + meetingId, true, false, Optional.of("published"),
        startMillis, startMillis + HOUR, OptionalInt.of(3), Map.of(), List.of(presentation(recordId)), false);
  }

  protected static PlaybackFormat presentation(String recordId) {
    return new PlaybackFormat("presentation", "/playback/presentation/2.3/" + recordId, OptionalInt.of(60),
        OptionalLong.empty(), List.of(
            new Thumbnail("/presentation/" + recordId + "/presentation/d2d9a672/thumbnails/thumb-1.png", "176", "136",
                "Welcome", 0),
            new Thumbnail("/presentation/" + recordId + "/presentation/d2d9a672/thumbnails/thumb-2.png", "176", "136",
                "", 1)));
  }

  protected static Recording inState(Recording r, String state) {
    return new Recording(r.recordId(), r.meetingId(), r.name(), state.equals("published"), r.protectedRecording(),
        Optional.of(state), r.startTimeMillis(), r.endTimeMillis(), r.participants(), r.metadata(), r.formats(),
        r.publishUpdated());
  }

  protected static Recording withoutState(Recording r) {
    return new Recording(r.recordId(), r.meetingId(), r.name(), r.published(), r.protectedRecording(),
        Optional.empty(), r.startTimeMillis(), r.endTimeMillis(), r.participants(), r.metadata(), r.formats(),
        r.publishUpdated());
  }

  protected static Recording withMeetingId(Recording r, String meetingId) {
    return new Recording(r.recordId(), meetingId, r.name(), r.published(), r.protectedRecording(), r.state(),
        r.startTimeMillis(), r.endTimeMillis(), r.participants(), r.metadata(), r.formats(), r.publishUpdated());
  }

  /** An insertion-ordered map of {@code key, value, key, value, …}. */
  protected static Map<String, String> metadata(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  protected static RecordingQuery byMeetings(String... meetingIds) {
    return new RecordingQuery(List.of(), List.of(meetingIds), RecordingQuery.DEFAULT_STATES, Map.of(),
        Optional.empty(), 0, Optional.empty());
  }

  protected static RecordingQuery byPrefixes(String... prefixes) {
    return new RecordingQuery(List.of(prefixes), List.of(), RecordingQuery.DEFAULT_STATES, Map.of(),
        Optional.empty(), 0, Optional.empty());
  }

  protected static RecordingQuery inStates(RecordingQuery q, String... states) {
    return new RecordingQuery(q.recordIdPrefixes(), q.meetingIds(), Set.of(states), q.metadata(), q.tenantId(),
        q.offset(), q.limit());
  }

  protected static RecordingQuery anyState(RecordingQuery q) {
    return inStates(q);
  }

  protected static RecordingQuery withMeta(RecordingQuery q, String key, String... values) {
    Map<String, Set<String>> metadata = new LinkedHashMap<>(q.metadata());
    metadata.put(key, Set.of(values));
    return new RecordingQuery(q.recordIdPrefixes(), q.meetingIds(), q.states(), metadata, q.tenantId(), q.offset(),
        q.limit());
  }

  protected static RecordingQuery forTenant(RecordingQuery q, String tenantId) {
    return new RecordingQuery(q.recordIdPrefixes(), q.meetingIds(), q.states(), q.metadata(), Optional.of(tenantId),
        q.offset(), q.limit());
  }

  protected static RecordingQuery paged(RecordingQuery q, int offset, int limit) {
    return new RecordingQuery(q.recordIdPrefixes(), q.meetingIds(), q.states(), q.metadata(), q.tenantId(), offset,
        Optional.of(limit));
  }

  protected RecordingPage find(RecordingQuery query) {
    return await(store.find(query));
  }

  protected void save(Recording... recordings) {
    for (Recording recording : recordings) {
      await(store.save(recording));
    }
  }

  protected static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
