package io.switchboard.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingQuery;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scalelite's schema on an empty database, left alone on a Scalelite database (spec §8). */
class PostgresSchemaTest {
  /** Scalelite's db/migrate on master: what its rake db:migrate and health check compare schema_migrations with. */
  static final List<String> SCALELITE_MIGRATIONS = List.of("20181123180008", "20210425184558", "20210630205630",
      "20210725200414", "20221111194252", "20230627141045");

  /** Scalelite's db/schema.rb (version 2023_06_27_141045) as rails db:schema:load creates it on PostgreSQL. */
  static final List<String> SCALELITE_SCHEMA = List.of(
      "column ar_internal_metadata.created_at timestamp(6) without time zone NOT NULL",
      "column ar_internal_metadata.key character varying NOT NULL",
      "column ar_internal_metadata.updated_at timestamp(6) without time zone NOT NULL",
      "column ar_internal_metadata.value character varying",
      "column callback_data.callback_attributes text",
      "column callback_data.created_at timestamp(6) without time zone NOT NULL",
      "column callback_data.id bigint NOT NULL DEFAULT nextval('callback_data_id_seq'::regclass)",
      "column callback_data.meeting_id character varying",
      "column callback_data.recording_id integer",
      "column callback_data.updated_at timestamp(6) without time zone NOT NULL",
      "column metadata.id bigint NOT NULL DEFAULT nextval('metadata_id_seq'::regclass)",
      "column metadata.key character varying",
      "column metadata.recording_id bigint",
      "column metadata.value character varying",
      "column playback_formats.format character varying",
      "column playback_formats.id bigint NOT NULL DEFAULT nextval('playback_formats_id_seq'::regclass)",
      "column playback_formats.length integer",
      "column playback_formats.processing_time integer",
      "column playback_formats.recording_id bigint",
      "column playback_formats.url character varying",
      "column recordings.deleted_at timestamp without time zone",
      "column recordings.endtime timestamp without time zone",
      "column recordings.id bigint NOT NULL DEFAULT nextval('recordings_id_seq'::regclass)",
      "column recordings.meeting_id character varying",
      "column recordings.name character varying",
      "column recordings.participants integer",
      "column recordings.protected boolean NOT NULL DEFAULT false",
      "column recordings.publish_updated boolean NOT NULL DEFAULT false",
      "column recordings.published boolean NOT NULL DEFAULT false",
      "column recordings.record_id character varying",
      "column recordings.starttime timestamp without time zone",
      "column recordings.state character varying",
      "column schema_migrations.version character varying NOT NULL",
      "column thumbnails.alt character varying",
      "column thumbnails.height integer",
      "column thumbnails.id bigint NOT NULL DEFAULT nextval('thumbnails_id_seq'::regclass)",
      "column thumbnails.playback_format_id bigint",
      "column thumbnails.sequence integer",
      "column thumbnails.url character varying",
      "column thumbnails.width integer",
      "constraint ar_internal_metadata ar_internal_metadata_pkey PRIMARY KEY (key)",
      "constraint callback_data callback_data_pkey PRIMARY KEY (id)",
      "constraint metadata metadata_pkey PRIMARY KEY (id)",
      "constraint playback_formats playback_formats_pkey PRIMARY KEY (id)",
      "constraint recordings recordings_pkey PRIMARY KEY (id)",
      "constraint schema_migrations schema_migrations_pkey PRIMARY KEY (version)",
      "constraint thumbnails thumbnails_pkey PRIMARY KEY (id)",
      "index CREATE INDEX index_recordings_on_meeting_id ON public.recordings USING btree (meeting_id)",
      "index CREATE INDEX index_thumbnails_on_playback_format_id ON public.thumbnails USING btree (playback_format_id)",
      "index CREATE UNIQUE INDEX ar_internal_metadata_pkey ON public.ar_internal_metadata USING btree (key)",
      "index CREATE UNIQUE INDEX callback_data_pkey ON public.callback_data USING btree (id)",
      "index CREATE UNIQUE INDEX index_metadata_on_recording_id_and_key ON public.metadata USING btree "
          + "(recording_id, key)",
      "index CREATE UNIQUE INDEX index_playback_formats_on_recording_id_and_format ON public.playback_formats "
          + "USING btree (recording_id, format)",
      "index CREATE UNIQUE INDEX index_recordings_on_record_id ON public.recordings USING btree (record_id)",
      "index CREATE UNIQUE INDEX metadata_pkey ON public.metadata USING btree (id)",
      "index CREATE UNIQUE INDEX playback_formats_pkey ON public.playback_formats USING btree (id)",
      "index CREATE UNIQUE INDEX recordings_pkey ON public.recordings USING btree (id)",
      "index CREATE UNIQUE INDEX schema_migrations_pkey ON public.schema_migrations USING btree (version)",
      "index CREATE UNIQUE INDEX thumbnails_pkey ON public.thumbnails USING btree (id)",
      "sequence callback_data_id_seq",
      "sequence metadata_id_seq",
      "sequence playback_formats_id_seq",
      "sequence recordings_id_seq",
      "sequence thumbnails_id_seq");

