package io.switchboard.recordings.importer;

import static io.switchboard.recordings.importer.ImporterFixtures.config;
import static io.switchboard.recordings.importer.ImporterFixtures.files;
import static io.switchboard.recordings.importer.ImporterFixtures.mediaFiles;
import static io.switchboard.recordings.importer.ImporterFixtures.metadataXml;
import static io.switchboard.recordings.importer.ImporterFixtures.recordId;
import static io.switchboard.recordings.importer.ImporterFixtures.tarball;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.switchboard.conf.ImportMode;
import io.switchboard.conf.RecordingsConfig;
import io.switchboard.recordings.files.Placement;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.files.RecordingTrees;
import io.switchboard.storage.Stores;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingPage;
import io.switchboard.storage.recordings.RecordingQuery;
import io.switchboard.storage.recordings.RecordingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingImporterTest {
  private static final String RID = recordId(1);
  private static final String OTHER_RID = recordId(2);
  /** Every tarball in these tests is older than the importer's quiet period by this clock. */
  private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));

  @TempDir
  Path root;
  private final Stores stores = Stores.inMemory();
  private final RecordingStore store = stores.recordings();
  private final List<Recording> notified = new CopyOnWriteArrayList<>();
  private final List<RecordingImporter> importers = new ArrayList<>();

  @AfterEach
  void closeEverything() {
    importers.forEach(RecordingImporter::close);
    stores.close();
  }

  private RecordingImporter importer(RecordingsConfig config) {
    return importer(config, store, notified::add, LATER);
  }

  private RecordingImporter importer(RecordingsConfig config, RecordingStore recordings,
      RecordingReadyListener listener, Clock clock) {
    RecordingImporter importer = new RecordingImporter(config, recordings, new RecordingFiles(config), listener, clock);
    importers.add(importer);
    return importer;
  }

  private Optional<Recording> indexed(String recordId) {
    return store.get(recordId).toCompletableFuture().join();
  }

  private Path spool(String name) {
    return root.resolve("spool").resolve(name);
  }

  private Path published(String format, String recordId) {
    return root.resolve("published").resolve(format).resolve(recordId);
  }

  private Path unpublished(String format, String recordId) {
    return root.resolve("unpublished").resolve(format).resolve(recordId);
  }

  private static Map<String, String> expectedFiles(String recordId, String format, boolean published, String name) {
    Map<String, String> files = new LinkedHashMap<>(mediaFiles(format));
    files.put("metadata.xml", metadataXml(recordId, format, published, name));
    return files;
  }

  @Test
  void importsATarballIntoThePublishedTreeAndTheIndexThenDeletesItAndNotifies() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    Path tarball = tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation", "video");

    ImportResult result = importer.blockingImport(tarball);

    Recording recording = indexed(RID).orElseThrow();
    assertThat(result).isEqualTo(new ImportResult.Imported(List.of(recording)));
    assertThat(files(published("presentation", RID)))
        .containsExactlyInAnyOrderEntriesOf(expectedFiles(RID, "presentation", true, "Physics"));
    assertThat(files(published("video", RID)))
        .containsExactlyInAnyOrderEntriesOf(expectedFiles(RID, "video", true, "Physics"));
    assertThat(files(root.resolve("unpublished"))).isEmpty();
    assertThat(tarball).doesNotExist();
    assertThat(root.resolve("work")).isEmptyDirectory();
    assertThat(recording.published()).isTrue();
    assertThat(recording.protectedRecording()).isFalse();
    assertThat(recording.publishUpdated()).isFalse();
    assertThat(recording.state()).contains("published");
    assertThat(recording.name()).isEqualTo("Physics");
    assertThat(recording.metadata()).containsEntry("gl-listed", "true");
    assertThat(recording.formats()).extracting(PlaybackFormat::format, PlaybackFormat::url).containsExactly(
        org.assertj.core.groups.Tuple.tuple("presentation", "/playback/presentation/2.3/" + RID),
        org.assertj.core.groups.Tuple.tuple("video", "/playback/video/" + RID + "/"));
    assertThat(notified).containsExactly(recording);
  }

  @Test
  void marksImportedRecordingsProtectedWhenProtectionIsOn() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL, false, Duration.ofHours(1), true));

    importer.blockingImport(tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation"));

    assertThat(indexed(RID).orElseThrow().protectedRecording()).isTrue();
  }

  @Test
  void importsIntoTheUnpublishedTreeWhenConfiguredToImportUnpublished() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL, true, Duration.ofHours(1), false));

    ImportResult result = importer.blockingImport(tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation"));

    assertThat(result).isInstanceOf(ImportResult.Imported.class);
    assertThat(files(unpublished("presentation", RID))).containsKey("metadata.xml");
    assertThat(files(root.resolve("published"))).isEmpty();
    Recording recording = indexed(RID).orElseThrow();
    assertThat(recording.published()).isFalse();
    assertThat(recording.state()).contains("unpublished");
    assertThat(notified).containsExactly(recording);
  }

  @Test
  void importsARecordingItsServerUnpublishedIntoTheUnpublishedTree() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));

    importer.blockingImport(tarball(spool(RID + ".tar"), RID, false, "Physics", "presentation"));

    assertThat(unpublished("presentation", RID)).isDirectory();
    assertThat(indexed(RID).orElseThrow().published()).isFalse();
  }

  @Test
  void importingTheSameTarballAgainGivesTheSameIndexAndTrees() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    importer.blockingImport(tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation", "podcast"));
    Map<String, String> publishedBefore = files(root.resolve("published"));
    Recording indexedBefore = indexed(RID).orElseThrow();

    importer.blockingImport(tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation", "podcast"));

    assertThat(files(root.resolve("published"))).isEqualTo(publishedBefore);
    assertThat(files(root.resolve("unpublished"))).isEmpty();
    assertThat(indexed(RID)).contains(indexedBefore);
    assertThat(store.recordIds().toCompletableFuture().join()).containsExactly(RID);
    try (var leftovers = Files.list(published("presentation", RID).getParent())) {
      assertThat(leftovers).as("no staging or trash directories").containsExactly(published("presentation", RID));
    }
  }

  @Test
  void reimportKeepsAnOperatorsUnpublish() throws IOException {
    RecordingsConfig config = config(root, ImportMode.SPOOL);
    RecordingImporter importer = importer(config);
    importer.blockingImport(tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation"));
    new RecordingFiles(config).blockingPublish(
        Placement.of(new RecordingTrees(config.publishDir(), config.unpublishDir())), RID, false);
    store.update(RID, recording -> recording.withPublished(false)).toCompletableFuture().join();

    importer.blockingImport(tarball(spool(RID + ".tar"), RID, true, "Physics (edited)", "presentation"));

    assertThat(published("presentation", RID)).doesNotExist();
    assertThat(files(unpublished("presentation", RID)))
        .containsExactlyInAnyOrderEntriesOf(expectedFiles(RID, "presentation", true, "Physics (edited)"));
    Recording recording = indexed(RID).orElseThrow();
    assertThat(recording.published()).isFalse();
    assertThat(recording.publishUpdated()).isTrue();
    assertThat(recording.state()).contains("unpublished");
    assertThat(recording.name()).isEqualTo("Physics (edited)");
  }

  @Test
  void reimportReplacesTheFormatDirectoryInsteadOfMergingIt() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    Map<String, String> first = new LinkedHashMap<>();
    first.put("presentation/" + RID + "/metadata.xml", metadataXml(RID, "presentation", true, "Physics"));
    first.put("presentation/" + RID + "/stale.svg", "old");
    importer.blockingImport(tarball(spool(RID + ".tar"), first));

    importer.blockingImport(tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation"));

    assertThat(files(published("presentation", RID)))
        .containsExactlyInAnyOrderEntriesOf(expectedFiles(RID, "presentation", true, "Physics"));
  }

  @Test
  void aFormatFromALaterTarballJoinsTheRecording() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    importer.blockingImport(tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation"));

    importer.blockingImport(tarball(spool(RID + "-video.tar"), RID, true, "Physics", "video"));

    assertThat(indexed(RID).orElseThrow().formats()).extracting(PlaybackFormat::format)
        .containsExactly("presentation", "video");
    assertThat(published("presentation", RID)).isDirectory();
    assertThat(published("video", RID)).isDirectory();
  }

  @Test
  void earlierFormatsFollowTheRecordingIntoTheTreeALaterImportPicks() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    importer.blockingImport(tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation"));

    importer.blockingImport(tarball(spool(RID + "-video.tar"), RID, false, "Physics", "video"));

    assertThat(indexed(RID).orElseThrow().published()).isFalse();
    assertThat(files(root.resolve("published"))).isEmpty();
    assertThat(unpublished("presentation", RID)).isDirectory();
    assertThat(unpublished("video", RID)).isDirectory();
  }

  @Test
  void movesAnUnreadableTarballToTheFailedDirectoryWithItsReasonAndNeverRetriesIt() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    Path tarball = Files.createDirectories(root.resolve("spool")).resolve("broken.tar");
    Files.writeString(tarball, "this is not a tar archive, but it is long enough to fill a header block? "
        .repeat(20));

    RecordingImporter.SpoolPass first = importer.blockingImportSpool();
    RecordingImporter.SpoolPass second = importer.blockingImportSpool();

    assertThat(first.tarballs()).isEqualTo(1);
    assertThat(second.tarballs()).isZero();
    assertThat(tarball).doesNotExist();
    assertThat(root.resolve("failed/broken.tar")).exists();
    assertThat(root.resolve("failed/broken.tar.reason")).content().contains("rejected tarball");
    assertThat(root.resolve("work")).isEmptyDirectory();
    assertThat(store.recordIds().toCompletableFuture().join()).isEmpty();
    assertThat(notified).isEmpty();
  }

  @Test
  void failsATarballWithoutMetadata() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    Path tarball = tarball(spool(RID + ".tar"), Map.of("presentation/" + RID + "/shapes.svg", "<svg/>"));

    ImportResult result = importer.blockingImport(tarball);

    assertThat(result).isEqualTo(new ImportResult.Failed(
        "no <format>/<recordId>/metadata.xml of a configured playback format [presentation, video, podcast]",
        root.resolve("failed").resolve(RID + ".tar")));
    assertThat(root.resolve("failed").resolve(RID + ".tar.reason")).content()
        .contains("no <format>/<recordId>/metadata.xml");
    assertThat(files(root.resolve("published"))).isEmpty();
  }

  @Test
  void failsAHostileTarballWithoutTouchingTheTrees() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    Path tarball = Files.createDirectories(root.resolve("spool")).resolve(RID + ".tar");
    new RawTar()
        .file("presentation/" + RID + "/metadata.xml", metadataXml(RID, "presentation", true, "Physics"))
        .special("presentation/" + RID + "/escape", TarConstants.LF_SYMLINK, "/etc")
        .writeTo(tarball);

    ImportResult result = importer.blockingImport(tarball);

    assertThat(result).isInstanceOfSatisfying(ImportResult.Failed.class,
        failed -> assertThat(failed.reason()).contains("is a link"));
    assertThat(root.resolve("published")).doesNotExist();
    assertThat(root.resolve("work")).isEmptyDirectory();
    assertThat(indexed(RID)).isEmpty();
  }

  @Test
  void aFormatWithInvalidMetadataFailsTheTarballButTheOtherFormatsStay() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("presentation/" + RID + "/metadata.xml", metadataXml(RID, "presentation", true, "Physics"));
    entries.put("video/" + RID + "/metadata.xml", "<recording><id>" + RID + "</id>");
    entries.put("video/" + RID + "/video-0.m4v", "M4V");

    ImportResult result = importer.blockingImport(tarball(spool(RID + ".tar"), entries));

    assertThat(result).isInstanceOfSatisfying(ImportResult.Failed.class, failed -> {
      assertThat(failed.reason()).startsWith("video/" + RID + ": metadata.xml is not well-formed XML");
      assertThat(failed.movedTo()).isEqualTo(root.resolve("failed").resolve(RID + ".tar"));
    });
    assertThat(indexed(RID).orElseThrow().formats()).extracting(PlaybackFormat::format)
        .containsExactly("presentation");
    assertThat(published("presentation", RID)).isDirectory();
    assertThat(published("video", RID)).doesNotExist();
    assertThat(notified).as("only complete recordings are announced").isEmpty();
  }

  @Test
  void ignoresFormatsThatAreNotConfigured() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("presentation/" + RID + "/metadata.xml", metadataXml(RID, "presentation", true, "Physics"));
    entries.put("notes/" + RID + "/metadata.xml", metadataXml(RID, "notes", true, "Physics"));
    entries.put("notes/" + RID + "/notes.pdf", "PDF");

    ImportResult result = importer.blockingImport(tarball(spool(RID + ".tar"), entries));

    assertThat(result).isInstanceOf(ImportResult.Imported.class);
    assertThat(indexed(RID).orElseThrow().formats()).extracting(PlaybackFormat::format)
        .containsExactly("presentation");
    assertThat(root.resolve("published/notes")).doesNotExist();
    assertThat(root.resolve("work")).isEmptyDirectory();
  }

  @Test
  void failsATarballOfOnlyUnconfiguredFormats() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));

    ImportResult result = importer.blockingImport(tarball(spool(RID + ".tar"), RID, true, "Physics", "notes"));

    assertThat(result).isInstanceOf(ImportResult.Failed.class);
    assertThat(indexed(RID)).isEmpty();
  }

  @Test
  void failsMetadataThatNamesAnotherRecording() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    Path tarball = tarball(spool(RID + ".tar"),
        Map.of("presentation/" + RID + "/metadata.xml", metadataXml(OTHER_RID, "presentation", true, "Physics")));

    ImportResult result = importer.blockingImport(tarball);

    assertThat(result).isInstanceOfSatisfying(ImportResult.Failed.class,
        failed -> assertThat(failed.reason()).contains("describes recording " + OTHER_RID));
    assertThat(indexed(OTHER_RID)).isEmpty();
    assertThat(indexed(RID)).isEmpty();
  }

  @Test
  void failsADirectoryThatIsNotARecordId() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    Path tarball = tarball(spool(RID + ".tar"),
        Map.of("presentation/not_a_record id/metadata.xml", metadataXml(RID, "presentation", true, "Physics")));

    ImportResult result = importer.blockingImport(tarball);

    assertThat(result).isInstanceOfSatisfying(ImportResult.Failed.class,
        failed -> assertThat(failed.reason()).contains("not a record id"));
  }

  @Test
  void aStoreFailureLeavesTheTarballForTheNextPass() throws IOException {
    RecordingStore failing = new FailingSaves(store);
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL), failing, notified::add, LATER);
    Path tarball = tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation");

    ImportResult result = importer.blockingImport(tarball);

    assertThat(result).isInstanceOfSatisfying(ImportResult.Failed.class, failed -> {
      assertThat(failed.movedTo()).isEqualTo(tarball);
      assertThat(failed.reason()).contains("store failed");
    });
    assertThat(tarball).exists();
    assertThat(root.resolve("failed")).doesNotExist();
  }

  @Test
  void aFailingListenerDoesNotUndoTheImport() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL), store, recording -> {
      throw new IllegalStateException("notifier down");
    }, LATER);
    Path tarball = tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation");

    assertThat(importer.blockingImport(tarball)).isInstanceOf(ImportResult.Imported.class);
    assertThat(tarball).doesNotExist();
  }

  @Test
  void aSecondImporterOnTheSameSpoolWaitsForTheLock() throws Exception {
    RecordingsConfig config = config(root, ImportMode.SPOOL);
    CountDownLatch firstInListener = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    RecordingImporter first = importer(config, store, recording -> {
      firstInListener.countDown();
      awaitQuietly(releaseFirst);
    }, LATER);
    RecordingImporter second = importer(config);
    tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation");
    ExecutorService background = Executors.newSingleThreadExecutor();
    try {
      Future<RecordingImporter.SpoolPass> firstPass = background.submit(first::blockingImportSpool);
      assertThat(firstInListener.await(10, TimeUnit.SECONDS)).isTrue();
      Path secondTarball = tarball(spool(OTHER_RID + ".tar"), OTHER_RID, true, "Chemistry", "presentation");

      RecordingImporter.SpoolPass lockedOut = second.blockingImportSpool();

      assertThat(lockedOut).isEqualTo(new RecordingImporter.SpoolPass(true, 0, false));
      assertThat(secondTarball).exists();
      releaseFirst.countDown();
      assertThat(firstPass.get(10, TimeUnit.SECONDS)).isEqualTo(new RecordingImporter.SpoolPass(false, 1, false));
      assertThat(second.blockingImportSpool()).isEqualTo(new RecordingImporter.SpoolPass(false, 1, false));
      assertThat(secondTarball).doesNotExist();
      assertThat(indexed(OTHER_RID)).isPresent();
    } finally {
      releaseFirst.countDown();
      background.shutdownNow();
    }
  }

  @Test
  void leavesTarballsStillBeingWrittenAndDotfilesAlone() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL), store, notified::add, Clock.systemUTC());
    Path fresh = tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation");
    Path rsyncTemp = tarball(spool("." + OTHER_RID + ".tar.Xy12Ab"), OTHER_RID, true, "Chemistry", "presentation");
    Path hidden = tarball(spool("." + OTHER_RID + ".tar"), OTHER_RID, true, "Chemistry", "presentation");
    Files.setLastModifiedTime(rsyncTemp, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    Files.setLastModifiedTime(hidden, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

    RecordingImporter.SpoolPass pass = importer.blockingImportSpool();

    assertThat(pass).isEqualTo(new RecordingImporter.SpoolPass(false, 0, true));
    assertThat(fresh).exists();
    assertThat(rsyncTemp).exists();
    assertThat(hidden).exists();
  }

  @Test
  void theWatcherImportsATarballRenamedIntoTheSpool() throws Exception {
    CountDownLatch imported = new CountDownLatch(1);
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL), store, recording -> imported.countDown(),
        Clock.systemUTC());
    importer.start();
    Path staged = tarball(root.resolve("rsync-staging").resolve(RID + ".tar"), RID, true, "Physics", "presentation");
    Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));

    // The poll interval is an hour: only the watch service can see this rename in time.
    Files.move(staged, spool(RID + ".tar"), StandardCopyOption.ATOMIC_MOVE);

    assertThat(imported.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(published("presentation", RID)).isDirectory();
  }

  @Test
  void thePeriodicScanImportsAFreshTarballOnceItIsQuiet() throws Exception {
    CountDownLatch imported = new CountDownLatch(1);
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL, false, Duration.ofMillis(100), false), store,
        recording -> imported.countDown(), Clock.systemUTC());
    importer.start();

    Path tarball = tarball(spool(RID + ".tar"), RID, true, "Physics", "presentation");

    assertThat(imported.await(10, TimeUnit.SECONDS)).isTrue();
    awaitGone(tarball);
  }

  @Test
  void startCreatesTheDirectoriesAndRefusesToStartTwice() {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));

    importer.start();

    for (String dir : List.of("spool", "work", "published", "unpublished", "failed")) {
      assertThat(root.resolve(dir)).isDirectory();
    }
    assertThatIllegalStateException().isThrownBy(importer::start);
  }

  @Test
  void closeStopsTheImporterThread() throws InterruptedException {
    List<Thread> before = importerThreads();
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));
    importer.start();
    List<Thread> started = importerThreads().stream().filter(thread -> !before.contains(thread)).toList();
    assertThat(started).hasSize(1);

    importer.close();

    // The executor has terminated when close returns; the thread object dies a moment later.
    started.get(0).join(5_000);
    assertThat(started.get(0).isAlive()).isFalse();
  }

  @Test
  void doesNothingWhenRecordingsAreDisabled() {
    RecordingsConfig enabled = config(root, ImportMode.SPOOL);
    RecordingsConfig disabled = new RecordingsConfig(false, enabled.importMode(), enabled.spoolDir(),
        enabled.workDir(), enabled.publishDir(), enabled.unpublishDir(), enabled.failedDir(),
        enabled.importUnpublished(), enabled.importPollInterval(), enabled.playbackFormats(), enabled.playerDir(),
        enabled.getRecordingsFiltered(), enabled.maxPageSize(), enabled.importLimits(), enabled.protection());

    importer(disabled).start();

    assertThat(root.resolve("spool")).doesNotExist();
    assertThat(importerThreads()).isEmpty();
  }

  @Test
  void sharedVolumeModeIndexesWhatAppearsAndForgetsWhatVanishes() throws Exception {
    RecordingImporter importer = importer(config(root, ImportMode.SHARED_VOLUME, false, Duration.ofMillis(50), false));
    importer.start();

    ImporterFixtures.writeFormat(root.resolve("published"), "presentation", RID,
        metadataXml(RID, "presentation", true, "Physics"));
    awaitIndexed(RID, true);
    ImporterFixtures.writeFormat(root.resolve("published"), "video", RID, metadataXml(RID, "video", true, "Physics"));
    awaitFormats(RID, List.of("presentation", "video"));
    FileTrees.delete(published("presentation", RID));
    FileTrees.delete(published("video", RID));
    awaitIndexed(RID, false);

    assertThat(root.resolve("spool")).doesNotExist();
  }

  private void awaitIndexed(String recordId, boolean present) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (indexed(recordId).isPresent() != present && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    assertThat(indexed(recordId).isPresent()).as("indexed " + recordId).isEqualTo(present);
  }

  /** The listener runs just before the tarball is deleted; give the importer thread a moment to finish. */
  private static void awaitGone(Path path) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Files.exists(path) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    assertThat(path).doesNotExist();
  }

  private void awaitFormats(String recordId, List<String> formats) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!formatsOf(recordId).equals(formats) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    assertThat(formatsOf(recordId)).isEqualTo(formats);
  }

  private List<String> formatsOf(String recordId) {
    return indexed(recordId).map(recording -> recording.formats().stream().map(PlaybackFormat::format).toList())
        .orElse(List.of());
  }

  private static List<Thread> importerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("switchboard-importer") && thread.isAlive()).toList();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A store whose saves fail, as a lost database connection would make them. */
  private static final class FailingSaves implements RecordingStore {
    private final RecordingStore delegate;

    FailingSaves(RecordingStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletionStage<RecordingPage> find(RecordingQuery query) {
      return delegate.find(query);
    }

    @Override
    public CompletionStage<Optional<Recording>> get(String recordId) {
      return delegate.get(recordId);
    }

    @Override
    public CompletionStage<List<Recording>> getAll(Collection<String> recordIds) {
      return delegate.getAll(recordIds);
    }

    @Override
    public CompletionStage<Void> save(Recording recording) {
      return CompletableFuture.failedFuture(new IOException("connection reset"));
    }

    @Override
    public CompletionStage<Optional<Recording>> update(String recordId, UnaryOperator<Recording> change) {
      return delegate.update(recordId, change);
    }

    @Override
    public CompletionStage<Boolean> remove(String recordId) {
      return delegate.remove(recordId);
    }

    @Override
    public CompletionStage<List<String>> recordIds() {
      return delegate.recordIds();
    }

    @Override
    public CompletionStage<Boolean> updateMetadata(Collection<String> recordIds, Map<String, String> changes) {
      return delegate.updateMetadata(recordIds, changes);
    }
  }
}
