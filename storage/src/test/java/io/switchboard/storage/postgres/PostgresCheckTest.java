package io.switchboard.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health check of the PostgreSQL side ({@code SELECT 1}) on a real database. */
class PostgresCheckTest {
  private PostgresTestDatabase database;
  private PostgresRecordings postgres;

  @BeforeEach
  void openDatabase() {
    database = PostgresTestDatabase.create();
    postgres = PostgresRecordings.open(database.settings());
  }

  @AfterEach
  void dropDatabase() {
    postgres.close();
    database.close();
  }

  @Test
  void passesWhileTheDatabaseAnswers() {
    assertThat(postgres.check()).succeedsWithin(Duration.ofSeconds(10));
  }

  @Test
  void failsNamingTheDatabaseOnceItCannotBeReached() {
    postgres.close();

    assertThat(postgres.check().toCompletableFuture()).failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .withMessageContaining("PostgreSQL " + database.settings().redacted() + ": ");
  }
}
