package io.switchboard.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.storage.CallbackStore;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingQuery;
import io.switchboard.storage.recordings.RecordingStore;
import io.switchboard.storage.recordings.Thumbnail;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database written by Scalelite (spec §8, with its quirks: NULL booleans from old migrations, NULL state and start
 * time, thumbnails out of order, a NULL metadata value, {@code tenant-id} metadata, YAML callback attributes with
 * symbol keys, duplicate callback rows) is served as Scalelite serves it, and what Switchboard writes into it looks as
 * Scalelite would have written it.
 */
class ScaleliteFixtureTest {
  private static final long HOUR = 3_600_000L;
  private static final long T1 = Instant.parse("2023-11-14T22:13:20.123Z").toEpochMilli();
  private static final String RID1 = recordId("room-1", T1);
  private static final String RID2 = recordId("room-1", T1 + 2 * HOUR);
  private static final String RID3 = recordId("room-2", T1 + HOUR);
  private static final String RID4 = recordId("room-3", T1 + 3 * HOUR);
  private static final String RID5 = recordId("room-4", 1_600_000_000_000L);

  private static PostgresTestDatabase database;
  private static PostgresRecordings postgres;
  private static RecordingStore recordings;
  private static CallbackStore callbacks;

  @BeforeAll
  static void createScaleliteDatabase() {
    database = PostgresTestDatabase.create();
    ScaleliteFixture.createSchema(database);
    postgres = PostgresRecordings.open(database.settings());
    recordings = postgres.recordings();
    callbacks = postgres.callbacks();
  }

  @AfterAll
  static void dropDatabase() {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }

