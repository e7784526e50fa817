package io.switchboard.proxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import io.switchboard.storage.MeetingRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixture's two kinds of store really are what they say: a SHARED fixture keeps its state in its own Redis namespace
 * and PostgreSQL database and removes both on close; an EMBEDDED one touches neither.
 */
class SwitchboardFixtureTest {
  private static final String RECORD_ID = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";

  @Test
  void sharedFixtureWritesItsOwnNamespaceAndDatabaseAndRemovesThemOnClose() throws Exception {
    SharedStores shared;
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(StoreKind.SHARED, 1)) {
      assertThat(switchboard.kind()).isEqualTo(StoreKind.SHARED);
      shared = switchboard.shared().orElseThrow();
      assertThat(shared.namespace()).matches("sbtest-[0-9a-f]{12}");
      assertThat(shared.database()).matches("sbtest_[0-9a-f]{12}");

      switchboard.get("create", "meetingID=in-redis&name=Room+R");
      assertThat(shared.keys()).as("Scalelite's keys, in the fixture's namespace")
          .contains(shared.namespace() + ":meeting:in-redis", shared.namespace() + ":meetings",
              shared.namespace() + ":servers", shared.namespace() + ":server:bbb0");

      RecordingTarballs.write(switchboard.recordingsRoot().resolve("spool"), RECORD_ID, "in-redis");
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      List<String> rows = List.of();
      while (rows.isEmpty() && Instant.now().isBefore(deadline)) {
        rows = shared.query("SELECT record_id FROM recordings");
        Thread.sleep(100);
      }
      assertThat(rows).as("the recording is indexed in the fixture's database").containsExactly(RECORD_ID);
    }
    assertThat(shared.keys()).as("the namespace is emptied on close").isEmpty();
    assertThat(SharedStores.databaseExists(shared.database())).as("the database is dropped on close").isFalse();
  }

  @Test
  void restartOfASharedFixtureKeepsItsStoresAndItsCloseRemovesThem() {
    SharedStores shared;
    SwitchboardFixture first = SwitchboardFixture.start(StoreKind.SHARED, 1);
    first.get("create", "meetingID=kept&name=Room+K");
    MeetingRecord before = first.stores().meetings().find("kept").toCompletableFuture().join().orElseThrow();
    try (SwitchboardFixture restarted = first.restart()) {
      shared = restarted.shared().orElseThrow();
      assertThat(shared).isSameAs(first.shared().orElseThrow());
      assertThat(restarted.stores().meetings().find("kept").toCompletableFuture().join()).contains(before);
    }
    assertThat(shared.keys()).isEmpty();
  }

  @Test
  void embeddedFixtureIsTheDefaultAndSharesNothing() {
    try (SwitchboardFixture switchboard = SwitchboardFixture.start(1)) {
      assertThat(switchboard.kind()).isEqualTo(StoreKind.EMBEDDED);
      assertThat(switchboard.shared()).isEmpty();
      switchboard.get("create", "meetingID=in-memory&name=Room+M");
      assertThat(switchboard.stores().meetings().find("in-memory").toCompletableFuture().join()).isPresent();
      assertThat(switchboard.stores().recordings().recordIds().toCompletableFuture().join()).isEmpty();
    }
  }
}
