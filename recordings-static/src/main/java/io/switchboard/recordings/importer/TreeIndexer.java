package io.switchboard.recordings.importer;

import static java.util.Objects.requireNonNull;

import io.switchboard.recordings.files.RecordingTrees;
import io.switchboard.recordings.metadata.InvalidMetadataException;
import io.switchboard.recordings.metadata.MetadataXml;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index in step with the recording trees themselves, {@code <tree>/<format>/<recordId>/metadata.xml} of the
 * global trees and of every tenant's own: a full rebuild at start (spec §9.9; the embedded store keeps nothing across
 * restarts) and, for shared volumes (§14.2, §14.3), a periodic discovery of the metadata files that appeared, changed
 * (size or modification time) or vanished since the last look. A recording is re-read from all its files whenever one
 * of them changed; it is published iff a format of it lies in the published tree; one whose files are all gone leaves
 * the index, unless deleteRecordings already marked it deleted. Only the configured playback formats are read. Parsing
 * runs on a small pool, because a rebuild reads every recording there is.
 */
final class TreeIndexer {
  private static final Logger LOG = LoggerFactory.getLogger(TreeIndexer.class);
  private static final int PARALLEL_THRESHOLD = 64;

  private final List<RecordingTrees> trees;
  private final List<String> formats;
  private final RecordingStore store;
  private final boolean defaultProtected;
  private final int threads;
  // The metadata files seen by the last rebuild or discovery; guarded by this.
  private Map<Path, Found> known = Map.of();

  /** Indexes the recordings of every pair of {@code trees}: the global one and each tenant's own. */
  TreeIndexer(List<RecordingTrees> trees, List<String> formats, RecordingStore store, boolean defaultProtected) {
    this.trees = List.copyOf(trees);
    this.formats = List.copyOf(formats);
    this.store = requireNonNull(store, "store");
    this.defaultProtected = defaultProtected;
    this.threads = Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  /** One metadata.xml in a tree, with the size and time that tell a changed file from a known one. */
  record Found(Path metadataXml, String format, String recordId, boolean published, long size, long modifiedNanos) {}

  /**
   * Indexes every recording of all the trees and removes from the index the recordings no tree holds any more (those
   * marked deleted aside). Returns how many recordings are indexed from the trees.
   */
  synchronized int blockingRebuild() throws IOException {
    Map<Path, Found> found = blockingScan();
    Map<String, List<Found>> byRecording = byRecording(found.values());
    Set<String> gone = new HashSet<>(store.recordIds().toCompletableFuture().join());
    gone.removeAll(byRecording.keySet());
    int indexed = index(byRecording, gone);
    known = found;
    return indexed;
  }

  /**
   * Re-indexes the recordings whose metadata files appeared, changed or vanished since the last rebuild or discovery;
   * returns how many recordings it looked at again.
   */
  synchronized int blockingDiscover() throws IOException {
    Map<Path, Found> found = blockingScan();
    Set<String> dirty = new HashSet<>();
    for (Found file : found.values()) {
      Found before = known.get(file.metadataXml());
      if (before == null || before.size() != file.size() || before.modifiedNanos() != file.modifiedNanos()) {
        dirty.add(file.recordId());
      }
    }
    for (Found before : known.values()) {
      if (!found.containsKey(before.metadataXml())) {
        dirty.add(before.recordId());
      }
    }
    if (!dirty.isEmpty()) {
      List<Found> changed = found.values().stream().filter(file -> dirty.contains(file.recordId())).toList();
      Map<String, List<Found>> byRecording = byRecording(changed);
      Set<String> gone = new HashSet<>(dirty);
      gone.removeAll(byRecording.keySet());
      index(byRecording, gone);
    }
    known = found;
    return dirty.size();
  }

  /** Every {@code <tree>/<format>/<recordId>/metadata.xml} of the configured formats, by path. */
  private Map<Path, Found> blockingScan() throws IOException {
    Map<Path, Found> found = new HashMap<>();
    for (RecordingTrees pair : trees) {
      scan(pair.publishDir(), true, found);
      scan(pair.unpublishDir(), false, found);
    }
    return found;
  }

  /** Adds the {@code <format>/<recordId>/metadata.xml} files of one tree to {@code found}. */
  private void scan(Path tree, boolean published, Map<Path, Found> found) throws IOException {
    for (String format : formats) {
      Path formatDir = tree.resolve(format);
      try (DirectoryStream<Path> recordings = Files.newDirectoryStream(formatDir)) {
        for (Path recordingDir : recordings) {
          String recordId = recordingDir.getFileName().toString();
          if (!MetadataFiles.isRecordId(recordId)) {
            continue;
          }
          Path metadataXml = recordingDir.resolve(MetadataFiles.FILE_NAME);
          stat(metadataXml).ifPresent(attributes -> found.put(metadataXml, new Found(metadataXml, format, recordId,
              published, attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS))));
        }
      } catch (NoSuchFileException | NotDirectoryException absent) {
        // A tree without this format yet.
      }
    }
  }