  /** Switchboard's own indexes, documented in PostgresSchema. */
  static final List<String> SWITCHBOARD_INDEXES = List.of(
      "index CREATE INDEX switchboard_index_callback_data_on_meeting_id ON public.callback_data USING btree "
          + "(meeting_id)",
      "index CREATE INDEX switchboard_index_metadata_on_tenant_id ON public.metadata USING hash (value) "
          + "WHERE ((key)::text = 'tenant-id'::text)",
      "index CREATE INDEX switchboard_index_recordings_on_record_id_pattern ON public.recordings USING btree "
          + "(record_id varchar_pattern_ops)",
      "index CREATE INDEX switchboard_index_recordings_on_starttime ON public.recordings USING btree "
          + "(starttime DESC NULLS LAST, record_id COLLATE \"C\")");

  private PostgresTestDatabase database;

  @BeforeEach
  void createDatabase() {
    database = PostgresTestDatabase.create();
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void anEmptyDatabaseGetsScalelitesSchemaExactly() {
    PostgresRecordings.open(database.settings()).close();

    List<String> expected = new ArrayList<>(SCALELITE_SCHEMA);
    expected.addAll(SWITCHBOARD_INDEXES);
    assertThat(Catalog.of(database)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(database.column("SELECT version FROM schema_migrations ORDER BY version"))
        .containsExactlyElementsOf(SCALELITE_MIGRATIONS);
    assertThat(database.column("SELECT key || '=' || value FROM ar_internal_metadata"))
        .containsExactly("environment=production");
    assertThat(database.column("SELECT count(*) FROM recordings")).containsExactly("0");
  }

  @Test
  void openingAgainChangesNothingAndKeepsTheData() {
    Recording recording = new Recording("abc-1", "room-1", "Physics", true, false, Optional.of("published"),
        1_700_000_000_000L, 1_700_000_360_000L, OptionalInt.of(3), Map.of("tenant-id", "t1"), List.of(), false);
    try (PostgresRecordings first = PostgresRecordings.open(database.settings())) {
      first.recordings().save(recording).toCompletableFuture().join();
    }
    List<String> catalog = Catalog.of(database);
    List<String> metadata = database.column("SELECT * FROM ar_internal_metadata");

    try (PostgresRecordings second = PostgresRecordings.open(database.settings(false))) {
      assertThat(Catalog.of(database)).isEqualTo(catalog);
      assertThat(database.column("SELECT * FROM ar_internal_metadata")).isEqualTo(metadata);
      assertThat(database.column("SELECT version FROM schema_migrations ORDER BY version"))
          .containsExactlyElementsOf(SCALELITE_MIGRATIONS);
      assertThat(second.recordings().get("abc-1").toCompletableFuture().join()).contains(recording);
    }
  }

  @Test
  void instancesStartingTogetherCreateTheSchemaOnce() throws Exception {
    openTogether(3);

    List<String> expected = new ArrayList<>(SCALELITE_SCHEMA);
    expected.addAll(SWITCHBOARD_INDEXES);
    assertThat(Catalog.of(database)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(database.column("SELECT count(*) FROM schema_migrations")).containsExactly("6");
  }

  @Test
  void instancesStartingTogetherOnAScaleliteDatabaseAllStart() throws Exception {
    ScaleliteFixture.createSchema(database);
    database.execute("INSERT INTO recordings (record_id, meeting_id, state, published) "
        + "SELECT 'r-' || g, 'room-' || g, 'published', true FROM generate_series(1, 20000) g");
    List<String> before = Catalog.of(database);

    openTogether(4);

    assertThat(Catalog.scaleliteOnly(database)).isEqualTo(before);
    assertThat(Catalog.of(database)).containsAll(SWITCHBOARD_INDEXES);
  }

  private void openTogether(int instances) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(instances);
    try {
      List<Future<PostgresRecordings>> opening = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        opening.add(threads.submit((Callable<PostgresRecordings>) () -> PostgresRecordings.open(database.settings())));
      }
      List<PostgresRecordings> opened = new ArrayList<>();
      try {
        for (Future<PostgresRecordings> future : opening) {
          opened.add(future.get(120, TimeUnit.SECONDS));
        }
      } finally {
        opened.forEach(PostgresRecordings::close);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aScaleliteDatabaseKeepsEverythingOfScalelitesAndGainsOnlySwitchboardIndexes() {
    ScaleliteFixture.createSchema(database);
    List<String> before = Catalog.of(database);

    PostgresRecordings.open(database.settings()).close();

    assertThat(Catalog.scaleliteOnly(database)).isEqualTo(before);
    assertThat(Catalog.of(database)).containsAll(SWITCHBOARD_INDEXES);
    assertThat(database.column("SELECT version FROM schema_migrations ORDER BY version"))
        .containsExactlyElementsOf(SCALELITE_MIGRATIONS);
    assertThat(database.column("SELECT indisvalid FROM pg_index WHERE indexrelid::regclass::text LIKE 'switchboard%'"))
        .containsOnly("true");
  }

  @Test
  void anIndexLeftInvalidByAnInterruptedBuildIsBuiltAgain() {
    ScaleliteFixture.createSchema(database);
    database.execute("INSERT INTO callback_data (meeting_id, created_at, updated_at) VALUES ('room-1', now(), now()), "
        + "('room-1', now(), now())");
    try {
      database.execute("CREATE UNIQUE INDEX CONCURRENTLY switchboard_index_callback_data_on_meeting_id "
          + "ON callback_data (meeting_id)");
    } catch (RuntimeException expected) {
      // The duplicate meetingID fails the build and leaves the index behind, invalid.
    }
    assertThat(database.column("SELECT indisvalid FROM pg_index "
        + "WHERE indexrelid = 'switchboard_index_callback_data_on_meeting_id'::regclass")).containsExactly("false");

    PostgresRecordings.open(database.settings()).close();

    assertThat(database.column("SELECT indisvalid FROM pg_index "
        + "WHERE indexrelid = 'switchboard_index_callback_data_on_meeting_id'::regclass")).containsExactly("true");
    assertThat(Catalog.of(database)).containsAll(SWITCHBOARD_INDEXES);
  }

  @Test
  void aDatabaseWithScaleliteTablesButNoMigrationsIsLeftAlone() {
    database.execute("CREATE TABLE recordings (id bigserial PRIMARY KEY, record_id varchar)");
    List<String> before = Catalog.of(database);

    assertThatThrownBy(() -> PostgresRecordings.open(database.settings()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no schema_migrations");
    assertThat(Catalog.of(database)).isEqualTo(before);
  }

  @Test
  void anOutdatedScaleliteDatabaseIsRefusedWithAHint() {
    ScaleliteFixture.createSchemaUpTo(database, "20181123180008");
    List<String> before = Catalog.of(database);

    assertThatThrownBy(() -> PostgresRecordings.open(database.settings()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rake db:migrate")
        .hasMessageContaining("publish_updated")
        .hasMessageContaining("callback_data");
    assertThat(Catalog.of(database)).isEqualTo(before);
  }

  @Test
  void anUnreachableServerFailsToOpenInsteadOfHanging() {
    PostgresSettings settings = new PostgresSettings(URI.create("postgres://postgres:secret@127.0.0.1:1/x"), 1, true);

    long start = System.nanoTime();
    assertThatThrownBy(() -> PostgresRecordings.open(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("secret");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
  }

  @Test
  void aFreshStoreAnswersEmpty() {
    try (PostgresRecordings postgres = PostgresRecordings.open(database.settings())) {
      assertThat(postgres.recordings().find(RecordingQuery.all()).toCompletableFuture().join().totalMatches())
          .isZero();
      assertThat(postgres.callbacks().recordingReadyUrl("room-1").toCompletableFuture().join()).isEmpty();
    }
  }
}
