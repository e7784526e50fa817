package io.switchboard.recordings.api;

import static io.switchboard.recordings.files.RecordingFixtures.formatDirectory;
import static io.switchboard.recordings.files.RecordingFixtures.presentation;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.RecordingsConfig;
import io.switchboard.conf.TenantsConfig;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.files.RecordingFixtures;
import io.switchboard.recordings.tenants.TenantLookup;
import io.switchboard.routing.params.Params;
import io.switchboard.storage.Stores;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recordings calls of two tenants: tenant a has a recordings directory of its own, tenant b uses the global trees.
 * Each sees and changes only its own recordings; without a tenant every recording is reachable.
 */
class TenantRecordingsApiTest {
  private static final String PREFIX = "https://a.sl.example.com";
  private static final String A1 = "aaaa000000000000000000000000000000000001-1700000000000";
  private static final String A2 = "aaaa000000000000000000000000000000000002-1700000100000";
  private static final String B1 = "bbbb000000000000000000000000000000000001-1700000200000";
  private static final String NONE = "cccc000000000000000000000000000000000001-1700000300000";
  private static final Tenant A = tenant("id-a", "a");
  private static final Tenant B = tenant("id-b", "b");

  @TempDir Path root;
  private Stores stores;
  private RecordingStore store;
  private ExecutorService blocking;
  private Path tenantDir;
  private RecordingsApi api;