  @BeforeEach
  void insertScalelitesRows() {
    database.truncate();
    ScaleliteFixture.insert(database, List.of(
        // A recording imported before protected existed (NULL), then by a version with publish_updated.
        "INSERT INTO recordings (id, record_id, meeting_id, name, published, participants, state, starttime, "
            + "endtime, deleted_at, protected, publish_updated) VALUES (1, '" + RID1 + "', 'room-1', 'Physics 101', "
            + "true, 5, 'published', '" + ts(T1) + "', '" + ts(T1 + HOUR) + "', NULL, NULL, false)",
        // A processing recording: no state in metadata.xml, booleans never set.
        "INSERT INTO recordings (id, record_id, meeting_id, name, published, participants, state, starttime, "
            + "endtime, protected, publish_updated) VALUES (2, '" + RID2 + "', 'room-1', 'Physics 101', NULL, NULL, "
            + "NULL, '" + ts(T1 + 2 * HOUR) + "', '" + ts(T1 + 3 * HOUR) + "', NULL, NULL)",
        "INSERT INTO recordings (id, record_id, meeting_id, name, published, participants, state, starttime, "
            + "endtime, protected, publish_updated) VALUES (3, '" + RID3 + "', 'room-2', 'Chemistry', false, 2, "
            + "'unpublished', '" + ts(T1 + HOUR) + "', '" + ts(T1 + 2 * HOUR) + "', true, true)",
        "INSERT INTO recordings (id, record_id, meeting_id, name, published, participants, state, starttime, "
            + "endtime, protected, publish_updated) VALUES (4, '" + RID4 + "', 'room-3', 'Deleted', false, 2, "
            + "'deleted', '" + ts(T1 + 3 * HOUR) + "', '" + ts(T1 + 4 * HOUR) + "', false, false)",
        // metadata.xml without start_time, end_time, meetingName or participants.
        "INSERT INTO recordings (id, record_id, meeting_id, name, published, participants, state, starttime, "
            + "endtime, protected, publish_updated) VALUES (5, '" + RID5 + "', 'room-4', NULL, true, NULL, "
            + "'published', NULL, NULL, false, false)",
        "SELECT setval('recordings_id_seq', 5)",
        "INSERT INTO metadata (id, recording_id, key, value) VALUES (1, 1, 'bbb-origin', 'Greenlight'), "
            + "(2, 1, 'tenant-id', 't1'), (3, 1, 'gl-listed', 'true'), (4, 1, 'blank', ''), (5, 1, 'legacy', NULL), "
            + "(6, 2, 'tenant-id', 't1'), (7, 3, 'tenant-id', 't2'), (8, 3, 'course', 'c1'), "
            + "(9, 5, 'course', 'c1')",
        "SELECT setval('metadata_id_seq', 9)",
        "INSERT INTO playback_formats (id, recording_id, format, url, length, processing_time) VALUES "
            + "(10, 1, 'video', '/playback/video/" + RID1 + "/', 60, NULL), "
            + "(11, 1, 'presentation', '/playback/presentation/2.3/" + RID1 + "', 60, NULL), "
            + "(12, 3, 'podcast', '/podcast/" + RID3 + "/audio.ogg', NULL, 1234), "
            + "(13, 5, 'presentation', '/playback/presentation/2.3/" + RID5 + "', 1, NULL)",
        "SELECT setval('playback_formats_id_seq', 13)",
        "INSERT INTO thumbnails (id, playback_format_id, width, height, alt, url, sequence) VALUES "
            + "(1, 11, 176, 136, NULL, '/presentation/" + RID1 + "/presentation/d2d9/thumbnails/thumb-3.png', 2), "
            + "(2, 11, 176, 136, 'Welcome', '/presentation/" + RID1 + "/presentation/d2d9/thumbnails/thumb-1.png', 0), "
            + "(3, 11, 176, 136, 'Slide 2', '/presentation/" + RID1 + "/presentation/d2d9/thumbnails/thumb-2.png', 1), "
            + "(4, 999, 176, 136, 'orphan', '/orphan.png', 0)",
        "SELECT setval('thumbnails_id_seq', 4)",
        "INSERT INTO callback_data (id, meeting_id, recording_id, callback_attributes, created_at, updated_at) VALUES "
            + "(1, 'room-1', 1, E'---\\n:recording_ready_url: https://gl.example.com/rooms/abc/recording_ready\\n"
            + ":analytics_callback_url: https://gl.example.com/analytics\\n', '2024-01-01 10:00:00.5', "
            + "'2024-01-01 10:00:00.5'), "
            + "(2, 'room-2', NULL, E'---\\n:analytics_callback_url: https://moodle.example.com/analytics\\n', "
            + "'2024-01-02 10:00:00', '2024-01-02 10:00:00'), "
            + "(3, 'room-5', NULL, E'--- !ruby/hash:ActiveSupport::HashWithIndifferentAccess\\n"
            + "recording_ready_url: ''https://lms.example.com/ready?a=1&b=2''\\n', '2024-01-03 10:00:00', "
            + "'2024-01-03 10:00:00'), "
            + "(4, 'room-6', NULL, E'---\\n:recording_ready_url: https://old.example.com/ready\\n', "
            + "'2024-01-04 10:00:00', '2024-01-04 10:00:00'), "
            + "(5, 'room-6', NULL, E'---\\n:recording_ready_url: https://new.example.com/ready\\n', "
            + "'2024-01-05 10:00:00', '2024-01-05 10:00:00'), "
            + "(6, 'room-7', NULL, NULL, '2024-01-06 10:00:00', '2024-01-06 10:00:00')",
        "SELECT setval('callback_data_id_seq', 6)"));
  }

  // --- reading -------------------------------------------------------------------------------------------------------

