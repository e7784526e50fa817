package io.switchboard.storage.postgres;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database as a long-running Scalelite leaves it (spec §8): built by Scalelite's migrations one after the other
 * (ActiveRecord 6.0 DDL, without the no-op {@code DROP TABLE IF EXISTS} of {@code force: :cascade}), so
 * {@code published} and {@code protected} are nullable, {@code publish_updated} defaults to false but allows NULL,
 * and the {@code tenants} table was created and dropped again; with Rails' bookkeeping tables.
 */
final class ScaleliteFixture {
  /** Each Scalelite migration's DDL, by version, as ActiveRecord runs it on PostgreSQL. */
  static final Map<String, String> MIGRATIONS = migrations();

  private ScaleliteFixture() {}

  private static Map<String, String> migrations() {
    Map<String, String> migrations = new LinkedHashMap<>();
    migrations.put("20181123180008", """
        CREATE TABLE metadata (id bigserial primary key, recording_id bigint, key character varying,
          value character varying);
        CREATE UNIQUE INDEX index_metadata_on_recording_id_and_key ON metadata (recording_id, key);
        CREATE TABLE playback_formats (id bigserial primary key, recording_id bigint, format character varying,
          url character varying, length integer, processing_time integer);
        CREATE UNIQUE INDEX index_playback_formats_on_recording_id_and_format
          ON playback_formats (recording_id, format);
        CREATE TABLE recordings (id bigserial primary key, record_id character varying,
          meeting_id character varying, name character varying, published boolean, participants integer,
          state character varying, starttime timestamp, endtime timestamp, deleted_at timestamp);
        CREATE INDEX index_recordings_on_meeting_id ON recordings (meeting_id);
        CREATE UNIQUE INDEX index_recordings_on_record_id ON recordings (record_id);
        CREATE TABLE thumbnails (id bigserial primary key, playback_format_id bigint, width integer,
          height integer, alt character varying, url character varying, sequence integer);
        CREATE INDEX index_thumbnails_on_playback_format_id ON thumbnails (playback_format_id);
        """);
    migrations.put("20210425184558", """
        CREATE TABLE callback_data (id bigserial primary key, meeting_id character varying, recording_id integer,
          callback_attributes text, created_at timestamp(6) NOT NULL, updated_at timestamp(6) NOT NULL);
        """);
    migrations.put("20210630205630", "ALTER TABLE recordings ADD protected boolean;");
    migrations.put("20210725200414", "ALTER TABLE recordings ADD publish_updated boolean DEFAULT FALSE;");
    migrations.put("20221111194252", """
        CREATE TABLE tenants (id bigserial primary key, name character varying, secrets character varying);
        CREATE UNIQUE INDEX index_tenants_on_name ON tenants (name);
        CREATE UNIQUE INDEX index_tenants_on_secrets ON tenants (secrets);
        """);
    migrations.put("20230627141045", "DROP TABLE tenants;");
    return migrations;
  }

  /** Scalelite's schema at its current version, migrated from scratch. */
  static void createSchema(PostgresTestDatabase database) {
    createSchemaUpTo(database, "20230627141045");
  }

  /** Scalelite's schema as of {@code lastVersion}, migrated from scratch (as rake db:create db:migrate would). */
  static void createSchemaUpTo(PostgresTestDatabase database, String lastVersion) {
    database.execute("""
        CREATE TABLE schema_migrations (version character varying NOT NULL PRIMARY KEY);
        CREATE TABLE ar_internal_metadata (key character varying NOT NULL PRIMARY KEY, value character varying,
          created_at timestamp(6) NOT NULL, updated_at timestamp(6) NOT NULL);
        INSERT INTO ar_internal_metadata VALUES ('environment', 'production', '2021-05-01 10:00:00',
          '2021-05-01 10:00:00');
        """);
    for (Map.Entry<String, String> migration : MIGRATIONS.entrySet()) {
      database.execute("BEGIN;\n" + migration.getValue() + "\nINSERT INTO schema_migrations VALUES ('"
          + migration.getKey() + "');\nCOMMIT;");
      if (migration.getKey().equals(lastVersion)) {
        return;
      }
    }
  }

  /** Statements inserting rows as Scalelite's importer and API controllers write them. */
  static void insert(PostgresTestDatabase database, List<String> statements) {
    database.execute(String.join(";\n", statements));
  }
}
