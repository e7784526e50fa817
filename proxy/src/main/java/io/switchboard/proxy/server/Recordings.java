package io.switchboard.proxy.server;

import io.switchboard.conf.ChecksumAlgorithm;
import io.switchboard.conf.RecordingsConfig;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.metrics.SwitchboardMetrics;
import io.switchboard.recordings.api.RecordingsApi;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.importer.RecordingImporter;
import io.switchboard.recordings.importer.RecordingReadyListener;
import io.switchboard.recordings.notify.RecordingReadyNotifier;
import io.switchboard.recordings.serving.RecordingsServing;
import io.switchboard.recordings.tenants.TenantLookup;
import io.switchboard.routing.jwt.HmacJwt;
import io.switchboard.storage.Stores;
import io.switchboard.storage.recordings.Recording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings side of a running Switchboard: the index rebuilt from the recording trees (the global ones and the
 * tenants' own), the importer (spool or shared volume) with the recording-ready notifier, the recordings API, and the
 * file serving with the bounded pool its blocking file-system calls run on. When recordings are disabled only the API remains, answering as Scalelite does
 * with RECORDING_DISABLED.
 */
final class Recordings implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Recordings.class);
  private static final int BLOCKING_THREADS = 16;
  private static final int BLOCKING_QUEUE = 4096;
  private static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CALLBACK_RETRY_PAUSE = Duration.ofSeconds(5);
  private static final String IMPORTER_LEASE = "importer";

  private final ExecutorService blocking;
  private final RecordingsApi api;
  private final @Nullable RecordingsServing serving;
  private final @Nullable RecordingImporter importer;
  /** Frees the importer lease if this instance holds it; run once the importer has stopped. */
  private final Runnable releaseImporterLease;

  private Recordings(ExecutorService blocking, RecordingsApi api, @Nullable RecordingsServing serving,
      @Nullable RecordingImporter importer, Runnable releaseImporterLease) {
    this.blocking = blocking;
    this.api = api;
    this.serving = serving;
    this.importer = importer;
    this.releaseImporterLease = releaseImporterLease;
  }

  /** Builds the recordings side; with recordings enabled, indexes the trees (blocking the caller) and starts importing. */
  static Recordings start(SwitchboardConfig config, Stores stores, boolean tls, Clock clock,
      SwitchboardMetrics metrics) {
    RecordingsConfig recordings = config.recordings();
    ExecutorService blocking = blockingPool();
    TenantLookup tenants = new TenantLookup(stores.tenants());
    if (config.tenants().enabled()) {
      metrics.cache("recording-tenants", tenants::stats);
    }
    RecordingFiles files = new RecordingFiles(recordings, config.tenants(), tenants);
    RecordingsApi api = new RecordingsApi(recordings, stores.recordings(), stores.recordingTokens(), files, clock,
        blocking);
    if (!recordings.enabled()) {
      return new Recordings(blocking, api, null, null, () -> { });
    }
    RecordingReadyNotifier notifier = new RecordingReadyNotifier(stores.callbacks(), stores.tenants(), config.api().secrets(),
        callbackAlgorithm(config), HttpClient.newBuilder().connectTimeout(config.upstream().connectTimeout()).build(),
        CALLBACK_TIMEOUT, CALLBACK_RETRY_PAUSE);
    String instance = Instances.newName();
    Duration leaseTtl = config.redis().leaseTtl();
    RecordingReadyListener counted = new RecordingReadyListener() {
      @Override
      public void recordingImported(Recording recording) {
        metrics.recordingImported();
        notifier.recordingImported(recording);
      }

      @Override
      public void importFailed(String reason) {
        metrics.recordingImportFailed();
      }
    };
    RecordingImporter importer = new RecordingImporter(recordings, stores.recordings(), files, counted, clock,
        () -> holdsImporterLease(stores, instance, leaseTtl));
    try {
      if (config.database().configured()) {
        // A shared index (PostgreSQL, maybe Scalelite's own database) is the truth and outlives this instance; a
        // rebuild from this instance's trees would drop every recording its volume does not hold.
        log.info("recordings index in PostgreSQL: not rebuilt from {}", recordings.publishDir());
      } else {
        long started = System.nanoTime();
        importer.blockingRebuildIndex();
        log.info("indexed the recordings under {} in {} ms", files.allTrees(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      }
      importer.start();
    } catch (IOException | UncheckedIOException unusable) {
      // The API must keep working when the recordings volume is missing; recordings then simply stay unavailable.
      log.error("recordings are not imported: {}", unusable.getMessage());
    }
    return new Recordings(blocking, api,
        new RecordingsServing(recordings, config.tenants(), stores.recordings(), stores.recordingTokens(), files,
            tenants, blocking, tls, clock, metrics::recordingServed),
        importer, () -> releaseImporterLease(stores, instance, leaseTtl));
  }

  /** Lets another instance import at once rather than after the lease expires, as the poller does on close. */
  private static void releaseImporterLease(Stores stores, String instance, Duration leaseTtl) {
    try {
      stores.leases().release(IMPORTER_LEASE, instance).toCompletableFuture()
          .get(leaseTtl.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException unavailable) {
      log.warn("importer lease not released (it expires by itself): {}", unavailable.toString());
    }
  }

  /** One instance imports from a shared spool at a time: the holder of the importer lease (renewed every pass). */
  private static boolean holdsImporterLease(Stores stores, String instance, Duration leaseTtl) {
    try {
      return stores.leases().tryAcquire(IMPORTER_LEASE, instance, leaseTtl).toCompletableFuture()
          .get(leaseTtl.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException unavailable) {
      log.warn("importer lease unavailable: {}", unavailable.toString());
      return false;
    }
  }

  RecordingsApi api() {
    return api;
  }

  /** The bounded pool for blocking file-system calls, e.g. the readiness look at the recordings volume. */
  Executor blocking() {
    return blocking;
  }

  /** The file serving, or null when recordings are disabled. */
  @Nullable RecordingsServing serving() {
    return serving;
  }

  /** Scalelite signs recording-ready tokens HS256 when SHA-256 is accepted, else HS512 when SHA-512 is (§11.3). */
  private static HmacJwt.Algorithm callbackAlgorithm(SwitchboardConfig config) {
    var accepted = config.api().acceptedAlgorithms();
    if (!accepted.contains(ChecksumAlgorithm.SHA256) && accepted.contains(ChecksumAlgorithm.SHA512)) {
      return HmacJwt.Algorithm.HS512;
    }
    return HmacJwt.Algorithm.HS256;
  }

  private static ExecutorService blockingPool() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(BLOCKING_THREADS, BLOCKING_THREADS, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(BLOCKING_QUEUE), task -> {
          Thread thread = new Thread(task, "switchboard-blocking-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  @Override
  public void close() {
    if (importer != null) {
      importer.close();
      releaseImporterLease.run();
    }
    blocking.shutdown();
  }
}