  @Test
  void aScaleliteRecordingIsReadWithEveryField() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("bbb-origin", "Greenlight");
    metadata.put("tenant-id", "t1");
    metadata.put("gl-listed", "true");
    metadata.put("blank", "");
    metadata.put("legacy", "");
    Recording expected = new Recording(RID1, "room-1", "Physics 101", true, false, Optional.of("published"), T1,
        T1 + HOUR, OptionalInt.of(5), metadata, List.of(
            new PlaybackFormat("presentation", "/playback/presentation/2.3/" + RID1, OptionalInt.of(60),
                OptionalLong.empty(), List.of(
                    new Thumbnail("/presentation/" + RID1 + "/presentation/d2d9/thumbnails/thumb-1.png", "176", "136",
                        "Welcome", 0),
                    new Thumbnail("/presentation/" + RID1 + "/presentation/d2d9/thumbnails/thumb-2.png", "176", "136",
                        "Slide 2", 1),
                    new Thumbnail("/presentation/" + RID1 + "/presentation/d2d9/thumbnails/thumb-3.png", "176", "136",
                        "", 2))),
            new PlaybackFormat("video", "/playback/video/" + RID1 + "/", OptionalInt.of(60), OptionalLong.empty(),
                List.of())),
        false);

    Recording found = await(recordings.get(RID1)).orElseThrow();

