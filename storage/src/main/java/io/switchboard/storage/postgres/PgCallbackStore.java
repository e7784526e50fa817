package io.switchboard.storage.postgres;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.CallbackStore;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CallbackStore} on Scalelite's {@code callback_data} (spec §8, §11.3). Scalelite validates one row per
 * meetingID in the application but has no unique index, so a database may hold several: Switchboard reads and
 * updates the newest one (highest id) and inserts only when there is none, with {@code created_at}/{@code updated_at}
 * in UTC as Rails writes them. Writers on any Switchboard instance serialise per meetingID on a transaction-scoped
 * advisory lock, so two instances never insert the same meetingID twice. {@code callback_attributes} is read and
 * written in Scalelite's YAML form ({@link CallbackAttributes}), as Scalelite's create handlers change it: the
 * analytics URL replaces the whole hash ({@code {analytics_callback_url: url}}), the recording-ready URL is merged in,
 * so an {@code :analytics_callback_url:} stored before it (by either) is kept. {@code recording_id} (set by
 * Scalelite's importer) is left alone.
 */
final class PgCallbackStore implements CallbackStore {
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
  private static final String LATEST_FOR_UPDATE = """
      SELECT id, callback_attributes FROM callback_data WHERE meeting_id = $1 ORDER BY id DESC LIMIT 1 FOR UPDATE""";
  static final String LATEST = """
      SELECT callback_attributes FROM callback_data WHERE meeting_id = $1 ORDER BY id DESC LIMIT 1""";
  private static final String UPDATE = """
      UPDATE callback_data SET callback_attributes = $2, updated_at = timezone('UTC', now()) WHERE id = $1""";
  private static final String INSERT = """
      INSERT INTO callback_data (meeting_id, callback_attributes, created_at, updated_at)
      VALUES ($1, $2, timezone('UTC', now()), timezone('UTC', now()))""";

  private final Pool pool;

  PgCallbackStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public CompletionStage<Void> putRecordingReadyUrl(String meetingId, String url) {
    requireNonNull(meetingId, "meetingId");
    requireNonNull(url, "url");
    return write(meetingId, stored -> stored == null ? CallbackAttributes.ofRecordingReadyUrl(url)
        : CallbackAttributes.withRecordingReadyUrl(stored, url));
  }

  @Override
  public CompletionStage<Void> putAnalyticsCallbackUrl(String meetingId, String url) {
    requireNonNull(meetingId, "meetingId");
    requireNonNull(url, "url");
    String attributes = CallbackAttributes.ofAnalyticsCallbackUrl(url);
    return write(meetingId, stored -> attributes);
  }

  @Override
  public CompletionStage<Optional<String>> analyticsCallbackUrl(String meetingId) {
    return latest(meetingId, CallbackAttributes.ANALYTICS_CALLBACK_URL);
  }

  /**
   * Replaces the attributes of the meeting's newest row by what {@code change} makes of them (null: no row yet, one is
   * inserted), under the meetingID's advisory lock.
   */
  private CompletionStage<Void> write(String meetingId, Function<@Nullable String, String> change) {
    try {
      return pool.withTransaction(conn -> conn.preparedQuery(LOCK)
              .execute(Tuple.of("switchboard.callback_data:" + meetingId))
              .compose(locked -> conn.preparedQuery(LATEST_FOR_UPDATE).execute(Tuple.of(meetingId)))
              .compose(rows -> {
                if (rows.size() == 0) {
                  return conn.preparedQuery(INSERT).execute(Tuple.of(meetingId, change.apply(null)));
                }
                Row row = rows.iterator().next();
                String attributes = change.apply(row.getString("callback_attributes"));
                return conn.preparedQuery(UPDATE).execute(Tuple.of(row.getLong("id"), attributes));
              })
              .<Void>mapEmpty())
          .toCompletionStage();
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }

  @Override
  public CompletionStage<Optional<String>> recordingReadyUrl(String meetingId) {
    return latest(meetingId, CallbackAttributes.RECORDING_READY_URL);
  }

  /** The value of {@code key} in the attributes of the meeting's newest row. */
  private CompletionStage<Optional<String>> latest(String meetingId, String key) {
    requireNonNull(meetingId, "meetingId");
    try {
      return pool.preparedQuery(LATEST).execute(Tuple.of(meetingId))
          .map(rows -> rows.size() == 0 ? Optional.<String>empty()
              : CallbackAttributes.get(rows.iterator().next().getString("callback_attributes"), key))
          .toCompletionStage();
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }
}