  @BeforeEach
  void setUp() throws Exception {
    stores = Stores.inMemory();
    store = stores.recordings();
    blocking = Executors.newFixedThreadPool(2);
    stores.tenants().save(A).toCompletableFuture().get();
    stores.tenants().save(B).toCompletableFuture().get();
    tenantDir = root.resolve("tenant-a");
    RecordingsConfig config = RecordingFixtures.config(root);
    RecordingFiles files = new RecordingFiles(config, new TenantsConfig(true, Map.of("a", tenantDir)),
        new TenantLookup(stores.tenants()));
    api = new RecordingsApi(config, store, stores.recordingTokens(), files, Clock.systemUTC(), blocking);
    save(recording(A1, A.id(), 1_000));
    save(recording(A2, A.id(), 2_000));
    save(recording(B1, B.id(), 3_000));
    save(recording(NONE, "", 4_000));
    formatDirectory(tenantDir.resolve("published"), "presentation", A1, "a1");
    formatDirectory(tenantDir.resolve("published"), "presentation", A2, "a2");
    formatDirectory(root.resolve("published"), "presentation", B1, "b1");
    formatDirectory(root.resolve("published"), "presentation", NONE, "none");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    blocking.shutdownNow();
    assertThat(blocking.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    stores.close();
  }

  @Test
  void getRecordingsListsOnlyTheTenantsRecordings() throws Exception {
    assertThat(recordIds(call("getRecordings", "", A.id()))).containsExactly(A2, A1);
    assertThat(recordIds(call("getRecordings", "", B.id()))).containsExactly(B1);
    assertThat(recordIds(call("getRecordings", "recordID=" + B1, A.id()))).isEmpty();
    assertThat(body(call("getRecordings", "recordID=" + B1, A.id()))).contains("<messageKey>noRecordings</messageKey>");
    assertThat(recordIds(call("getRecordings", "", ""))).containsExactly(NONE, B1, A2, A1);
  }

  @Test
  void metaFiltersApplyWithinTheTenant() throws Exception {
    save(recording(A2, A.id(), 2_000).withMetadata(Map.of("tenant-id", A.id(), "course", "physics")));
    save(recording(B1, B.id(), 3_000).withMetadata(Map.of("tenant-id", B.id(), "course", "physics")));

    assertThat(recordIds(call("getRecordings", "meta_course=physics", A.id()))).containsExactly(A2);
  }

  @Test
  void publishingAnotherTenantsRecordingIsNotFoundAndMovesNothing() throws Exception {
    assertThat(body(call("publishRecordings", "recordID=" + B1 + "&publish=false", A.id())))
        .contains("<messageKey>notFound</messageKey>", "We could not find recordings");

    assertThat(stored(B1).published()).isTrue();
    assertThat(root.resolve("published/presentation").resolve(B1)).isDirectory();
  }

  @Test
  void publishingMovesTheRecordingWithinItsTenantsTrees() throws Exception {
    assertThat(body(call("publishRecordings", "recordID=" + A1 + "," + B1 + "&publish=false", A.id())))
        .contains("<published>false</published>");

    assertThat(tenantDir.resolve("unpublished/presentation").resolve(A1).resolve("metadata.xml")).hasContent("a1");
    assertThat(tenantDir.resolve("published/presentation").resolve(A1)).doesNotExist();
    assertThat(root.resolve("unpublished/presentation").resolve(A1)).doesNotExist();
    assertThat(stored(A1).published()).isFalse();
    assertThat(stored(B1).published()).as("the other tenant's recording in the same call").isTrue();
  }

  @Test
  void aTenantsRecordingStillInTheGlobalTreesIsPublishedThere() throws Exception {
    save(recording(NONE, A.id(), 4_000));

    call("publishRecordings", "recordID=" + NONE + "&publish=false", A.id());

    assertThat(root.resolve("unpublished/presentation").resolve(NONE).resolve("metadata.xml")).hasContent("none");
    assertThat(tenantDir.resolve("unpublished/presentation").resolve(NONE)).doesNotExist();
  }

  @Test
  void updatingTouchesOnlyTheTenantsRecordingsAndNeverTheirTenant() throws Exception {
    assertThat(body(call("updateRecordings", "recordID=" + A1 + "," + B1 + "&meta_course=x", A.id())))
        .contains("<updated>false</updated>");
    assertThat(stored(A1).metadata()).doesNotContainKey("course");

    assertThat(body(call("updateRecordings", "recordID=" + A1 + "&meta_tenant-id=" + B.id(), A.id())))
        .contains("<updated>false</updated>");
    assertThat(stored(A1).tenantId()).isEqualTo(A.id());

    assertThat(body(call("updateRecordings", "recordID=" + A1 + "&meta_course=x", A.id())))
        .contains("<updated>true</updated>");
    assertThat(stored(A1).metadata()).containsEntry("course", "x");
  }

  @Test
  void deletingAnotherTenantsRecordingIsNotFoundAndDeletesNothing() throws Exception {
    assertThat(body(call("deleteRecordings", "recordID=" + B1, A.id())))
        .contains("<messageKey>notFound</messageKey>");
    assertThat(stored(B1).state()).contains("published");
    assertThat(root.resolve("published/presentation").resolve(B1)).isDirectory();

    assertThat(body(call("deleteRecordings", "recordID=" + A1, A.id()))).contains("<deleted>true</deleted>");
    assertThat(tenantDir.resolve("published/presentation").resolve(A1)).doesNotExist();
    assertThat(stored(A1).state()).contains("deleted");
  }

  @Test
  void textTracksOfAnotherTenantsRecordingAreNotFound() throws Exception {
    assertThat(body(call("getRecordingTextTracks", "recordID=" + B1, A.id())))
        .contains("\"noRecordings\"");
    assertThat(body(call("getRecordingTextTracks", "recordID=" + A1, A.id())))
        .contains("\"returncode\":\"SUCCESS\"");
  }

  private RecordingsResponse call(String call, String query, String tenantId) throws Exception {
    return api.handle(call, Params.parse(query), new byte[0], "", PREFIX, tenantId).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private void save(Recording recording) throws Exception {
    store.save(recording).toCompletableFuture().get();
  }

  private Recording stored(String recordId) throws Exception {
    return store.get(recordId).toCompletableFuture().get().orElseThrow();
  }

  private static List<String> recordIds(RecordingsResponse response) {
    return Pattern.compile("<recordID>([^<]+)</recordID>").matcher(body(response)).results()
        .map(match -> match.group(1)).toList();
  }

  private static String body(RecordingsResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static Recording recording(String recordId, String tenantId, long start) {
    Map<String, String> metadata = tenantId.isEmpty() ? Map.of() : Map.of("tenant-id", tenantId);
    return new Recording(recordId, "m-" + recordId, "Meeting", true, false, Optional.of("published"), start,
        start + 60_000, OptionalInt.of(3), metadata, List.of(presentation(recordId)), false);
  }

  private static Tenant tenant(String id, String name) {
    return new Tenant(id, name, List.of("secret-" + name), Map.of(), TenantLimits.UNLIMITED);
  }
}
