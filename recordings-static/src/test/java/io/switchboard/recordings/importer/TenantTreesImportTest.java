package io.switchboard.recordings.importer;

import static io.switchboard.recordings.importer.ImporterFixtures.config;
import static io.switchboard.recordings.importer.ImporterFixtures.metadataXml;
import static io.switchboard.recordings.importer.ImporterFixtures.recordId;
import static io.switchboard.recordings.importer.ImporterFixtures.tarball;
import static io.switchboard.recordings.importer.ImporterFixtures.writeFormat;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.ImportMode;
import io.switchboard.conf.RecordingsConfig;
import io.switchboard.conf.TenantsConfig;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.tenants.TenantLookup;
import io.switchboard.storage.Stores;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-tenant recordings trees (Scalelite #1182): tenant a has a directory of its own, tenant b does not. Imports,
 * index rebuilds and shared-volume discovery put and find a's recordings in {@code <dir>/published|unpublished}.
 */
class TenantTreesImportTest {
  private static final Tenant A = new Tenant("id-a", "a", List.of("sa"), Map.of(), TenantLimits.UNLIMITED);
  private static final Tenant B = new Tenant("id-b", "b", List.of("sb"), Map.of(), TenantLimits.UNLIMITED);
  private static final String RID = recordId(1);
  private static final String OTHER_RID = recordId(2);

  @TempDir Path root;
  private final Stores stores = Stores.inMemory();
  private final RecordingStore store = stores.recordings();
  private Path tenantDir;

  @BeforeEach
  void tenants() {
    stores.tenants().save(A).toCompletableFuture().join();
    stores.tenants().save(B).toCompletableFuture().join();
    tenantDir = root.resolve("tenant-a");
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }

  @Test
  void aTenantsTarballLandsInItsOwnPublishedTree() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));

    ImportResult result = importer.blockingImport(tenantTarball(RID, A.id(), true));

    assertThat(result).isInstanceOf(ImportResult.Imported.class);
    assertThat(tenantDir.resolve("published/presentation").resolve(RID).resolve("shapes.svg")).hasContent("<svg/>");
    assertThat(root.resolve("published/presentation").resolve(RID)).doesNotExist();
    assertThat(indexed(RID).orElseThrow().tenantId()).isEqualTo(A.id());
  }

  @Test
  void anUnpublishedImportGoesToTheTenantsUnpublishedTree() throws IOException {
    importer(config(root, ImportMode.SPOOL, true, Duration.ofHours(1), false))
        .blockingImport(tenantTarball(RID, A.id(), false));

    assertThat(tenantDir.resolve("unpublished/presentation").resolve(RID)).isDirectory();
    assertThat(tenantDir.resolve("published/presentation").resolve(RID)).doesNotExist();
  }

  @Test
  void tenantsWithoutADirectoryAndUnknownTenantsUseTheGlobalTrees() throws IOException {
    RecordingImporter importer = importer(config(root, ImportMode.SPOOL));

    importer.blockingImport(tenantTarball(RID, B.id(), true));
    importer.blockingImport(tenantTarball(OTHER_RID, "no-such-tenant", true));

    assertThat(root.resolve("published/presentation").resolve(RID)).isDirectory();
    assertThat(root.resolve("published/presentation").resolve(OTHER_RID)).isDirectory();
    assertThat(tenantDir).doesNotExist();
  }

  @Test
  void aReimportMovesARecordingFromTheGlobalTreesIntoItsTenantsOwn() throws IOException {
    RecordingsConfig config = config(root, ImportMode.SPOOL);
    writeTenantFormat(root.resolve("published"), "presentation", RID, true);

    importer(config).blockingImport(tenantTarball(RID, A.id(), true));

    assertThat(tenantDir.resolve("published/presentation").resolve(RID)).isDirectory();
    assertThat(root.resolve("published/presentation").resolve(RID)).as("the old copy is replaced").doesNotExist();
  }

  @Test
  void theIndexRebuildFindsTheRecordingsOfEveryTenantTree() throws IOException {
    writeTenantFormat(tenantDir.resolve("published"), "presentation", RID, true);
    writeTenantFormat(tenantDir.resolve("unpublished"), "video", OTHER_RID, false);
    String global = recordId(3);
    writeFormat(root.resolve("published"), "presentation", global, metadataXml(global, "presentation", true, "G"));

    importer(config(root, ImportMode.SPOOL)).blockingRebuildIndex();

    assertThat(store.recordIds().toCompletableFuture().join()).containsExactlyInAnyOrder(RID, OTHER_RID, global);
    assertThat(indexed(RID).orElseThrow().published()).isTrue();
    assertThat(indexed(OTHER_RID).orElseThrow().published()).isFalse();
    assertThat(indexed(OTHER_RID).orElseThrow().tenantId()).isEqualTo(A.id());
  }

  @Test
  void sharedVolumeDiscoveryWatchesTheTenantTreesToo() throws IOException {
    RecordingsConfig config = config(root, ImportMode.SHARED_VOLUME);
    RecordingFiles files = files(config);
    TreeIndexer indexer = new TreeIndexer(files.allTrees(), config.playbackFormats(), store, false);
    assertThat(indexer.blockingDiscover()).isZero();

    writeTenantFormat(tenantDir.resolve("published"), "presentation", RID, true);
    assertThat(indexer.blockingDiscover()).isEqualTo(1);
    assertThat(indexed(RID)).isPresent();

    FileTrees.delete(tenantDir.resolve("published/presentation").resolve(RID));
    assertThat(indexer.blockingDiscover()).isEqualTo(1);
    assertThat(indexed(RID)).isEmpty();
  }

  private RecordingImporter importer(RecordingsConfig config) {
    return new RecordingImporter(config, store, files(config), recording -> { }, Clock.systemUTC());
  }

  private RecordingFiles files(RecordingsConfig config) {
    return new RecordingFiles(config, new TenantsConfig(true, Map.of("a", tenantDir)),
        new TenantLookup(stores.tenants()));
  }

  private Path tenantTarball(String recordId, String tenantId, boolean published) throws IOException {
    return tarball(root.resolve("spool").resolve(recordId + ".tar"), Map.of(
        "presentation/" + recordId + "/metadata.xml", tenantMetadata(recordId, "presentation", tenantId, published),
        "presentation/" + recordId + "/shapes.svg", "<svg/>"));
  }

  private static void writeTenantFormat(Path tree, String format, String recordId, boolean published)
      throws IOException {
    writeFormat(tree, format, recordId, tenantMetadata(recordId, format, A.id(), published));
  }

  /** BBB's metadata.xml of a recording made with {@code meta_tenant-id}, as Scalelite's create adds it. */
  private static String tenantMetadata(String recordId, String format, String tenantId, boolean published) {
    return metadataXml(recordId, format, published, "Physics").replace("<gl-listed>true</gl-listed>",
        "<gl-listed>true</gl-listed>\n    <tenant-id>" + tenantId + "</tenant-id>");
  }

  private Optional<Recording> indexed(String recordId) {
    return store.get(recordId).toCompletableFuture().join();
  }
}
