package io.switchboard.storage.postgres;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.DatabaseConfig;
import io.switchboard.storage.CallbackStore;
import io.switchboard.storage.recordings.RecordingStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings index and the recording-ready URLs in a PostgreSQL database laid out as Scalelite's (spec §8), so a
 * Scalelite database is served as it is and Scalelite can keep using a database Switchboard created.
 *
 * <p>{@link #open} connects a Vert.x {@code Pool} (on a Vert.x instance of its own) and sets up the schema
 * ({@link PostgresSchema}): on an empty database it creates Scalelite's tables, {@code schema_migrations} and
 * {@code ar_internal_metadata} exactly as Scalelite's {@code rake db:schema:load} would; on a Scalelite database it
 * changes none of Scalelite's objects. Either way it adds Switchboard's own {@code switchboard_*} indexes if missing.
 * {@code open} blocks while it does this — call it at startup, never on an event loop. Afterwards every call of
 * {@link #recordings()} and {@link #callbacks()} is asynchronous and never blocks; their stages complete on this
 * instance's Vert.x event-loop threads.
 */
public final class PostgresRecordings implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresRecordings.class);
  /** How long {@link #open} waits for the schema setup (which may build an index on a large table). */
  private static final long SETUP_TIMEOUT_SECONDS = 600;
  private static final long CLOSE_TIMEOUT_SECONDS = 10;

  private final PostgresSettings settings;
  private final Vertx vertx;
  private final Pool pool;
  private final PgRecordingStore recordings;
  private final PgCallbackStore callbacks;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PostgresRecordings(PostgresSettings settings, Vertx vertx, Pool pool) {
    this.settings = settings;
    this.vertx = vertx;
    this.pool = pool;
    this.recordings = new PgRecordingStore(pool);
    this.callbacks = new PgCallbackStore(pool);
  }

  /**
   * Connects to the database of {@code settings} and sets up its schema, blocking until done.
   *
   * @throws IllegalStateException when the database cannot be reached or is not one Switchboard can use (the message
   *     says why and names the URL with its password hidden)
   */
  public static PostgresRecordings open(PostgresSettings settings) {
    requireNonNull(settings, "settings");
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("PostgresRecordings.open blocks: call it at startup, not on an event loop");
    }
    int threads = Math.max(1, Math.min(settings.poolSize(), Runtime.getRuntime().availableProcessors()));
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(threads)
        .setFileSystemOptions(
            new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    Pool pool;
    try {
      pool = PgBuilder.pool()
          .with(new PoolOptions()
              .setMaxSize(settings.poolSize())
              .setEventLoopSize(threads)
              .setConnectionTimeout(30)
              .setConnectionTimeoutUnit(TimeUnit.SECONDS)
              .setName("switchboard-postgres-" + System.identityHashCode(settings)))
          .with(new NetClientOptions().setConnectTimeout(settings.connectTimeoutMillis()))
          .connectingTo(settings.connectOptions())
          .using(vertx)
          .build();
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    PostgresRecordings opened = new PostgresRecordings(settings, vertx, pool);
    try {
      PostgresSchema.Setup setup = PostgresSchema.setUp(vertx, pool).toCompletionStage().toCompletableFuture()
          .get(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (setup.created()) {
        log.info("PostgreSQL {}: created Scalelite's schema (version {}) and Switchboard's indexes {}",
            settings.redacted(), PostgresSchema.SCALELITE_VERSION, setup.indexesCreated());
      } else {
        log.info("PostgreSQL {}: using the Scalelite schema at version {}{}", settings.redacted(),
            setup.scaleliteVersion().orElse("?"),
            setup.indexesCreated().isEmpty() ? "" : "; created Switchboard's indexes " + setup.indexesCreated());
      }
      return opened;
    } catch (ExecutionException e) {
      opened.close();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("PostgreSQL " + settings.redacted() + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      opened.close();
      throw new IllegalStateException("PostgreSQL " + settings.redacted() + ": the schema setup took longer than "
          + SETUP_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      opened.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("PostgreSQL " + settings.redacted() + ": interrupted while opening", e);
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /**
   * Connects to the database Switchboard's configuration names ({@code switchboard.database}, or Scalelite's
   * DATABASE_URL) and sets up its schema, blocking until done; see {@link #open(PostgresSettings)}.
   *
   * @throws IllegalArgumentException when the configuration names no database
   * @throws IllegalStateException when the database cannot be reached or used
   */
  public static PostgresRecordings open(DatabaseConfig config) {
    return open(PostgresSettings.from(config));
  }

  /** The recordings index on {@code recordings}, {@code metadata}, {@code playback_formats}, {@code thumbnails}. */
  public RecordingStore recordings() {
    return recordings;
  }

  /** The recording-ready URLs on {@code callback_data}. */
  public CallbackStore callbacks() {
    return callbacks;
  }

  /** {@code SELECT 1} on a pooled connection; fails naming the database (password hidden) and the reason. */
  public CompletionStage<Void> check() {
    CompletionStage<?> selected;
    try {
      selected = pool.query("SELECT 1").execute().toCompletionStage();
    } catch (RuntimeException closed) {
      selected = CompletableFuture.failedStage(closed);
    }
    return selected.<Void>handle((rows, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        throw new CompletionException(new IllegalStateException("PostgreSQL " + settings.redacted() + ": "
            + cause.getMessage(), cause));
      }
      return null;
    });
  }

  public PostgresSettings settings() {
    return settings;
  }

  /** Closes the pool and the Vert.x instance, waiting up to 10 s; later calls on the stores fail. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      pool.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("PostgreSQL {}: closing the pool failed: {}", settings.redacted(), e.toString());
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.warn("PostgreSQL {}: closing Vert.x failed: {}", settings.redacted(), e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "PostgresRecordings[" + settings.redacted() + "]";
  }
}
