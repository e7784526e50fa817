package io.switchboard.storage.postgres;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingPage;
import io.switchboard.storage.recordings.RecordingQuery;
import io.switchboard.storage.recordings.RecordingStore;
import io.switchboard.storage.recordings.Thumbnail;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RecordingStore} on Scalelite's tables (spec §8): {@code recordings}, {@code metadata},
 * {@code playback_formats} and {@code thumbnails}, written the way Scalelite's importer writes them and read the way
 * its getRecordings reads them, so both can serve one database.
 *
 * <p>Mapping: {@code published}, {@code protected} and {@code publish_updated} NULL read as false and are always
 * written; {@code state} NULL is an empty state; {@code starttime}/{@code endtime} are {@code timestamp without time
 * zone} holding UTC, NULL read as 0 and 0 written as NULL (as Scalelite leaves them when metadata.xml has none);
 * {@code name}, {@code meeting_id}, metadata values, format URLs and thumbnail alts NULL read as {@code ""}; thumbnail
 * width and height are integer columns (the model's text is parsed; text that is not a number is stored as NULL and
 * read back as {@code ""}); a processing time beyond an {@code integer} is stored clamped.
 *
 * <p>Queries: {@link #find} translates {@link RecordingQuery#matches} to one SQL statement ({@code meeting_id =
 * ANY}, {@code record_id LIKE 'prefix%' ESCAPE '|'} OR-ed, {@code state = ANY}, and {@code EXISTS} on
 * {@code metadata} for the tenant and for the OR-ed {@code meta_} filters), ordered newest first
 * ({@code starttime DESC NULLS LAST, record_id} in code-point order), with OFFSET and LIMIT; the total is counted by a
 * second statement only when the page cannot tell it. The metadata, formats and thumbnails of the page are then loaded
 * with two batched statements ({@code recording_id = ANY}), never one per recording. The reads of one call share one
 * read-only REPEATABLE READ transaction, so a page never mixes a recording with another version's formats.
 *
 * <p>Writes: {@link #save} upserts the recording by {@code record_id} and then makes its metadata, formats and
 * thumbnails exactly those of the {@link Recording} (which is the full truth here, unlike Scalelite's importer that
 * never deletes metadata keys): metadata keys present are upserted in place (a key keeps its row, so its position in
 * {@link Recording#metadata()}, which follows the row ids), absent keys deleted, new keys appended in the map's order;
 * formats upserted by {@code (recording_id, format)}, absent ones deleted with their thumbnails; thumbnails replaced.
 * All in one transaction. {@link #update} and {@link #updateMetadata} lock the recording rows ({@code SELECT … FOR
 * UPDATE}) first, so concurrent read-modify-write calls from any number of instances apply one after the other.
 *
 * <p>Every call returns at once; its stage completes on one of the store's Vert.x event-loop threads, so dependent
 * stages must not block. {@link #update}'s {@code change} runs on such a thread too, inside the transaction holding
 * the row lock: it must be quick and must not wait for this store.
 *
 * <p>Known differences from the in-memory store, all outside what Scalelite can produce: a recording whose start time
 * is 0 (stored as NULL) sorts after those with a negative start time; re-saving a recording with the same metadata
 * keys in another order keeps the stored order; two formats with the same name in one recording are refused
 * ({@link IllegalArgumentException}), as Scalelite's unique index would refuse them.
 */
final class PgRecordingStore implements RecordingStore {
  private static final String COLUMNS = "r.id, r.record_id, r.meeting_id, r.name, r.published, r.protected, r.state, "
      + "r.starttime, r.endtime, r.participants, r.publish_updated";
  private static final String ORDER = " ORDER BY r.starttime DESC NULLS LAST, r.record_id COLLATE \"C\"";

  static final String SELECT_BY_RECORD_ID = "SELECT " + COLUMNS + " FROM recordings r WHERE r.record_id = $1";
  static final String SELECT_BY_RECORD_IDS =
      "SELECT " + COLUMNS + " FROM recordings r WHERE r.record_id = ANY($1::varchar[])";
  private static final String SELECT_FOR_UPDATE = SELECT_BY_RECORD_ID + " FOR UPDATE";
  static final String SELECT_METADATA = """
      SELECT recording_id, key, value FROM metadata
      WHERE recording_id = ANY($1::bigint[]) AND key IS NOT NULL
      ORDER BY recording_id, id""";
  static final String SELECT_FORMATS = """
      SELECT f.id, f.recording_id, f.format, f.url, f.length, f.processing_time,
             t.id AS thumbnail_id, t.width, t.height, t.alt, t.url AS thumbnail_url, t.sequence
      FROM playback_formats f LEFT JOIN thumbnails t ON t.playback_format_id = f.id
      WHERE f.recording_id = ANY($1::bigint[]) AND f.format IS NOT NULL
      ORDER BY f.recording_id, f.format COLLATE "C", f.id, t.sequence NULLS LAST, t.id""";
  private static final String SELECT_RECORD_IDS =
      "SELECT record_id FROM recordings WHERE record_id <> '' ORDER BY record_id COLLATE \"C\"";

  private static final String UPSERT_RECORDING = """
      INSERT INTO recordings AS r (record_id, meeting_id, name, published, participants, state, starttime, endtime,
                                   protected, publish_updated)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (record_id) DO UPDATE SET
        meeting_id = EXCLUDED.meeting_id, name = EXCLUDED.name, published = EXCLUDED.published,
        participants = EXCLUDED.participants, state = EXCLUDED.state, starttime = EXCLUDED.starttime,
        endtime = EXCLUDED.endtime, protected = EXCLUDED.protected, publish_updated = EXCLUDED.publish_updated
      RETURNING r.id""";
  private static final String UPDATE_RECORDING = """
      UPDATE recordings SET meeting_id = $2, name = $3, published = $4, participants = $5, state = $6,
        starttime = $7, endtime = $8, protected = $9, publish_updated = $10
      WHERE id = $1""";

  /** Makes the recording's metadata exactly ($2, $3): absent keys deleted, present ones upserted in order. */
  private static final String REPLACE_METADATA = """
      WITH gone AS (
        DELETE FROM metadata
        WHERE recording_id = $1 AND (key IS NULL OR NOT key = ANY($2::varchar[]))
      )
      INSERT INTO metadata (recording_id, key, value)
      SELECT $1, t.key, t.value
      FROM unnest($2::varchar[], $3::varchar[]) WITH ORDINALITY AS t(key, value, n)
      ORDER BY t.n
      ON CONFLICT (recording_id, key) DO UPDATE SET value = EXCLUDED.value
        WHERE metadata.value IS DISTINCT FROM EXCLUDED.value""";

  /**
   * Makes the recording's formats exactly ($2..$5) and their thumbnails exactly ($6..$11, each naming its format):
   * absent formats are deleted, present ones upserted (keeping their ids), and every thumbnail of the old formats is
   * replaced. One statement: all its parts see the same snapshot and touch disjoint rows.
   */
  private static final String REPLACE_FORMATS = """
      WITH old_formats AS (
        SELECT id FROM playback_formats WHERE recording_id = $1
      ), gone_thumbnails AS (
        DELETE FROM thumbnails WHERE playback_format_id IN (SELECT id FROM old_formats)
      ), gone_formats AS (
        DELETE FROM playback_formats
        WHERE recording_id = $1 AND (format IS NULL OR NOT format = ANY($2::varchar[]))
      ), formats AS (
        INSERT INTO playback_formats (recording_id, format, url, length, processing_time)
        SELECT $1, f.format, f.url, f.length, f.processing_time
        FROM unnest($2::varchar[], $3::varchar[], $4::integer[], $5::integer[]) WITH ORDINALITY
          AS f(format, url, length, processing_time, n)
        ORDER BY f.n
        ON CONFLICT (recording_id, format) DO UPDATE SET
          url = EXCLUDED.url, length = EXCLUDED.length, processing_time = EXCLUDED.processing_time
        RETURNING id, format
      )
      INSERT INTO thumbnails (playback_format_id, width, height, alt, url, sequence)
      SELECT formats.id, t.width, t.height, t.alt, t.url, t.sequence
      FROM unnest($6::varchar[], $7::integer[], $8::integer[], $9::varchar[], $10::varchar[], $11::integer[])
        WITH ORDINALITY AS t(format, width, height, alt, url, sequence, n)
      JOIN formats ON formats.format = t.format
      ORDER BY t.n""";

  private static final String LOCK_RECORDINGS =
      "SELECT id FROM recordings WHERE record_id = ANY($1::varchar[]) ORDER BY id FOR UPDATE";
  private static final String DELETE_METADATA_KEYS =
      "DELETE FROM metadata WHERE recording_id = ANY($1::bigint[]) AND key = ANY($2::varchar[])";
  private static final String UPSERT_METADATA_KEYS = """
      INSERT INTO metadata (recording_id, key, value)
      SELECT r.id, t.key, t.value
      FROM unnest($1::bigint[]) WITH ORDINALITY AS r(id, rn)
      CROSS JOIN unnest($2::varchar[], $3::varchar[]) WITH ORDINALITY AS t(key, value, n)
      ORDER BY r.rn, t.n
      ON CONFLICT (recording_id, key) DO UPDATE SET value = EXCLUDED.value
        WHERE metadata.value IS DISTINCT FROM EXCLUDED.value""";
  private static final String DELETE_RECORDING = """
      WITH recording AS (
        DELETE FROM recordings WHERE id = $1 RETURNING id
      ), formats AS (
        DELETE FROM playback_formats WHERE recording_id = $1 RETURNING id
      ), thumbnails AS (
        DELETE FROM thumbnails WHERE playback_format_id IN (SELECT id FROM formats)
      ), metadata AS (
        DELETE FROM metadata WHERE recording_id = $1
      )
      SELECT count(*) AS removed FROM recording""";

  private final Pool pool;

  PgRecordingStore(Pool pool) {
    this.pool = pool;
  }

  // --- reads ---------------------------------------------------------------------------------------------------------

  @Override
  public CompletionStage<RecordingPage> find(RecordingQuery query) {
    requireNonNull(query, "query");
    return run(() -> {
      Where where = where(query);
      Where page = page(query, where);
      return read(conn -> conn.preparedQuery(page.sql()).execute(page.tuple()).compose(rows -> {
        int found = rows.size();
        long offset = query.offset();
        boolean pageTellsTotal = query.limit().isEmpty() ? offset == 0 || found > 0
            : found < query.limit().get() && (offset == 0 || found > 0);
        Future<Long> total = pageTellsTotal ? Future.succeededFuture(offset + found)
            : conn.preparedQuery(count(where).sql()).execute(where.tuple())
                .map(counted -> counted.iterator().next().getLong("total"));
        Future<List<Recording>> recordings = load(conn, rows);
        return Future.all(total, recordings).map(both -> new RecordingPage(recordings.result(), total.result()));
      }));
    });
  }

  @Override
  public CompletionStage<Optional<Recording>> get(String recordId) {
    requireNonNull(recordId, "recordId");
    return run(() -> read(conn -> conn.preparedQuery(SELECT_BY_RECORD_ID).execute(Tuple.of(recordId))
        .compose(rows -> load(conn, rows))
        .map(found -> found.isEmpty() ? Optional.empty() : Optional.of(found.get(0)))));
  }

  @Override
  public CompletionStage<List<Recording>> getAll(Collection<String> recordIds) {
    Set<String> ids = distinct(recordIds);
    if (ids.isEmpty()) {
      return CompletableFuture.completedStage(List.of());
    }
    return run(() -> read(conn -> conn.preparedQuery(SELECT_BY_RECORD_IDS)
        .execute(Tuple.tuple().addValue(ids.toArray(String[]::new)))
        .compose(rows -> load(conn, rows))));
  }

  @Override
  public CompletionStage<List<String>> recordIds() {
    return run(() -> pool.preparedQuery(SELECT_RECORD_IDS).execute().map(rows -> {
      List<String> ids = new ArrayList<>(rows.size());
      for (Row row : rows) {
        String id = row.getString("record_id");
        if (!id.isBlank()) {
          ids.add(id);
        }
      }
      return ids;
    }));
  }

  // --- writes --------------------------------------------------------------------------------------------------------

  @Override
  public CompletionStage<Void> save(Recording recording) {
    requireNonNull(recording, "recording");
    return run(() -> {
      Tuple row = recordingTuple(recording);
      Object[] metadata = metadataParams(recording);
      Object[] formats = formatsParams(recording);
      return pool.withTransaction(conn -> conn.preparedQuery(UPSERT_RECORDING).execute(row).compose(inserted -> {
        long id = inserted.iterator().next().getLong("id");
        Future<RowSet<Row>> metadataWritten = conn.preparedQuery(REPLACE_METADATA).execute(withId(id, metadata));
        Future<RowSet<Row>> formatsWritten = conn.preparedQuery(REPLACE_FORMATS).execute(withId(id, formats));
        return Future.all(metadataWritten, formatsWritten).<Void>mapEmpty();
      }));
    });
  }

  @Override
  public CompletionStage<Optional<Recording>> update(String recordId, UnaryOperator<Recording> change) {
    requireNonNull(recordId, "recordId");
    requireNonNull(change, "change");
    return run(() -> pool.withTransaction(conn -> conn.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(recordId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<Recording>empty());
          }
          long id = rows.iterator().next().getLong("id");
          return load(conn, rows).compose(found -> {
            if (found.isEmpty()) {
              return Future.failedFuture(new IllegalStateException(
                  "recording " + recordId + " cannot be read (its stored row is incomplete)"));
            }
            Recording current = found.get(0);
            Recording next;
            Tuple row;
            Object[] metadata;
            Object[] formats;
            try {
              next = requireNonNull(change.apply(current), "change returned null");
              if (!next.recordId().equals(current.recordId())) {
                throw new IllegalArgumentException("change: turned record id " + current.recordId() + " into "
                    + next.recordId() + " (expected: the same id)");
              }
              row = recordingTuple(next);
              metadata = metadataParams(next);
              formats = formatsParams(next);
            } catch (RuntimeException e) {
              return Future.failedFuture(e);
            }
            List<Future<?>> writes = new ArrayList<>();
            if (!sameRow(current, next)) {
              writes.add(conn.preparedQuery(UPDATE_RECORDING).execute(withId(id, row)));
            }
            if (!current.metadata().equals(next.metadata())
                || !List.copyOf(current.metadata().keySet()).equals(List.copyOf(next.metadata().keySet()))) {
              writes.add(conn.preparedQuery(REPLACE_METADATA).execute(withId(id, metadata)));
            }
            if (!current.formats().equals(next.formats())) {
              writes.add(conn.preparedQuery(REPLACE_FORMATS).execute(withId(id, formats)));
            }
            return Future.all(writes).map(done -> Optional.of(next));
          });
        })));
  }

  @Override
  public CompletionStage<Boolean> remove(String recordId) {
    requireNonNull(recordId, "recordId");
    return run(() -> pool.withTransaction(conn -> conn.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(recordId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          long id = rows.iterator().next().getLong("id");
          return conn.preparedQuery(DELETE_RECORDING).execute(Tuple.of(id))
              .map(deleted -> deleted.iterator().next().getLong("removed") > 0);
        })));
  }

  @Override
  public CompletionStage<Boolean> updateMetadata(Collection<String> recordIds, Map<String, String> changes) {
    Set<String> ids = distinct(recordIds);
    requireNonNull(changes, "changes");
    List<String> removed = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    changes.forEach((key, value) -> {
      requireNonNull(key, "changes: a key");
      requireNonNull(value, "changes: a value");
      if (value.isEmpty()) {
        removed.add(key);
      } else {
        keys.add(key);
        values.add(value);
      }
    });
    if (ids.isEmpty() || changes.isEmpty()) {
      return CompletableFuture.completedStage(false);
    }
    return run(() -> pool.withTransaction(conn -> conn.preparedQuery(LOCK_RECORDINGS)
        .execute(Tuple.tuple().addValue(ids.toArray(String[]::new)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          List<Long> recordingIds = new ArrayList<>(rows.size());
          rows.forEach(row -> recordingIds.add(row.getLong("id")));
          Long[] idArray = recordingIds.toArray(Long[]::new);
          Future<Integer> deleted = removed.isEmpty() ? Future.succeededFuture(0)
              : conn.preparedQuery(DELETE_METADATA_KEYS)
                  .execute(Tuple.tuple().addValue(idArray).addValue(removed.toArray(String[]::new)))
                  .map(RowSet::rowCount);
          Future<Integer> upserted = keys.isEmpty() ? Future.succeededFuture(0)
              : conn.preparedQuery(UPSERT_METADATA_KEYS)
                  .execute(Tuple.tuple().addValue(idArray).addValue(keys.toArray(String[]::new))
                      .addValue(values.toArray(String[]::new)))
                  .map(RowSet::rowCount);
          return Future.all(deleted, upserted).map(both -> deleted.result() + upserted.result() > 0);
        })));
  }

  // --- SQL for a query -----------------------------------------------------------------------------------------------

  /** A WHERE clause over {@code recordings r}, or a whole statement, and its parameters ($1…). */
  record Where(String sql, List<@Nullable Object> params) {
    Tuple tuple() {
      Tuple tuple = Tuple.tuple();
      params.forEach(tuple::addValue);
      return tuple;
    }
  }

  /** The statement reading a page of matches of {@code query}, whose conditions are {@code where}. */
  static Where page(RecordingQuery query, Where where) {
    List<@Nullable Object> params = new ArrayList<>(where.params());
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM recordings r WHERE ")
        .append(where.sql()).append(ORDER);
    if (query.offset() > 0) {
      params.add((long) query.offset());
      sql.append(" OFFSET $").append(params.size());
    }
    if (query.limit().isPresent()) {
      params.add((long) query.limit().get());
      sql.append(" LIMIT $").append(params.size());
    }
    return new Where(sql.toString(), params);
  }

  /** The statement counting the matches of {@code where}. */
  static Where count(Where where) {
    return new Where("SELECT count(*) AS total FROM recordings r WHERE " + where.sql(), where.params());
  }

  /** The conditions of {@link RecordingQuery#matches}, in SQL (offset and limit aside). */
  static Where where(RecordingQuery query) {
    List<@Nullable Object> params = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    // A row without a record id cannot be a Recording; Scalelite validates its presence anyway.
    conditions.add("r.record_id <> ''");
    if (!query.meetingIds().isEmpty()) {
      Set<String> meetingIds = new LinkedHashSet<>(query.meetingIds());
      params.add(meetingIds.toArray(String[]::new));
      conditions.add(orEmpty("r.meeting_id", meetingIds) + " = ANY($" + params.size() + "::varchar[])");
    }
    if (!query.recordIdPrefixes().isEmpty()) {
      List<String> likes = new ArrayList<>();
      for (String prefix : new LinkedHashSet<>(query.recordIdPrefixes())) {
        params.add(escapeLike(prefix) + "%");
        likes.add("r.record_id LIKE $" + params.size() + " ESCAPE '|'");
      }
      conditions.add("(" + String.join(" OR ", likes) + ")");
    }
    if (!query.states().isEmpty()) {
      params.add(query.states().toArray(String[]::new));
      conditions.add(orEmpty("r.state", query.states()) + " = ANY($" + params.size() + "::varchar[])");
    }
    if (query.tenantId().isPresent()) {
      String tenantId = query.tenantId().get();
      if (tenantId.isEmpty()) {
        // Recording.tenantId() is "" without a tenant-id entry, or with an empty one.
        conditions.add("NOT EXISTS (SELECT 1 FROM metadata m WHERE m.recording_id = r.id AND m.key = 'tenant-id' "
            + "AND m.value <> '')");
      } else {
        params.add(tenantId);
        conditions.add("EXISTS (SELECT 1 FROM metadata m WHERE m.recording_id = r.id AND m.key = 'tenant-id' "
            + "AND m.value = $" + params.size() + ")");
      }
    }
    if (!query.metadata().isEmpty()) {
      List<String> anyOf = new ArrayList<>();
      query.metadata().forEach((key, values) -> {
        if (values.isEmpty()) {
          return;
        }
        params.add(key);
        int keyParam = params.size();
        params.add(values.toArray(String[]::new));
        anyOf.add("(m.key = $" + keyParam + " AND " + orEmpty("m.value", values) + " = ANY($" + params.size()
            + "::varchar[]))");
      });
      conditions.add(anyOf.isEmpty() ? "FALSE"
          : "EXISTS (SELECT 1 FROM metadata m WHERE m.recording_id = r.id AND (" + String.join(" OR ", anyOf) + "))");
    }
    return new Where(String.join(" AND ", conditions), params);
  }

  /** The column, or {@code COALESCE(column, '')} when the wanted values include "" (a NULL reads as ""). */
  private static String orEmpty(String column, Collection<String> values) {
    return values.contains("") ? "COALESCE(" + column + ", '')" : column;
  }

  /** {@code prefix} as a literal LIKE pattern with Scalelite's escape character {@code |}. */
  static String escapeLike(String prefix) {
    StringBuilder escaped = new StringBuilder(prefix.length() + 8);
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '|' || c == '%' || c == '_') {
        escaped.append('|');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  // --- rows to recordings --------------------------------------------------------------------------------------------

  /** The recordings of {@code rows} (in their order) with their metadata, formats and thumbnails, in two queries. */
  private static Future<List<Recording>> load(SqlConnection conn, RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Future.succeededFuture(List.of());
    }
    List<Row> recordingRows = new ArrayList<>(rows.size());
    Long[] ids = new Long[rows.size()];
    int i = 0;
    for (Row row : rows) {
      recordingRows.add(row);
      ids[i++] = row.getLong("id");
    }
    Future<RowSet<Row>> metadata = conn.preparedQuery(SELECT_METADATA).execute(Tuple.tuple().addValue(ids));
    Future<RowSet<Row>> formats = conn.preparedQuery(SELECT_FORMATS).execute(Tuple.tuple().addValue(ids));
    return Future.all(metadata, formats).map(both -> {
      Map<Long, Map<String, String>> metadataById = new HashMap<>();
      for (Row row : metadata.result()) {
        metadataById.computeIfAbsent(row.getLong("recording_id"), id -> new LinkedHashMap<>())
            .putIfAbsent(row.getString("key"), orEmpty(row.getString("value")));
      }
      Map<Long, List<PlaybackFormat>> formatsById = formats(formats.result());
      List<Recording> recordings = new ArrayList<>(recordingRows.size());
      for (Row row : recordingRows) {
        String recordId = row.getString("record_id");
        if (recordId == null || recordId.isBlank()) {
          continue;
        }
        long id = row.getLong("id");
        Integer participants = row.getInteger("participants");
        recordings.add(new Recording(recordId, orEmpty(row.getString("meeting_id")), orEmpty(row.getString("name")),
            isTrue(row.getBoolean("published")), isTrue(row.getBoolean("protected")),
            Optional.ofNullable(row.getString("state")), millis(row.getLocalDateTime("starttime")),
            millis(row.getLocalDateTime("endtime")),
            participants == null ? OptionalInt.empty() : OptionalInt.of(participants),
            metadataById.getOrDefault(id, Map.of()), formatsById.getOrDefault(id, List.of()),
            isTrue(row.getBoolean("publish_updated"))));
      }
      return recordings;
    });
  }

  /** Rows of playback_formats LEFT JOIN thumbnails, ordered by recording, format, sequence: formats per recording. */
  private static Map<Long, List<PlaybackFormat>> formats(RowSet<Row> rows) {
    Map<Long, List<PlaybackFormat>> byRecording = new HashMap<>();
    long formatId = Long.MIN_VALUE;
    Row formatRow = null;
    List<Thumbnail> thumbnails = new ArrayList<>();
    for (Row row : rows) {
      long id = row.getLong("id");
      if (formatRow != null && id != formatId) {
        addFormat(byRecording, formatRow, thumbnails);
        thumbnails = new ArrayList<>();
      }
      formatId = id;
      formatRow = row;
      if (row.getLong("thumbnail_id") != null) {
        Integer sequence = row.getInteger("sequence");
        thumbnails.add(new Thumbnail(orEmpty(row.getString("thumbnail_url")), text(row.getInteger("width")),
            text(row.getInteger("height")), orEmpty(row.getString("alt")),
            sequence == null ? thumbnails.size() : sequence));
      }
    }
    if (formatRow != null) {
      addFormat(byRecording, formatRow, thumbnails);
    }
    return byRecording;
  }

  private static void addFormat(Map<Long, List<PlaybackFormat>> byRecording, Row row, List<Thumbnail> thumbnails) {
    List<PlaybackFormat> formats = byRecording.computeIfAbsent(row.getLong("recording_id"), id -> new ArrayList<>());
    String name = row.getString("format");
    // Scalelite's unique index makes (recording_id, format) unique; a duplicate could only come from a damaged table.
    if (formats.stream().noneMatch(format -> format.format().equals(name))) {
      Integer length = row.getInteger("length");
      Integer processingTime = row.getInteger("processing_time");
      formats.add(new PlaybackFormat(name, orEmpty(row.getString("url")),
          length == null ? OptionalInt.empty() : OptionalInt.of(length),
          processingTime == null ? OptionalLong.empty() : OptionalLong.of(processingTime), thumbnails));
    }
  }

  // --- recordings to parameters --------------------------------------------------------------------------------------

  /** $1..$10 of {@link #UPSERT_RECORDING}. */
  private static Tuple recordingTuple(Recording r) {
    return Tuple.tuple()
        .addValue(r.recordId())
        .addValue(r.meetingId())
        .addValue(r.name())
        .addValue(r.published())
        .addValue(r.participants().isPresent() ? r.participants().getAsInt() : null)
        .addValue(r.state().orElse(null))
        .addValue(timestamp(r.startTimeMillis()))
        .addValue(timestamp(r.endTimeMillis()))
        .addValue(r.protectedRecording())
        .addValue(r.publishUpdated());
  }

  /** The recording's id, then {@code row} without its first value: $1..$10 of {@link #UPDATE_RECORDING}. */
  private static Tuple withId(long id, Tuple row) {
    Tuple tuple = Tuple.tuple().addValue(id);
    for (int i = 1; i < row.size(); i++) {
      tuple.addValue(row.getValue(i));
    }
    return tuple;
  }

  /** The recording's id, then {@code params}. */
  private static Tuple withId(long id, Object[] params) {
    Tuple tuple = Tuple.tuple().addValue(id);
    for (Object param : params) {
      tuple.addValue(param);
    }
    return tuple;
  }

  /** $2..$3 of {@link #REPLACE_METADATA}: the keys and the values, in the map's order. */
  private static Object[] metadataParams(Recording r) {
    List<String> keys = new ArrayList<>(r.metadata().size());
    List<String> values = new ArrayList<>(r.metadata().size());
    r.metadata().forEach((key, value) -> {
      keys.add(key);
      values.add(value);
    });
    return new Object[] {keys.toArray(String[]::new), values.toArray(String[]::new)};
  }

  /** $2..$11 of {@link #REPLACE_FORMATS}. */
  private static Object[] formatsParams(Recording r) {
    int count = r.formats().size();
    String[] names = new String[count];
    String[] urls = new String[count];
    Integer[] lengths = new Integer[count];
    Integer[] processingTimes = new Integer[count];
    List<String> thumbnailFormats = new ArrayList<>();
    List<@Nullable Integer> widths = new ArrayList<>();
    List<@Nullable Integer> heights = new ArrayList<>();
    List<String> alts = new ArrayList<>();
    List<String> thumbnailUrls = new ArrayList<>();
    List<Integer> sequences = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < count; i++) {
      PlaybackFormat format = r.formats().get(i);
      if (!seen.add(format.format())) {
        throw new IllegalArgumentException("recording " + r.recordId() + ": format " + format.format()
            + " twice (expected: one entry per format, as Scalelite's playback_formats index requires)");
      }
      names[i] = format.format();
      urls[i] = format.url();
      lengths[i] = format.lengthMinutes().isPresent() ? format.lengthMinutes().getAsInt() : null;
      processingTimes[i] = format.processingTimeMillis().isPresent()
          ? (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, format.processingTimeMillis().getAsLong()))
          : null;
      for (Thumbnail thumbnail : format.thumbnails()) {
        thumbnailFormats.add(format.format());
        widths.add(integer(thumbnail.width()));
        heights.add(integer(thumbnail.height()));
        alts.add(thumbnail.alt());
        thumbnailUrls.add(thumbnail.url());
        sequences.add(thumbnail.sequence());
      }
    }
    return new Object[] {names, urls, lengths, processingTimes, thumbnailFormats.toArray(String[]::new),
        widths.toArray(Integer[]::new), heights.toArray(Integer[]::new), alts.toArray(String[]::new),
        thumbnailUrls.toArray(String[]::new), sequences.toArray(Integer[]::new)};
  }

  /** Whether the recordings row (the scalar fields) is the same. */
  private static boolean sameRow(Recording a, Recording b) {
    return a.meetingId().equals(b.meetingId()) && a.name().equals(b.name()) && a.published() == b.published()
        && a.protectedRecording() == b.protectedRecording() && a.state().equals(b.state())
        && a.startTimeMillis() == b.startTimeMillis() && a.endTimeMillis() == b.endTimeMillis()
        && a.participants().equals(b.participants()) && a.publishUpdated() == b.publishUpdated();
  }

  // --- conversions ---------------------------------------------------------------------------------------------------

  /** UTC wall-clock time, as Rails stores {@code datetime}; 0 (unknown) is NULL. */
  static @Nullable LocalDateTime timestamp(long millis) {
    if (millis == 0) {
      return null;
    }
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000,
        ZoneOffset.UTC);
  }

  static long millis(@Nullable LocalDateTime timestamp) {
    if (timestamp == null) {
      return 0;
    }
    return timestamp.toEpochSecond(ZoneOffset.UTC) * 1000L + timestamp.getNano() / 1_000_000;
  }

  private static @Nullable Integer integer(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(trimmed);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(@Nullable Integer value) {
    return value == null ? "" : value.toString();
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static boolean isTrue(@Nullable Boolean value) {
    return value != null && value;
  }

  private static Set<String> distinct(Collection<String> recordIds) {
    requireNonNull(recordIds, "recordIds");
    Set<String> ids = new LinkedHashSet<>();
    for (String recordId : recordIds) {
      ids.add(requireNonNull(recordId, "recordIds: an element"));
    }
    return ids;
  }

  // --- plumbing ------------------------------------------------------------------------------------------------------

  /**
   * {@code work} in a read-only REPEATABLE READ transaction: every statement of one call sees the same snapshot. The
   * isolation level is set pipelined with the first statement.
   */
  private <T> Future<T> read(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(conn -> {
      Future<RowSet<Row>> isolation =
          conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute();
      Future<T> result;
      try {
        result = work.apply(conn);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      Future<T> done = result;
      return isolation.compose(ignored -> done);
    });
  }

  /** The stage of {@code work}; a parameter that cannot be sent fails the stage rather than throwing. */
  private static <T> CompletionStage<T> run(Supplier<Future<T>> work) {
    try {
      return work.get().toCompletionStage();
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }
}