  private static Optional<BasicFileAttributes> stat(Path metadataXml) throws IOException {
    if (!Files.isDirectory(metadataXml.getParent(), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(metadataXml, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? Optional.of(attributes) : Optional.empty();
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  /**
   * The files grouped by recording, record ids in order; a format present in both trees (a move interrupted by a
   * crash) counts once, from the published tree.
   */
  private static Map<String, List<Found>> byRecording(Iterable<Found> files) {
    Map<String, Map<String, Found>> byRecording = new TreeMap<>();
    for (Found file : files) {
      byRecording.computeIfAbsent(file.recordId(), id -> new TreeMap<>())
          .merge(file.format(), file, (one, other) -> one.published() ? one : other);
    }
    Map<String, List<Found>> result = new LinkedHashMap<>();
    byRecording.forEach((recordId, byFormat) -> result.put(recordId, List.copyOf(byFormat.values())));
    return result;
  }

  /** Parses, merges and saves {@code byRecording}; removes {@code gone} unless deleted; returns how many it saved. */
  private int index(Map<String, List<Found>> byRecording, Set<String> gone) {
    List<Parsed> parsed = parseAll(new ArrayList<>(byRecording.values()));
    Set<String> ids = new HashSet<>(byRecording.keySet());
    ids.addAll(gone);
    Map<String, Recording> stored = new HashMap<>();
    for (Recording recording : store.getAll(ids).toCompletableFuture().join()) {
      stored.put(recording.recordId(), recording);
    }
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (Parsed recording : parsed) {
      if (recording.formats().isEmpty()) {
        continue;
      }
      Optional<Recording> before = Optional.ofNullable(stored.get(recording.recordId()));
      Optional<Recording> merged = before.map(TreeIndexer::withoutFormats);
      for (Recording format : recording.formats()) {
        merged = Optional.of(MetadataXml.merge(merged, format));
      }
      writes.add(store.save(PublishRules.indexed(before, merged.orElseThrow(), recording.published(), defaultProtected))
          .toCompletableFuture());
    }
    int saved = writes.size();
    for (String recordId : gone) {
      Recording before = stored.get(recordId);
      if (before != null && !before.state().equals(Optional.of("deleted"))) {
        LOG.info("recording {} is no longer in the recording trees; removing it from the index", recordId);
        writes.add(store.remove(recordId).toCompletableFuture());
      }
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    return saved;
  }

  /** The parsed formats of one recording; {@code published} when any of them lies in the published tree. */
  private record Parsed(String recordId, List<Recording> formats, boolean published) {}

  private List<Parsed> parseAll(List<List<Found>> recordings) {
    if (recordings.size() < PARALLEL_THRESHOLD) {
      return parseChunk(recordings);
    }
    AtomicInteger number = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "switchboard-indexer-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      int chunkSize = Math.max(16, recordings.size() / (threads * 8));
      List<Future<List<Parsed>>> chunks = new ArrayList<>();
      for (int from = 0; from < recordings.size(); from += chunkSize) {
        List<List<Found>> chunk = recordings.subList(from, Math.min(recordings.size(), from + chunkSize));
        chunks.add(pool.submit(() -> parseChunk(chunk)));
      }
      List<Parsed> parsed = new ArrayList<>(recordings.size());
      for (Future<List<Parsed>> chunk : chunks) {
        parsed.addAll(chunk.get());
      }
      return parsed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while indexing the recording trees", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("indexing the recording trees failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Parsed> parseChunk(List<List<Found>> recordings) {
    List<Parsed> parsed = new ArrayList<>(recordings.size());
    for (List<Found> files : recordings) {
      List<Recording> formats = new ArrayList<>(files.size());
      boolean published = false;
      for (Found file : files) {
        try {
          formats.add(MetadataFiles.blockingRead(file.metadataXml(), file.format(), file.recordId()));
          published |= file.published();
        } catch (IOException | InvalidMetadataException e) {
          LOG.warn("skipping {}: {}", file.metadataXml(), e.getMessage());
        }
      }
      parsed.add(new Parsed(files.get(0).recordId(), formats, published));
    }
    return parsed;
  }

  private static Recording withoutFormats(Recording recording) {
    return new Recording(recording.recordId(), recording.meetingId(), recording.name(), recording.published(),
        recording.protectedRecording(), recording.state(), recording.startTimeMillis(), recording.endTimeMillis(),
        recording.participants(), recording.metadata(), List.of(), recording.publishUpdated());
  }
}
