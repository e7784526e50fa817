package io.switchboard.recordings.api;

import static io.switchboard.recordings.files.RecordingFixtures.FORMATS;
import static io.switchboard.recordings.files.RecordingFixtures.formatDirectory;
import static io.switchboard.recordings.files.RecordingFixtures.recording;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.RecordingsConfig;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.files.RecordingFixtures;
import io.switchboard.storage.Stores;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's publish and delete ({@link RecordingsApi#publishAnyTenant}, {@link RecordingsApi#deleteAnyTenant}). */
class RecordingsApiOperatorTest {
  private static final String R1 = "cccc000000000000000000000000000000000001-1700000000000";
  private static final String R2 = "dddd000000000000000000000000000000000002-1700000100000";

  @TempDir Path root;
  private Stores stores;
  private RecordingStore store;
  private ExecutorService blocking;
  private Path published;
  private Path unpublished;

  @BeforeEach
  void setUp() throws Exception {
    stores = Stores.inMemory();
    store = stores.recordings();
    blocking = Executors.newFixedThreadPool(2);
    published = root.resolve("published");
    unpublished = root.resolve("unpublished");
    store.save(recording(R1, "m1", 1_000).withMetadata(Map.of("tenant-id", "acme"))).toCompletableFuture().get();
    store.save(recording(R2, "m2", 2_000).withMetadata(Map.of("tenant-id", "globex"))).toCompletableFuture().get();
    formatDirectory(published, "presentation", R1, "p1");
    formatDirectory(published, "presentation", R2, "p2");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    blocking.shutdownNow();
    assertThat(blocking.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    stores.close();
  }

  @Test
  void publishesRecordingsOfEveryTenantAsPublishRecordingsDoes() throws Exception {
    RecordingsApi api = api(RecordingFixtures.config(root));

    assertThat(body(api.publishAnyTenant(List.of(R1, R2), false))).contains("<published>false</published>");

    assertThat(unpublished.resolve("presentation").resolve(R1).resolve("metadata.xml")).hasContent("p1");
    assertThat(unpublished.resolve("presentation").resolve(R2).resolve("metadata.xml")).hasContent("p2");
    assertThat(stored(R1).published()).isFalse();
    assertThat(stored(R2).published()).isFalse();

    assertThat(body(api.publishAnyTenant(List.of(R2), true))).contains("<published>true</published>");
    assertThat(published.resolve("presentation").resolve(R2)).isDirectory();
    assertThat(stored(R1).published()).as("only the named recording").isFalse();
  }

  @Test
  void deletesRecordingsOfEveryTenantAsDeleteRecordingsDoes() throws Exception {
    RecordingsApi api = api(RecordingFixtures.config(root));

    assertThat(body(api.deleteAnyTenant(List.of(R1)))).contains("<deleted>true</deleted>");

    assertThat(published.resolve("presentation").resolve(R1)).doesNotExist();
    assertThat(stored(R1).state()).contains("deleted");
    assertThat(published.resolve("presentation").resolve(R2)).isDirectory();
  }

  @Test
  void answersNotFoundAndTouchesNothingWhenRecordingsAreDisabled() throws Exception {
    RecordingsApi api = api(RecordingFixtures.config(root, false, false, false, FORMATS));

    assertThat(body(api.publishAnyTenant(List.of(R1), false))).contains("<messageKey>notFound</messageKey>");
    assertThat(body(api.deleteAnyTenant(List.of(R1)))).contains("<messageKey>notFound</messageKey>");

    assertThat(published.resolve("presentation").resolve(R1)).isDirectory();
    assertThat(stored(R1).published()).isTrue();
  }

  private RecordingsApi api(RecordingsConfig config) {
    return new RecordingsApi(config, store, stores.recordingTokens(), new RecordingFiles(config), Clock.systemUTC(),
        blocking);
  }

  private Recording stored(String recordId) throws Exception {
    return store.get(recordId).toCompletableFuture().get().orElseThrow();
  }

  private static String body(CompletionStage<RecordingsResponse> response) throws Exception {
    return new String(response.toCompletableFuture().get(10, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8);
  }
}
