package io.switchboard.storage.postgres;

import io.switchboard.storage.recordings.RecordingStore;
import io.switchboard.storage.recordings.RecordingStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The recordings contract with prepared statements off (unnamed statements only, as PgBouncer's transaction pooling
 * needs). The 10,000-recording test runs once, in {@link PostgresRecordingStoreTest}.
 */
class PostgresRecordingStoreUnpreparedTest extends RecordingStoreContractTest {
  private static PostgresTestDatabase database;
  private static PostgresRecordings postgres;

  @BeforeAll
  static void openDatabase() {
    database = PostgresTestDatabase.create();
    postgres = PostgresRecordings.open(database.settings(false));
  }

  @AfterAll
  static void dropDatabase() {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }

  @Override
  protected RecordingStore newStore() {
    database.truncate();
    return postgres.recordings();
  }

  @Override
  @Test
  @Disabled("the same statements at scale run in PostgresRecordingStoreTest")
  public void findsOneMeetingsRecordingsAmongTenThousand() {}
}
