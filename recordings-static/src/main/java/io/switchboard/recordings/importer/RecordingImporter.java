package io.switchboard.recordings.importer;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.ImportMode;
import io.switchboard.conf.RecordingsConfig;
import io.switchboard.recordings.files.Placement;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.files.RecordingTrees;
import io.switchboard.recordings.metadata.InvalidMetadataException;
import io.switchboard.recordings.metadata.MetadataXml;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings recordings from BBB servers into the trees and the index (spec §9.6, §9.7, §14.2, §14.3). In spool mode it
 * imports the {@code <recordId>.tar} files BBB's post-publish script drops into the spool directory: extracted safely
 * into the work directory, every configured {@code <format>/<recordId>/metadata.xml} parsed, merged into the index
 * and its directory moved into the published or unpublished tree (its tenant's own trees when the tenant has a
 * recordings directory, else the global ones), the tarball deleted and the listener told. A
 * tarball that cannot be imported is moved to the failed directory with a {@code .reason} file and never retried
 * (unlike Scalelite, issue #642). A watch service and a full scan every poll interval find new tarballs; a lock file
 * keeps other importers, in this process or another, off the same spool while one works. In shared-volume mode BBB
 * writes straight into the published trees and the importer only indexes what appears, changes or vanishes there.
 * Everything runs on one daemon thread, {@code switchboard-importer}; the {@code blocking*} methods may also be
 * called directly, never on an event loop.
 */
public final class RecordingImporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingImporter.class);
  /** A tarball modified this recently may still be being written by something other than rsync; wait for it. */
  private static final Duration QUIET_PERIOD = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final String TARBALL_SUFFIX = ".tar";

  private final RecordingsConfig config;
  private final RecordingStore store;
  private final RecordingFiles files;
  private final RecordingReadyListener listener;
  private final Clock clock;
  private final ImportTurn turn;
  private final TarExtractor extractor;
  private final TreeIndexer indexer;
  private final Object importing = new Object();
  /** Failed tarballs that could not be moved out of the spool: skipped, so that they are not retried forever. */
  private final Set<Path> unmovable = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean closed;
  // Both guarded by this.
  private @Nullable ExecutorService executor;
  private @Nullable WatchService watcher;

  public RecordingImporter(RecordingsConfig config, RecordingStore store, RecordingFiles files,
      RecordingReadyListener listener, Clock clock) {
    this(config, store, files, listener, clock, ImportTurn.ALWAYS);
  }

  /** An importer that imports from the spool only when {@code turn} says it is this instance's turn. */
  public RecordingImporter(RecordingsConfig config, RecordingStore store, RecordingFiles files,
      RecordingReadyListener listener, Clock clock, ImportTurn turn) {
    this.turn = requireNonNull(turn, "turn");
    this.config = requireNonNull(config, "config");
    this.store = requireNonNull(store, "store");
    this.files = requireNonNull(files, "files");
    this.listener = requireNonNull(listener, "listener");
    this.clock = requireNonNull(clock, "clock");
    this.extractor = new TarExtractor(config.importLimits());
    this.indexer = new TreeIndexer(files.allTrees(), config.playbackFormats(), store, config.protection().enabled());
  }

  /**
   * Starts watching the spool (spool mode, creating the spool, work, failed and tree directories that are missing) or
   * the published and unpublished trees (shared-volume mode, which may be mounted read-only and creates nothing) on
   * the importer thread; does nothing when recordings are disabled.
   *
   * @throws IllegalStateException when already started or closed
   * @throws UncheckedIOException when a directory cannot be created
   */
  public synchronized void start() {
    if (executor != null || closed) {
      throw new IllegalStateException("importer: already started or closed");
    }
    if (!config.enabled()) {
      LOG.info("recordings are disabled: the importer does not run");
      return;
    }
    ExecutorService single = Executors.newSingleThreadExecutor(task -> {
      Thread importer = new Thread(task, "switchboard-importer");
      importer.setDaemon(true);
      return importer;
    });
    try {
      if (config.importMode() == ImportMode.SPOOL) {
        Files.createDirectories(files.publishDir());
        Files.createDirectories(files.unpublishDir());
        Files.createDirectories(config.spoolDir());
        Files.createDirectories(config.workDir());
        Files.createDirectories(config.failedDir());
        watcher = spoolWatcher();
        WatchService events = watcher;
        single.execute(() -> watchSpool(events));
      } else {
        single.execute(this::watchTrees);
      }
    } catch (IOException e) {
      single.shutdownNow();
      throw new UncheckedIOException("importer: cannot create its directories: " + e.getMessage(), e);
    }
    executor = single;
    LOG.info("recording importer started in {} mode, polling every {}", config.importMode().wireName(),
        config.importPollInterval());
  }

  /**
   * Imports one tarball of {@code <format>/<recordId>/…} trees and returns what happened; never throws for a bad
   * tarball. Importing the same tarball again gives the same index and trees.
   */
  public ImportResult blockingImport(Path tarball) {
    requireNonNull(tarball, "tarball");
    synchronized (importing) {
      LOG.info("importing {}", tarball);
      Path extracted;
      try {
        extracted = extractor.blockingExtract(tarball, config.workDir());
      } catch (ArchiveRejectedException e) {
        return fail(tarball, "rejected tarball: " + e.getMessage());
      }
      try {
        return importExtracted(tarball, extracted);
      } catch (CompletionException e) {
        LOG.error("import of {} failed in the recording store; it stays in place for the next pass", tarball,
            e.getCause());
        return new ImportResult.Failed("the recording store failed: " + e.getCause(), tarball);
      } catch (IOException | RuntimeException e) {
        return fail(tarball, "import failed: " + e);
      } finally {
        FileTrees.deleteQuietly(extracted);
      }
    }
  }

  /**
   * Indexes every {@code <format>/<recordId>/metadata.xml} of the published trees (as published) and the unpublished
   * trees (as unpublished), the global ones and every tenant's own, and removes from the index the recordings no tree
   * holds any more.
   */
  public void blockingRebuildIndex() throws IOException {
    long started = System.nanoTime();
    int indexed;
    // An import between the rebuild's look at the trees and its clean-up of the index would be undone by it.
    synchronized (importing) {
      indexed = indexer.blockingRebuild();
    }
    LOG.info("indexed {} recordings from {} in {} ms", indexed, files.allTrees(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** Stops the importer thread, letting an import in progress finish (for up to 30 seconds). */
  @Override
  public void close() {
    ExecutorService running;
    WatchService events;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = executor;
      events = watcher;
    }
    closing.countDown();
    if (events != null) {
      try {
        events.close();
      } catch (IOException e) {
        LOG.warn("closing the spool watcher failed: {}", e.toString());
      }
    }
    if (running == null) {
      return;
    }
    running.shutdown();
    try {
      if (!running.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("the import in progress did not finish within {}; interrupting it", CLOSE_TIMEOUT);
        running.shutdownNow();
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The outcome of one look at the spool. */
  record SpoolPass(boolean lockedOut, int tarballs, boolean deferred) {}

  /**
   * Imports every complete {@code *.tar} of the spool, in name order, under the spool lock; does nothing when another
   * importer holds the lock. A tarball modified within the last second is left for the next pass ({@code deferred}).
   */
  SpoolPass blockingImportSpool() throws IOException {
    if (!turn.mine()) {
      LOG.debug("another instance imports from {}; skipping this pass", config.spoolDir());
      return new SpoolPass(true, 0, false);
    }
    Optional<SpoolLock> lock = SpoolLock.tryAcquire(config.spoolDir());
    if (lock.isEmpty()) {
      LOG.debug("another importer holds the lock on {}; skipping this pass", config.spoolDir());
      return new SpoolPass(true, 0, false);
    }
    try {
      List<Path> tarballs = tarballs();
      unmovable.retainAll(tarballs);
      int imported = 0;
      boolean deferred = false;
      for (Path tarball : tarballs) {
        if (closed) {
          break;
        }
        if (unmovable.contains(tarball)) {
          continue;
        }
        if (Files.getLastModifiedTime(tarball).toInstant().isAfter(clock.instant().minus(QUIET_PERIOD))) {
          deferred = true;
          continue;
        }
        blockingImport(tarball);
        imported++;
      }
      return new SpoolPass(false, imported, deferred);
    } finally {
      lock.get().close();
    }
  }

  private ImportResult importExtracted(Path tarball, Path extracted) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, Path>> byRecording = findMetadata(extracted, problems);
    if (byRecording.isEmpty()) {
      problems.add(0, "no <format>/<recordId>/metadata.xml of a configured playback format "
          + config.playbackFormats());
      return fail(tarball, String.join("; ", problems));
    }
    List<Recording> complete = new ArrayList<>();
    for (Map.Entry<String, Map<String, Path>> recording : byRecording.entrySet()) {
      importRecording(recording.getKey(), recording.getValue(), problems).ifPresent(complete::add);
    }
    for (Recording recording : complete) {
      try {
        listener.recordingImported(recording);
      } catch (RuntimeException e) {
        LOG.warn("the recording-ready listener failed for {}", recording.recordId(), e);
      }
    }
    if (!problems.isEmpty()) {
      return fail(tarball, String.join("; ", problems));
    }
    try {
      Files.deleteIfExists(tarball);
    } catch (IOException e) {
      LOG.warn("imported {} but could not delete it (the next pass imports it again): {}", tarball, e.toString());
    }
    return new ImportResult.Imported(complete);
  }

  /**
   * The {@code <format>/<recordId>} directories holding a metadata.xml, by record id and format, both in order;
   * formats that are not configured are skipped with a log line, bad record ids become problems.
   */
  private Map<String, Map<String, Path>> findMetadata(Path extracted, List<String> problems) throws IOException {
    Map<String, Map<String, Path>> byRecording = new TreeMap<>();
    for (Path formatDir : directories(extracted)) {
      String format = formatDir.getFileName().toString();
      if (!config.playbackFormats().contains(format)) {
        LOG.info("ignoring format directory '{}': not one of the playback formats {}", format,
            config.playbackFormats());
        continue;
      }
      for (Path recordingDir : directories(formatDir)) {
        String recordId = recordingDir.getFileName().toString();
        if (!Files.exists(recordingDir.resolve(MetadataFiles.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (!MetadataFiles.isRecordId(recordId)) {
          problems.add(format + "/" + recordId + ": not a record id (letters, digits and '-')");
          continue;
        }
        byRecording.computeIfAbsent(recordId, id -> new TreeMap<>()).put(format, recordingDir);
      }
    }
    return byRecording;
  }

  /**
   * Imports the formats of one recording: parses them, moves each into the tree its published status picks and saves
   * what was moved. Returns the saved recording when every format made it.
   */
  private Optional<Recording> importRecording(String recordId, Map<String, Path> formatDirs, List<String> problems) {
    Optional<Recording> stored = store.get(recordId).toCompletableFuture().join();
    Map<String, Recording> parsed = new TreeMap<>();
    for (Map.Entry<String, Path> format : formatDirs.entrySet()) {
      try {
        parsed.put(format.getKey(), MetadataFiles.blockingRead(
            format.getValue().resolve(MetadataFiles.FILE_NAME), format.getKey(), recordId));
      } catch (IOException | InvalidMetadataException e) {
        problems.add(format.getKey() + "/" + recordId + ": " + e.getMessage());
      }
    }
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    boolean xmlPublished = parsed.values().stream().allMatch(Recording::published);
    Recording planned = decide(stored, parsed.values(), xmlPublished);
    boolean published = planned.published();
    // The recording's tenant picks the trees: its own when it has a recordings directory (Scalelite #1182).
    Placement placement = files.placement(planned.tenantId()).toCompletableFuture().join();
    Path tree = placement.home().tree(published);
    List<Recording> installed = new ArrayList<>();
    for (Map.Entry<String, Recording> format : parsed.entrySet()) {
      Path target = tree.resolve(format.getKey()).resolve(recordId);
      try {
        files.blockingLocked(recordId, () -> FileTrees.install(formatDirs.get(format.getKey()), target,
            otherCopies(placement, format.getKey(), recordId, target)));
        installed.add(format.getValue());
      } catch (IOException e) {
        problems.add(format.getKey() + "/" + recordId + ": cannot move it to " + target + ": " + e);
      }
    }
    if (installed.isEmpty()) {
      return Optional.empty();
    }
    Recording saved = decide(stored, installed, xmlPublished);
    Set<String> installedFormats = installed.stream().map(recording -> recording.formats().get(0).format())
        .collect(Collectors.toSet());
    if (stored.isPresent() && stored.get().formats().stream().map(PlaybackFormat::format)
        .anyMatch(format -> !installedFormats.contains(format))) {
      try {
        // Formats imported earlier must follow the recording into the tree its status now picks.
        files.blockingPublish(placement, recordId, saved.published());
      } catch (IOException e) {
        problems.add(recordId + ": cannot move its earlier formats to the "
            + (saved.published() ? "published" : "unpublished") + " tree: " + e);
      }
    }
    store.save(saved).toCompletableFuture().join();
    LOG.info("imported recording {} ({}), {}", recordId, String.join(", ", installedFormats),
        saved.published() ? "published" : "unpublished");
    return installed.size() == formatDirs.size() ? Optional.of(saved) : Optional.empty();
  }

  /** Every place but {@code target} a copy of the format of the recording may be in, to be replaced by the import. */
  private static Path[] otherCopies(Placement placement, String format, String recordId, Path target) {
    List<Path> copies = new ArrayList<>();
    for (RecordingTrees trees : placement.trees()) {
      for (Path other : List.of(trees.publishDir(), trees.unpublishDir())) {
        Path copy = other.resolve(format).resolve(recordId);
        if (!copy.equals(target)) {
          copies.add(copy);
        }
      }
    }
    return copies.toArray(Path[]::new);
  }

  private Recording decide(Optional<Recording> stored, Iterable<Recording> formats, boolean xmlPublished) {
    Optional<Recording> merged = stored;
    for (Recording format : formats) {
      merged = Optional.of(MetadataXml.merge(merged, format));
    }
    return PublishRules.imported(stored, merged.orElseThrow(), xmlPublished, config.importUnpublished(),
        config.protection().enabled());
  }

  /** Moves the tarball to the failed directory with a {@code .reason} file beside it, so it is never retried. */
  private ImportResult fail(Path tarball, String reason) {
    LOG.warn("import of {} failed: {}", tarball, reason);
    if (!closed) {
      try {
        listener.importFailed(reason);
      } catch (RuntimeException e) {
        LOG.warn("the import listener failed for {}", tarball, e);
      }
    }
    if (closed) {
      // The failure may be the shutdown's interrupt; the next start looks at the tarball again.
      return new ImportResult.Failed(reason, tarball);
    }
    Path failedDir = config.failedDir();
    String name = tarball.getFileName().toString();
    Path target = failedDir.resolve(name);
    try {
      Files.createDirectories(failedDir);
      Files.writeString(failedDir.resolve(name + ".reason"), clock.instant() + " " + reason + "\n",
          StandardCharsets.UTF_8);
      Files.move(tarball, target, StandardCopyOption.REPLACE_EXISTING);
      return new ImportResult.Failed(reason, target);
    } catch (IOException e) {
      LOG.error("cannot move failed tarball {} to {}: {}; it is skipped until Switchboard restarts", tarball,
          failedDir, e.toString());
      unmovable.add(tarball);
      return new ImportResult.Failed(reason, tarball);
    }
  }

  /** The spool's {@code *.tar} files in name order; dotfiles (rsync's temporary names) are not tarballs yet. */
  private List<Path> tarballs() throws IOException {
    List<Path> tarballs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(config.spoolDir())) {
      for (Path entry : entries) {
        if (isTarballName(entry.getFileName().toString())
            && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          tarballs.add(entry);
        }
      }
    }
    tarballs.sort(null);
    return tarballs;
  }

  private static boolean isTarballName(String name) {
    return !name.startsWith(".") && name.endsWith(TARBALL_SUFFIX) && name.length() > TARBALL_SUFFIX.length();
  }

  private static List<Path> directories(Path parent) throws IOException {
    List<Path> directories = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          directories.add(entry);
        }
      }
    }
    directories.sort(null);
    return directories;
  }

  private @Nullable WatchService spoolWatcher() {
    try {
      WatchService service = config.spoolDir().getFileSystem().newWatchService();
      config.spoolDir().register(service, StandardWatchEventKinds.ENTRY_CREATE);
      return service;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("cannot watch {} ({}); finding tarballs by polling only", config.spoolDir(), e.toString());
      return null;
    }
  }

  /** The spool loop: a pass, then wait for a tarball event or the poll interval (a second when one was deferred). */
  private void watchSpool(@Nullable WatchService events) {
    while (!closed) {
      boolean deferred = false;
      try {
        deferred = blockingImportSpool().deferred();
      } catch (IOException | RuntimeException e) {
        LOG.warn("spool pass over {} failed: {}", config.spoolDir(), e.toString(), e);
      }
      Duration wait = deferred && QUIET_PERIOD.compareTo(config.importPollInterval()) < 0
          ? QUIET_PERIOD : config.importPollInterval();
      if (!awaitTarball(events, wait)) {
        return;
      }
    }
  }

  /** Waits until a tarball may have arrived or {@code wait} passed; false when the importer is closing. */
  private boolean awaitTarball(@Nullable WatchService events, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      if (events == null) {
        return !closing.await(wait.toNanos(), TimeUnit.NANOSECONDS);
      }
      long remaining;
      while ((remaining = deadline - System.nanoTime()) > 0) {
        WatchKey key = events.poll(remaining, TimeUnit.NANOSECONDS);
        if (key == null) {
          break;
        }
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
          relevant |= event.kind() == StandardWatchEventKinds.OVERFLOW
              || (event.context() instanceof Path name && isTarballName(name.toString()));
        }
        key.reset();
        if (relevant) {
          return !closed;
        }
      }
      return !closed;
    } catch (InterruptedException | ClosedWatchServiceException e) {
      return false;
    }
  }

  /** The shared-volume loop: discover changes in the trees every poll interval. */
  private void watchTrees() {
    do {
      try {
        int looked = indexer.blockingDiscover();
        if (looked > 0) {
          LOG.info("re-indexed {} recordings that changed in the recording trees", looked);
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("discovery in the recording trees failed: {}", e.toString(), e);
      }
      try {
        if (closing.await(config.importPollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    } while (!closed);
  }
}