    assertThat(found).isEqualTo(expected);
    assertThat(found.metadata().keySet()).containsExactly("bbb-origin", "tenant-id", "gl-listed", "blank", "legacy");
    assertThat(found.tenantId()).isEqualTo("t1");
  }

  @Test
  void nullBooleansStateTimesAndNamesReadAsFalseEmptyAndZero() {
    assertThat(await(recordings.get(RID2))).contains(new Recording(RID2, "room-1", "Physics 101", false, false,
        Optional.empty(), T1 + 2 * HOUR, T1 + 3 * HOUR, OptionalInt.empty(), Map.of("tenant-id", "t1"), List.of(),
        false));
    assertThat(await(recordings.get(RID5))).contains(new Recording(RID5, "room-4", "", true, false,
        Optional.of("published"), 0, 0, OptionalInt.empty(), Map.of("course", "c1"), List.of(
            new PlaybackFormat("presentation", "/playback/presentation/2.3/" + RID5, OptionalInt.of(1),
                OptionalLong.empty(), List.of())), false));
    assertThat(await(recordings.get(RID3))).get().satisfies(r -> {
      assertThat(r.protectedRecording()).isTrue();
      assertThat(r.publishUpdated()).isTrue();
      assertThat(r.format("podcast")).get().extracting(PlaybackFormat::processingTimeMillis)
          .isEqualTo(OptionalLong.of(1234));
    });
  }

  @Test
  void getRecordingsFiltersScaleliteRowsAsScaleliteDoes() {
    assertThat(ids(RecordingQuery.all())).containsExactly(RID3, RID1, RID5);
    assertThat(ids(anyState(RecordingQuery.all()))).containsExactly(RID4, RID2, RID3, RID1, RID5);
    assertThat(ids(query(List.of(), List.of("room-1"), RecordingQuery.DEFAULT_STATES, Map.of(), null)))
        .containsExactly(RID1);
    assertThat(ids(query(List.of(RID1.substring(0, 40)), List.of(), Set.of(), Map.of(), null)))
        .containsExactly(RID2, RID1);
    assertThat(ids(query(List.of(), List.of(), RecordingQuery.DEFAULT_STATES, Map.of(), "t1"))).containsExactly(RID1);
    assertThat(ids(query(List.of(), List.of(), Set.of(), Map.of(), "t1"))).containsExactly(RID2, RID1);
    assertThat(ids(query(List.of(), List.of(), RecordingQuery.DEFAULT_STATES, Map.of("course", Set.of("c1")), null)))
        .containsExactly(RID3, RID5);
    assertThat(ids(query(List.of(), List.of(), RecordingQuery.DEFAULT_STATES, Map.of("course", Set.of("c1")), "t2")))
        .containsExactly(RID3);
    assertThat(ids(query(List.of(), List.of(), Set.of("deleted"), Map.of(), null))).containsExactly(RID4);
    assertThat(ids(query(List.of(), List.of(), RecordingQuery.DEFAULT_STATES, Map.of("legacy", Set.of("")), null)))
        .containsExactly(RID1);
    assertThat(await(recordings.recordIds())).containsExactlyInAnyOrder(RID1, RID2, RID3, RID4, RID5);
  }

  @Test
  void callbackUrlsWrittenByScaleliteAreRead() {
    assertThat(await(callbacks.recordingReadyUrl("room-1")))
        .contains("https://gl.example.com/rooms/abc/recording_ready");
    assertThat(await(callbacks.recordingReadyUrl("room-2"))).isEmpty();
    assertThat(await(callbacks.recordingReadyUrl("room-5"))).contains("https://lms.example.com/ready?a=1&b=2");
    assertThat(await(callbacks.recordingReadyUrl("room-6"))).contains("https://new.example.com/ready");
    assertThat(await(callbacks.recordingReadyUrl("room-7"))).isEmpty();
    assertThat(await(callbacks.recordingReadyUrl("room-9"))).isEmpty();
  }

  @Test
  void analyticsUrlsWrittenByScaleliteAreRead() {
    assertThat(await(callbacks.analyticsCallbackUrl("room-1"))).contains("https://gl.example.com/analytics");
    assertThat(await(callbacks.analyticsCallbackUrl("room-2"))).contains("https://moodle.example.com/analytics");
    assertThat(await(callbacks.analyticsCallbackUrl("room-6"))).isEmpty();
    assertThat(await(callbacks.analyticsCallbackUrl("room-7"))).isEmpty();
    assertThat(await(callbacks.analyticsCallbackUrl("room-9"))).isEmpty();
  }

  // --- writing -------------------------------------------------------------------------------------------------------

  @Test
  void anAnalyticsUrlReplacesTheNewestRowsAttributesAsScaleliteDoes() {
    await(callbacks.putAnalyticsCallbackUrl("room-1", "https://gl.example.com/analytics?v=2"));
    await(callbacks.putAnalyticsCallbackUrl("room-6", "https://lms.example.com/analytics"));
    await(callbacks.putAnalyticsCallbackUrl("room-9", "https://fresh.example.com/analytics"));
    await(callbacks.putRecordingReadyUrl("room-9", "https://fresh.example.com/ready"));

    assertThat(database.column("SELECT callback_attributes || (recording_id = 1) FROM callback_data WHERE id = 1"))
        .containsExactly("---\n:analytics_callback_url: https://gl.example.com/analytics?v=2\ntrue");
    assertThat(database.column("SELECT callback_attributes FROM callback_data WHERE id = 4"))
        .containsExactly("---\n:recording_ready_url: https://old.example.com/ready\n");
    assertThat(database.column("SELECT callback_attributes FROM callback_data WHERE id = 5"))
        .containsExactly("---\n:analytics_callback_url: https://lms.example.com/analytics\n");
    assertThat(database.column("SELECT callback_attributes FROM callback_data WHERE meeting_id = 'room-9'"))
        .containsExactly("---\n:analytics_callback_url: https://fresh.example.com/analytics\n"
            + ":recording_ready_url: https://fresh.example.com/ready\n");
    assertThat(database.column("SELECT count(*) FROM callback_data")).containsExactly("7");
    assertThat(await(callbacks.recordingReadyUrl("room-1"))).isEmpty();
    assertThat(await(callbacks.analyticsCallbackUrl("room-9"))).contains("https://fresh.example.com/analytics");
  }

  @Test
  void aRecordingReadyUrlKeepsScalelitesAnalyticsUrlAndRow() {
    await(callbacks.putRecordingReadyUrl("room-2", "https://moodle.example.com/ready?id=7"));
    await(callbacks.putRecordingReadyUrl("room-1", "https://gl.example.com/rooms/xyz/recording_ready"));
    await(callbacks.putRecordingReadyUrl("room-6", "https://newest.example.com/ready"));
    await(callbacks.putRecordingReadyUrl("room-8", "https://fresh.example.com/ready"));

    assertThat(database.column("SELECT callback_attributes FROM callback_data WHERE id = 2")).containsExactly(
        "---\n:analytics_callback_url: https://moodle.example.com/analytics\n"
            + ":recording_ready_url: https://moodle.example.com/ready?id=7\n");
    assertThat(database.column("SELECT callback_attributes FROM callback_data WHERE id = 1")).containsExactly(
        "---\n:recording_ready_url: https://gl.example.com/rooms/xyz/recording_ready\n"
            + ":analytics_callback_url: https://gl.example.com/analytics\n");
    assertThat(database.column("SELECT callback_attributes FROM callback_data WHERE id = 4"))
        .containsExactly("---\n:recording_ready_url: https://old.example.com/ready\n");
    assertThat(database.column("SELECT callback_attributes FROM callback_data WHERE id = 5"))
        .containsExactly("---\n:recording_ready_url: https://newest.example.com/ready\n");
    assertThat(database.column("SELECT recording_id || ' ' || created_at::text || ' ' || (updated_at > created_at)"
        + " FROM callback_data WHERE id = 1")).containsExactly("1 2024-01-01 10:00:00.5 true");
    assertThat(database.column("SELECT id || ' ' || callback_attributes || (recording_id IS NULL) || ' '"
        + " || (created_at = updated_at) || ' ' || (abs(extract(epoch FROM created_at - timezone('UTC', now()))) < 60)"
        + " FROM callback_data WHERE meeting_id = 'room-8'"))
        .containsExactly("7 ---\n:recording_ready_url: https://fresh.example.com/ready\ntrue true true");
    assertThat(await(callbacks.recordingReadyUrl("room-2"))).contains("https://moodle.example.com/ready?id=7");
    assertThat(database.column("SELECT count(*) FROM callback_data")).containsExactly("7");
  }

  @Test
  void publishingARecordingWritesItsRowAsScaleliteWould() {
    await(recordings.update(RID2, r -> r.withPublished(true)));

    assertThat(database.column("SELECT concat_ws(' ', published, publish_updated, state, protected, "
        + "deleted_at IS NULL, starttime::text, participants IS NULL) FROM recordings WHERE id = 2"))
        .containsExactly("t t published f t 2023-11-15 00:13:20.123 t");
    assertThat(database.column("SELECT id FROM metadata WHERE recording_id = 2")).containsExactly("6");
  }

  @Test
  void updateRecordingsMetadataChangesOnlyTheKeysItNames() {
    await(recordings.updateMetadata(List.of(RID1), Map.of("gl-listed", "false", "bbb-origin", "", "new", "v")));

    // Existing keys keep their rows (and ids), new ones are appended, removed ones are gone.
    assertThat(database.column("SELECT CASE WHEN id > 9 THEN 'new-row' ELSE id::text END || ' ' || key || '='"
        + " || coalesce(value, 'NULL') FROM metadata WHERE recording_id = 1 ORDER BY id"))
        .containsExactly("2 tenant-id=t1", "3 gl-listed=false", "4 blank=", "5 legacy=NULL", "new-row new=v");
  }

  @Test
  void deletingARecordingLeavesWhatScalelitesMarkDeleteLeaves() {
    await(recordings.update(RID1, Recording::deleted));

    assertThat(database.column("SELECT state || ' ' || published FROM recordings WHERE id = 1"))
        .containsExactly("deleted false");
    assertThat(database.column("SELECT count(*) FROM metadata WHERE recording_id = 1")).containsExactly("0");
    assertThat(database.column("SELECT count(*) FROM playback_formats WHERE recording_id = 1")).containsExactly("0");
    assertThat(database.column("SELECT count(*) FROM thumbnails WHERE playback_format_id IN (10, 11)"))
        .containsExactly("0");
    assertThat(ids(anyState(RecordingQuery.all()))).contains(RID1);
    assertThat(ids(query(List.of(), List.of(), Set.of(), Map.of(), "t1"))).containsExactly(RID2);
  }

  @Test
  void aReimportKeepsTheFormatRowsAndReplacesThumbnails() {
    Recording current = await(recordings.get(RID1)).orElseThrow();
    PlaybackFormat presentation = current.format("presentation").orElseThrow();
    Recording reimported = new Recording(RID1, "room-1", "Physics 101 (renamed)", true, false,
        Optional.of("published"), T1, T1 + HOUR, OptionalInt.of(6), current.metadata(), List.of(
            new PlaybackFormat("presentation", presentation.url(), OptionalInt.of(61), OptionalLong.empty(),
                presentation.thumbnails().subList(0, 1))), false);

    await(recordings.save(reimported));

    assertThat(await(recordings.get(RID1))).contains(reimported);
    assertThat(database.column("SELECT id || ' ' || format || ' ' || length FROM playback_formats "
        + "WHERE recording_id = 1")).containsExactly("11 presentation 61");
    assertThat(database.column("SELECT alt FROM thumbnails WHERE playback_format_id = 11")).containsExactly("Welcome");
    assertThat(database.column("SELECT id FROM recordings WHERE record_id = '" + RID1 + "'")).containsExactly("1");
    assertThat(database.column("SELECT count(*) FROM thumbnails WHERE playback_format_id = 999")).containsExactly("1");
  }

  @Test
  void aNewRecordingIsStoredInScalelitesColumnFormats() {
    long start = Instant.parse("2024-05-06T07:08:09.010Z").toEpochMilli();
    String recordId = recordId("room-9", start);
    Recording recording = new Recording(recordId, "room-9", "Biology", false, true, Optional.of("unpublished"),
        start, start + HOUR, OptionalInt.of(4), Map.of("tenant-id", "t3"), List.of(
            new PlaybackFormat("presentation", "/playback/presentation/2.3/" + recordId, OptionalInt.of(60),
                OptionalLong.empty(), List.of(new Thumbnail("/t.png", "176", "136", "", 0)))), false);

    await(recordings.save(recording));

    assertThat(database.column("SELECT concat_ws('|', record_id, meeting_id, name, published, participants, state, "
        + "starttime::text, endtime::text, deleted_at IS NULL, protected, publish_updated) FROM recordings "
        + "WHERE meeting_id = 'room-9'")).containsExactly(String.join("|", recordId, "room-9", "Biology", "f", "4",
            "unpublished", "2024-05-06 07:08:09.01", "2024-05-06 08:08:09.01", "t", "t", "f"));
    assertThat(database.column("SELECT concat_ws('|', t.width, t.height, t.alt, t.url, t.sequence) FROM thumbnails t "
        + "JOIN playback_formats f ON f.id = t.playback_format_id JOIN recordings r ON r.id = f.recording_id "
        + "WHERE r.meeting_id = 'room-9'")).containsExactly("176|136||/t.png|0");
  }

  // --- helpers -------------------------------------------------------------------------------------------------------

  private static List<String> ids(RecordingQuery query) {
    return await(recordings.find(query)).recordings().stream().map(Recording::recordId).toList();
  }

  private static RecordingQuery anyState(RecordingQuery query) {
    return new RecordingQuery(query.recordIdPrefixes(), query.meetingIds(), Set.of(), query.metadata(),
        query.tenantId(), 0, Optional.empty());
  }

  private static RecordingQuery query(List<String> prefixes, List<String> meetingIds, Set<String> states,
                                      Map<String, Set<String>> metadata, String tenantId) {
    return new RecordingQuery(prefixes, meetingIds, states, metadata, Optional.ofNullable(tenantId), 0,
        Optional.empty());
  }

  private static String ts(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"));
  }

  private static String recordId(String meetingId, long millis) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(meetingId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest) + "-" + millis;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
