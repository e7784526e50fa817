package io.switchboard.recordings.importer;

import static io.switchboard.recordings.importer.ImporterFixtures.config;
import static io.switchboard.recordings.importer.ImporterFixtures.metadataXml;
import static io.switchboard.recordings.importer.ImporterFixtures.recordId;
import static io.switchboard.recordings.importer.ImporterFixtures.writeFormat;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.ImportMode;
import io.switchboard.conf.RecordingsConfig;
import io.switchboard.recordings.files.Placement;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.files.RecordingTrees;
import io.switchboard.storage.Stores;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class RebuildIndexTest {
  private static final Logger LOG = LoggerFactory.getLogger(RebuildIndexTest.class);
  private static final String RID = recordId(1);
  private static final String OTHER_RID = recordId(2);

  @TempDir
  Path root;
  private final Stores stores = Stores.inMemory();
  private final RecordingStore store = stores.recordings();

  @AfterEach
  void closeStores() {
    stores.close();
  }

  private RecordingImporter importer(RecordingsConfig config) {
    return new RecordingImporter(config, store, new RecordingFiles(config), recording -> { }, Clock.systemUTC());
  }

  private List<RecordingTrees> trees() {
    return List.of(new RecordingTrees(published(), unpublished()));
  }

  private Path published() {
    return root.resolve("published");
  }

  private Path unpublished() {
    return root.resolve("unpublished");
  }

  private Optional<Recording> indexed(String recordId) {
    return store.get(recordId).toCompletableFuture().join();
  }

  private void save(Recording recording) {
    store.save(recording).toCompletableFuture().join();
  }

  @Test
  void indexesBothTreesWithTheirPublishedFlag() throws IOException {
    writeFormat(published(), "presentation", RID, metadataXml(RID, "presentation", true, "Physics"));
    writeFormat(published(), "podcast", RID, metadataXml(RID, "podcast", true, "Physics"));
    writeFormat(unpublished(), "video", OTHER_RID, metadataXml(OTHER_RID, "video", true, "Chemistry"));

    importer(config(root, ImportMode.SPOOL)).blockingRebuildIndex();

    Recording physics = indexed(RID).orElseThrow();
    assertThat(physics.published()).isTrue();
    assertThat(physics.state()).contains("published");
    assertThat(physics.formats()).extracting(PlaybackFormat::format).containsExactly("podcast", "presentation");
    Recording chemistry = indexed(OTHER_RID).orElseThrow();
    assertThat(chemistry.published()).isFalse();
    assertThat(chemistry.state()).contains("unpublished");
    assertThat(chemistry.name()).isEqualTo("Chemistry");
  }

  @Test
  void readsOnlyConfiguredFormatsRecordIdDirectoriesAndValidFiles() throws IOException {
    writeFormat(published(), "presentation", RID, metadataXml(RID, "presentation", true, "Physics"));
    writeFormat(published(), "notes", OTHER_RID, metadataXml(OTHER_RID, "notes", true, "Notes"));
    writeFormat(published(), "presentation", ".import-" + OTHER_RID + "-1234", metadataXml(OTHER_RID,
        "presentation", true, "Staged"));
    writeFormat(published(), "video", RID, "<recording><id>broken");
    Files.createDirectories(published().resolve("presentation").resolve(recordId(3)));

    importer(config(root, ImportMode.SPOOL)).blockingRebuildIndex();

    assertThat(store.recordIds().toCompletableFuture().join()).containsExactly(RID);
    assertThat(indexed(RID).orElseThrow().formats()).extracting(PlaybackFormat::format)
        .containsExactly("presentation");
  }

  @Test
  void aFormatInBothTreesCountsOnceFromThePublishedTree() throws IOException {
    writeFormat(published(), "presentation", RID, metadataXml(RID, "presentation", true, "Published copy"));
    writeFormat(unpublished(), "presentation", RID, metadataXml(RID, "presentation", true, "Unpublished copy"));

    importer(config(root, ImportMode.SPOOL)).blockingRebuildIndex();

    assertThat(indexed(RID).orElseThrow().name()).isEqualTo("Published copy");
    assertThat(indexed(RID).orElseThrow().published()).isTrue();
  }

  @Test
  void removesRecordingsWhoseTreesAreGoneButKeepsDeletedOnes() throws IOException {
    Recording gone = recording(OTHER_RID, "presentation");
    Recording deleted = recording(recordId(3), "presentation").deleted();
    save(gone);
    save(deleted);
    writeFormat(published(), "presentation", RID, metadataXml(RID, "presentation", true, "Physics"));

    importer(config(root, ImportMode.SPOOL)).blockingRebuildIndex();

    assertThat(store.recordIds().toCompletableFuture().join()).containsExactlyInAnyOrder(RID, recordId(3));
    assertThat(indexed(recordId(3))).contains(deleted);
  }

  @Test
  void keepsWhatTheIndexKnowsBeyondTheFiles() throws IOException {
    save(recording(RID, "video").withProtected(true).withMetadata(Map.of("added-by-update", "yes"))
        .withPublished(true));
    writeFormat(published(), "presentation", RID, metadataXml(RID, "presentation", true, "Physics"));

    importer(config(root, ImportMode.SPOOL)).blockingRebuildIndex();

    Recording recording = indexed(RID).orElseThrow();
    assertThat(recording.protectedRecording()).isTrue();
    assertThat(recording.publishUpdated()).isTrue();
    assertThat(recording.metadata()).containsEntry("added-by-update", "yes").containsEntry("gl-listed", "true");
    assertThat(recording.formats()).as("formats are what the trees hold").extracting(PlaybackFormat::format)
        .containsExactly("presentation");
  }

  @Test
  void protectsNewlyFoundRecordingsWhenProtectionIsOn() throws IOException {
    writeFormat(published(), "presentation", RID, metadataXml(RID, "presentation", true, "Physics"));

    importer(config(root, ImportMode.SPOOL, false, Duration.ofHours(1), true)).blockingRebuildIndex();

    assertThat(indexed(RID).orElseThrow().protectedRecording()).isTrue();
  }

  @Test
  void indexesTenThousandRecordings() throws IOException {
    int count = 10_000;
    Path presentations = Files.createDirectories(published().resolve("presentation"));
    for (int i = 0; i < count; i++) {
      String recordId = recordId(i);
      Path dir = Files.createDirectory(presentations.resolve(recordId));
      Files.writeString(dir.resolve("metadata.xml"), metadataXml(recordId, "presentation", true, "Meeting " + i));
    }

    long started = System.nanoTime();
    importer(config(root, ImportMode.SPOOL)).blockingRebuildIndex();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    LOG.info("rebuilt the index of {} recordings in {} ms", count, millis);
    assertThat(store.recordIds().toCompletableFuture().join()).hasSize(count);
    assertThat(indexed(recordId(9_999)).orElseThrow().name()).isEqualTo("Meeting 9999");
  }

  @Test
  void discoveryIndexesNewChangedMovedAndRemovedFiles() throws IOException {
    RecordingsConfig config = config(root, ImportMode.SHARED_VOLUME);
    TreeIndexer indexer = new TreeIndexer(trees(), config.playbackFormats(), store, false);
    assertThat(indexer.blockingDiscover()).isZero();

    Path presentation = writeFormat(published(), "presentation", RID, metadataXml(RID, "presentation", true, "One"));
    assertThat(indexer.blockingDiscover()).as("new").isEqualTo(1);
    assertThat(indexed(RID).orElseThrow().name()).isEqualTo("One");
    assertThat(indexer.blockingDiscover()).as("nothing changed").isZero();

    Files.writeString(presentation, metadataXml(RID, "presentation", true, "One, renamed"));
    Files.setLastModifiedTime(presentation, java.nio.file.attribute.FileTime.fromMillis(1_000));
    assertThat(indexer.blockingDiscover()).as("changed").isEqualTo(1);
    assertThat(indexed(RID).orElseThrow().name()).isEqualTo("One, renamed");

    writeFormat(published(), "video", RID, metadataXml(RID, "video", true, "One, renamed"));
    indexer.blockingDiscover();
    assertThat(indexed(RID).orElseThrow().formats()).extracting(PlaybackFormat::format)
        .containsExactly("presentation", "video");

    new RecordingFiles(config)
        .blockingPublish(Placement.of(new RecordingTrees(published(), unpublished())), RID, false);
    assertThat(indexer.blockingDiscover()).as("moved").isEqualTo(1);
    assertThat(indexed(RID).orElseThrow().published()).isFalse();
    assertThat(indexed(RID).orElseThrow().formats()).hasSize(2);

    FileTrees.delete(unpublished().resolve("video").resolve(RID));
    indexer.blockingDiscover();
    assertThat(indexed(RID).orElseThrow().formats()).extracting(PlaybackFormat::format)
        .containsExactly("presentation");

    FileTrees.delete(unpublished().resolve("presentation").resolve(RID));
    assertThat(indexer.blockingDiscover()).as("removed").isEqualTo(1);
    assertThat(indexed(RID)).isEmpty();
  }

  @Test
  void discoveryLeavesARecordingMarkedDeletedInTheIndex() throws IOException {
    TreeIndexer indexer = new TreeIndexer(trees(), ImporterFixtures.FORMATS, store, false);
    writeFormat(published(), "presentation", RID, metadataXml(RID, "presentation", true, "One"));
    indexer.blockingDiscover();
    store.update(RID, Recording::deleted).toCompletableFuture().join();

    FileTrees.delete(published().resolve("presentation").resolve(RID));
    indexer.blockingDiscover();

    assertThat(indexed(RID).orElseThrow().state()).contains("deleted");
  }

  @Test
  void discoveryAfterARebuildRereadsNothing() throws IOException {
    writeFormat(published(), "presentation", RID, metadataXml(RID, "presentation", true, "One"));
    TreeIndexer indexer = new TreeIndexer(trees(), ImporterFixtures.FORMATS, store, false);

    assertThat(indexer.blockingRebuild()).isEqualTo(1);

    assertThat(indexer.blockingDiscover()).isZero();
  }

  private static Recording recording(String recordId, String format) {
    return new Recording(recordId, "meeting", "Old", true, false, Optional.of("published"), 1, 2, OptionalInt.empty(),
        Map.of(), List.of(new PlaybackFormat(format, "/" + format + "/" + recordId, OptionalInt.empty(),
            java.util.OptionalLong.empty(), List.of())), false);
  }
}
