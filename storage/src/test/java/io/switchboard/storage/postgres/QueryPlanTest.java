package io.switchboard.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.storage.recordings.RecordingQuery;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statements of the hot paths use indexes, never a sequential scan of a big table: on 20,000 recordings (with
 * metadata, formats, thumbnails and callback rows), analysed, PostgreSQL's own plan for each statement is checked.
 */
class QueryPlanTest {
  private static PostgresTestDatabase database;
  private static PostgresRecordings postgres;

  @BeforeAll
  static void createLargeIndex() {
    database = PostgresTestDatabase.create();
    postgres = PostgresRecordings.open(database.settings());
    database.execute("""
        INSERT INTO recordings (record_id, meeting_id, name, published, state, starttime, endtime, protected,
                                publish_updated)
        SELECT md5('room-' || (g % 5000)) || '-' || (1700000000000 + g), 'room-' || (g % 5000), 'Meeting', true,
               CASE WHEN g % 7 = 0 THEN 'unpublished' ELSE 'published' END,
               timestamp '2023-11-14' + g * interval '1 minute', timestamp '2023-11-14' + g * interval '2 minute',
               false, false
        FROM generate_series(1, 20000) g;
        INSERT INTO metadata (recording_id, key, value)
        SELECT id, 'tenant-id', 't' || (id % 10) FROM recordings
        UNION ALL SELECT id, 'bbb-origin', 'Greenlight' FROM recordings;
        INSERT INTO playback_formats (recording_id, format, url, length)
        SELECT id, 'presentation', '/playback/presentation/2.3/' || record_id, 60 FROM recordings;
        INSERT INTO thumbnails (playback_format_id, width, height, alt, url, sequence)
        SELECT f.id, 176, 136, 'slide', '/thumb-' || s || '.png', s FROM playback_formats f, generate_series(0, 2) s;
        INSERT INTO callback_data (meeting_id, callback_attributes, created_at, updated_at)
        SELECT 'room-' || g, E'---\\n:recording_ready_url: https://lms.example.com/ready\\n', now(), now()
        FROM generate_series(1, 5000) g;
        ANALYZE;
        """);
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

  @Test
  void oneMeetingsRecordingsAreFoundThroughTheMeetingIdIndex() {
    String plan = plan(query(List.of(), List.of("room-42"), RecordingQuery.DEFAULT_STATES, Map.of(), null));

    assertThat(plan).contains("index_recordings_on_meeting_id").doesNotContain("Seq Scan");
  }

  @Test
  void aTenantsMeetingWithMetaFiltersProbesTheMetadataIndex() {
    String plan = plan(query(List.of(), List.of("room-42", "room-43"), RecordingQuery.DEFAULT_STATES,
        Map.of("bbb-origin", Set.of("Greenlight", "Moodle")), "t2"));

    assertThat(plan).contains("index_recordings_on_meeting_id").contains("index_metadata_on_recording_id_and_key")
        .doesNotContain("Seq Scan");
  }

  @Test
  void aTenantsRecordingsWithoutAMeetingAreFoundThroughTheTenantIndex() {
    database.execute("UPDATE metadata SET value = 'small-tenant' WHERE recording_id = 42 AND key = 'tenant-id'");
    database.execute("ANALYZE metadata");

    String plan = plan(query(List.of(), List.of(), RecordingQuery.DEFAULT_STATES, Map.of(), "small-tenant"));

    assertThat(plan).contains("switchboard_index_metadata_on_tenant_id").doesNotContain("Seq Scan");
  }

  @Test
  void recordIdPrefixesUseThePatternIndex() {
    String prefix = database.column("SELECT md5('room-42')").get(0);

    String plan = plan(query(List.of(prefix, prefix.substring(0, 8) + "_%|"), List.of(), Set.of(), Map.of(), null));

    assertThat(plan).contains("switchboard_index_recordings_on_record_id_pattern").doesNotContain("Seq Scan");
  }

  @Test
  void aFirstPageOfEverythingIsReadOffTheStartTimeIndex() {
    RecordingQuery all = RecordingQuery.all();
    RecordingQuery firstPage = new RecordingQuery(List.of(), List.of(), all.states(), Map.of(), Optional.empty(), 0,
        Optional.of(10));

    String plan = plan(firstPage);

    assertThat(plan).contains("switchboard_index_recordings_on_starttime").doesNotContain("Seq Scan")
        .doesNotContain("Sort");
  }

  @Test
  void recordingsByIdAndTheirDetailsUseTheirIndexes() {
    List<String> recordIds = database.column("SELECT record_id FROM recordings WHERE meeting_id = 'room-7'");
    Long[] ids = database.column("SELECT id FROM recordings WHERE meeting_id = 'room-7'").stream()
        .map(Long::valueOf).toArray(Long[]::new);

    assertThat(explain(PgRecordingStore.SELECT_BY_RECORD_IDS, (Object) recordIds.toArray(String[]::new)))
        .contains("index_recordings_on_record_id").doesNotContain("Seq Scan");
    assertThat(explain(PgRecordingStore.SELECT_BY_RECORD_ID, recordIds.get(0)))
        .contains("index_recordings_on_record_id").doesNotContain("Seq Scan");
    assertThat(explain(PgRecordingStore.SELECT_METADATA, (Object) ids))
        .contains("index_metadata_on_recording_id_and_key").doesNotContain("Seq Scan");
    assertThat(explain(PgRecordingStore.SELECT_FORMATS, (Object) ids))
        .contains("index_playback_formats_on_recording_id_and_format")
        .contains("index_thumbnails_on_playback_format_id").doesNotContain("Seq Scan");
  }

  @Test
  void theRecordingReadyUrlIsLookedUpByIndex() {
    assertThat(explain(PgCallbackStore.LATEST, "room-42"))
        .contains("switchboard_index_callback_data_on_meeting_id").doesNotContain("Seq Scan");
  }

  private static String plan(RecordingQuery query) {
    PgRecordingStore.Where where = PgRecordingStore.where(query);
    PgRecordingStore.Where page = PgRecordingStore.page(query, where);
    return explain(page.sql(), page.params().toArray());
  }

  private static String explain(String sql, Object... params) {
    List<String> lines = new ArrayList<>();
    for (Row row : database.query("EXPLAIN " + sql, params)) {
      lines.add(row.getString(0));
    }
    return lines.stream().collect(Collectors.joining("\n"));
  }

  private static RecordingQuery query(List<String> prefixes, List<String> meetingIds, Set<String> states,
                                      Map<String, Set<String>> metadata, String tenantId) {
    return new RecordingQuery(prefixes, meetingIds, states, metadata, Optional.ofNullable(tenantId), 0,
        Optional.empty());
  }
}
