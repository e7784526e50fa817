package io.switchboard.storage.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Scalelite's schema (spec §8; Scalelite's {@code db/schema.rb} at version 2023_06_27_141045) and Switchboard's own
 * indexes on it.
 *
 * <p>On a database without Scalelite's tables, {@link #setUp} creates them as {@code rails db:schema:load} would, in
 * one transaction: the five tables with Rails' column types and index names, {@code schema_migrations} holding every
 * Scalelite migration version (so Scalelite's {@code rake db:migrate} and health check see nothing pending) and
 * {@code ar_internal_metadata} with {@code environment = production}. On a database that has Scalelite's
 * {@code schema_migrations} it changes none of Scalelite's objects; it only checks that the columns Switchboard reads
 * are there (a database older than 2021-07-25 lacks {@code publish_updated}: then it fails, asking for Scalelite's
 * migrations).
 *
 * <p>Switchboard's own indexes, all named {@code switchboard_*} and created {@code IF NOT EXISTS} (concurrently on an
 * existing database, so Scalelite's writers are never blocked): see {@link #SWITCHBOARD_INDEXES}. Scalelite neither
 * knows nor minds them: its migrations never name them and ActiveRecord ignores extra indexes.
 *
 * <p>Several instances starting at once serialise on a PostgreSQL advisory lock, so only one of them creates the
 * schema.
 */
final class PostgresSchema {
  /** Scalelite's migrations on master, oldest first; a schema.rb load inserts all of them. */
  static final List<String> SCALELITE_VERSIONS = List.of("20181123180008", "20210425184558", "20210630205630",
      "20210725200414", "20221111194252", "20230627141045");
  /** The version of Scalelite's db/schema.rb this class creates. */
  static final String SCALELITE_VERSION = "20230627141045";
  /** The advisory lock (an arbitrary constant, "sw-schm") held while the schema is inspected and set up. */
  static final long LOCK_KEY = 0x73772d7363686dL;
  private static final long LOCK_POLL_MILLIS = 200;

  static final List<String> SCALELITE_TABLES =
      List.of("recordings", "metadata", "playback_formats", "thumbnails", "callback_data");

  /** The columns Switchboard reads and writes, per table. */
  static final Map<String, Set<String>> REQUIRED_COLUMNS = Map.of(
      "recordings", Set.of("id", "record_id", "meeting_id", "name", "published", "participants", "state", "starttime",
          "endtime", "protected", "publish_updated"),
      "metadata", Set.of("id", "recording_id", "key", "value"),
      "playback_formats", Set.of("id", "recording_id", "format", "url", "length", "processing_time"),
      "thumbnails", Set.of("id", "playback_format_id", "width", "height", "alt", "url", "sequence"),
      "callback_data", Set.of("id", "meeting_id", "recording_id", "callback_attributes", "created_at", "updated_at"));

  /**
   * Scalelite's schema as {@code rails db:schema:load} creates it on PostgreSQL (Rails 7.2: {@code t.string} is
   * {@code character varying}, {@code t.datetime} is {@code timestamp(6)}, or {@code timestamp} with
   * {@code precision: nil}; every table has {@code id bigserial primary key}; no foreign keys).
   */
  static final String SCALELITE_DDL = """
      CREATE EXTENSION IF NOT EXISTS plpgsql;
      CREATE TABLE callback_data (
        id bigserial PRIMARY KEY,
        meeting_id character varying,
        recording_id integer,
        callback_attributes text,
        created_at timestamp(6) without time zone NOT NULL,
        updated_at timestamp(6) without time zone NOT NULL
      );
      CREATE TABLE metadata (
        id bigserial PRIMARY KEY,
        recording_id bigint,
        key character varying,
        value character varying
      );
      CREATE UNIQUE INDEX index_metadata_on_recording_id_and_key ON metadata (recording_id, key);
      CREATE TABLE playback_formats (
        id bigserial PRIMARY KEY,
        recording_id bigint,
        format character varying,
        url character varying,
        length integer,
        processing_time integer
      );
      CREATE UNIQUE INDEX index_playback_formats_on_recording_id_and_format ON playback_formats (recording_id, format);
      CREATE TABLE recordings (
        id bigserial PRIMARY KEY,
        record_id character varying,
        meeting_id character varying,
        name character varying,
        published boolean DEFAULT false NOT NULL,
        participants integer,
        state character varying,
        starttime timestamp without time zone,
        endtime timestamp without time zone,
        deleted_at timestamp without time zone,
        protected boolean DEFAULT false NOT NULL,
        publish_updated boolean DEFAULT false NOT NULL
      );
      CREATE INDEX index_recordings_on_meeting_id ON recordings (meeting_id);
      CREATE UNIQUE INDEX index_recordings_on_record_id ON recordings (record_id);
      CREATE TABLE thumbnails (
        id bigserial PRIMARY KEY,
        playback_format_id bigint,
        width integer,
        height integer,
        alt character varying,
        url character varying,
        sequence integer
      );
      CREATE INDEX index_thumbnails_on_playback_format_id ON thumbnails (playback_format_id);
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version character varying NOT NULL PRIMARY KEY
      );
      CREATE TABLE IF NOT EXISTS ar_internal_metadata (
        key character varying NOT NULL PRIMARY KEY,
        value character varying,
        created_at timestamp(6) without time zone NOT NULL,
        updated_at timestamp(6) without time zone NOT NULL
      );
      """;

  /**
   * Switchboard's indexes, name to definition (everything after {@code ON}):
   * <ul>
   *   <li>{@code switchboard_index_recordings_on_starttime}: getRecordings' order (newest first, then record id), so a
   *       page of an unfiltered listing is read off the index instead of sorting every recording;</li>
   *   <li>{@code switchboard_index_recordings_on_record_id_pattern}: {@code record_id LIKE 'prefix%'} (recordID
   *       prefixes), which Scalelite's unique index serves only under the C collation;</li>
   *   <li>{@code switchboard_index_metadata_on_tenant_id}: a tenant's recordings without a meetingID or recordID
   *       (a sequential scan of every recording otherwise); a hash index, partial on {@code key = 'tenant-id'}, so a
   *       value of any length can be stored (a btree refuses entries over ~2.7 kB, which would fail Scalelite's
   *       writes);</li>
   *   <li>{@code switchboard_index_callback_data_on_meeting_id}: the recording-ready URL lookup by meetingID, a
   *       sequential scan otherwise (Scalelite has no index there).</li>
   * </ul>
   */
  static final Map<String, String> SWITCHBOARD_INDEXES = orderedMap(
      "switchboard_index_recordings_on_starttime", "recordings (starttime DESC NULLS LAST, record_id COLLATE \"C\")",
      "switchboard_index_recordings_on_record_id_pattern", "recordings (record_id varchar_pattern_ops)",
      "switchboard_index_metadata_on_tenant_id", "metadata USING hash (value) WHERE key = 'tenant-id'",
      "switchboard_index_callback_data_on_meeting_id", "callback_data (meeting_id)");

  /**
   * What {@link #setUp} found and did.
   *
   * @param created whether it created Scalelite's schema (the database had none)
   * @param scaleliteVersion the newest version in {@code schema_migrations}
   * @param indexesCreated the Switchboard indexes it created now
   */
  record Setup(boolean created, Optional<String> scaleliteVersion, List<String> indexesCreated) {}

  private PostgresSchema() {}

  /** Inspects the database and creates what is missing; see the class comment. */
  static Future<Setup> setUp(Vertx vertx, Pool pool) {
    return pool.withConnection(conn -> lock(vertx, conn)
        .compose(locked -> setUpLocked(conn)
            .eventually(() -> conn.query("SELECT pg_advisory_unlock(" + LOCK_KEY + ")").execute())));
  }

  /**
   * Takes the setup lock, polling with {@code pg_try_advisory_lock} rather than waiting in {@code pg_advisory_lock}:
   * a waiting statement holds a snapshot, and the holder's {@code CREATE INDEX CONCURRENTLY} waits for every older
   * snapshot to go, which PostgreSQL would end as a deadlock.
   */
  private static Future<Void> lock(Vertx vertx, SqlConnection conn) {
    return conn.query("SELECT pg_try_advisory_lock(" + LOCK_KEY + ") AS locked").execute().compose(rows -> {
      if (Boolean.TRUE.equals(rows.iterator().next().getBoolean("locked"))) {
        return Future.succeededFuture();
      }
      return vertx.timer(LOCK_POLL_MILLIS, TimeUnit.MILLISECONDS).compose(elapsed -> lock(vertx, conn));
    });
  }

  private static Future<Setup> setUpLocked(SqlConnection conn) {
    StringBuilder probe = new StringBuilder("SELECT to_regclass('schema_migrations') IS NOT NULL AS schema_migrations");
    for (String table : SCALELITE_TABLES) {
      probe.append(", to_regclass('").append(table).append("') IS NOT NULL AS ").append(table);
    }
    return conn.query(probe.toString()).execute().compose(rows -> {
      Row row = rows.iterator().next();
      List<String> present = new ArrayList<>();
      for (String table : SCALELITE_TABLES) {
        if (row.getBoolean(table)) {
          present.add(table);
        }
      }
      if (!row.getBoolean("schema_migrations")) {
        if (!present.isEmpty()) {
          return Future.failedFuture(new IllegalStateException("the database has Scalelite's tables " + present
              + " but no schema_migrations table; Switchboard leaves a database it does not recognise alone "
              + "(expected: an empty database, or one set up by Scalelite or Switchboard)"));
        }
        return create(conn);
      }
      return existing(conn);
    });
  }

  private static Future<Setup> create(SqlConnection conn) {
    // plpgsql is always there: its "already exists" notice is noise.
    StringBuilder sql = new StringBuilder("BEGIN;\nSET LOCAL client_min_messages = warning;\n").append(SCALELITE_DDL);
    for (String version : SCALELITE_VERSIONS) {
      sql.append("INSERT INTO schema_migrations (version) VALUES ('").append(version).append("');\n");
    }
    sql.append("INSERT INTO ar_internal_metadata (key, value, created_at, updated_at) VALUES ('environment', ")
        .append("'production', timezone('UTC', now()), timezone('UTC', now())) ON CONFLICT (key) DO NOTHING;\n");
    SWITCHBOARD_INDEXES.forEach((name, definition) ->
        sql.append("CREATE INDEX IF NOT EXISTS ").append(name).append(" ON ").append(definition).append(";\n"));
    sql.append("COMMIT;");
    return conn.query(sql.toString()).execute()
        .recover(failure -> conn.query("ROLLBACK").execute().transform(ignored -> Future.failedFuture(failure)))
        .map(done -> new Setup(true, Optional.of(SCALELITE_VERSION), List.copyOf(SWITCHBOARD_INDEXES.keySet())));
  }

  private static Future<Setup> existing(SqlConnection conn) {
    Future<Optional<String>> version = conn.query("SELECT max(version) AS version FROM schema_migrations").execute()
        .map(rows -> Optional.ofNullable(rows.iterator().next().getString("version")));
    Future<RowSet<Row>> columns = conn.preparedQuery("""
        SELECT c.relname AS table_name, a.attname AS column_name
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE a.attrelid = ANY(ARRAY[to_regclass('recordings'), to_regclass('metadata'),
            to_regclass('playback_formats'), to_regclass('thumbnails'), to_regclass('callback_data')]::oid[])
          AND a.attnum > 0 AND NOT a.attisdropped""").execute();
    return Future.all(version, columns).compose(both -> {
      Map<String, Set<String>> found = new HashMap<>();
      for (Row row : columns.result()) {
        found.computeIfAbsent(row.getString("table_name"), table -> new TreeSet<>()).add(row.getString("column_name"));
      }
      Map<String, Set<String>> missing = new LinkedHashMap<>();
      for (String table : SCALELITE_TABLES) {
        Set<String> wanted = new TreeSet<>(REQUIRED_COLUMNS.get(table));
        wanted.removeAll(found.getOrDefault(table, Set.of()));
        if (!wanted.isEmpty()) {
          missing.put(table, wanted);
        }
      }
      if (!missing.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("the Scalelite database (schema_migrations up to "
            + version.result().orElse("none") + ") lacks " + missing + "; run Scalelite's migrations first "
            + "(bundle exec rake db:migrate, Scalelite's schema version " + SCALELITE_VERSION + ")"));
      }
      return createIndexesConcurrently(conn, new ArrayList<>(SWITCHBOARD_INDEXES.keySet()), new ArrayList<>())
          .map(created -> new Setup(false, version.result(), List.copyOf(created)));
    });
  }

  /**
   * Creates each missing Switchboard index without blocking writers ({@code CREATE INDEX CONCURRENTLY}); an invalid
   * one, left by an interrupted build, is dropped and built again.
   */
  private static Future<List<String>> createIndexesConcurrently(SqlConnection conn, List<String> names,
                                                                List<String> created) {
    if (names.isEmpty()) {
      return Future.succeededFuture(created);
    }
    String name = names.remove(0);
    String definition = SWITCHBOARD_INDEXES.get(name);
    return conn.preparedQuery("""
            SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass($1)""")
        .execute(Tuple.of(name))
        .compose(rows -> {
          Boolean valid = rows.size() == 0 ? null : rows.iterator().next().getBoolean("indisvalid");
          if (Boolean.TRUE.equals(valid)) {
            return Future.succeededFuture(false);
          }
          Future<?> dropped = valid == null ? Future.succeededFuture()
              : conn.query("DROP INDEX CONCURRENTLY IF EXISTS " + name).execute();
          return dropped.compose(ignored ->
                  conn.query("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + definition).execute())
              .map(done -> true);
        })
        .compose(made -> {
          if (made) {
            created.add(name);
          }
          return createIndexesConcurrently(conn, names, created);
        });
  }

  private static Map<String, String> orderedMap(String... namesAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
