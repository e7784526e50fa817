package io.switchboard.storage.postgres;

import io.switchboard.storage.recordings.RecordingStore;
import io.switchboard.storage.recordings.RecordingStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The recordings contract on real PostgreSQL, prepared statements cached (the default). */
class PostgresRecordingStoreTest extends RecordingStoreContractTest {
  private static PostgresTestDatabase database;
  private static PostgresRecordings postgres;

  @BeforeAll
  static void openDatabase() {
    database = PostgresTestDatabase.create();
    postgres = PostgresRecordings.open(database.settings(true));
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
}
