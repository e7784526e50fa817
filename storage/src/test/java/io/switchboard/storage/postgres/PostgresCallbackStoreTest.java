package io.switchboard.storage.postgres;

import io.switchboard.storage.CallbackStore;
import io.switchboard.storage.CallbackStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The callback contract on real PostgreSQL. */
class PostgresCallbackStoreTest extends CallbackStoreContractTest {
  private static PostgresTestDatabase database;
  private static PostgresRecordings postgres;

  @BeforeAll
  static void openDatabase() {
    database = PostgresTestDatabase.create();
    postgres = PostgresRecordings.open(database.settings());
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
  protected CallbackStore newStore() {
    database.truncate();
    return postgres.callbacks();
  }
}
