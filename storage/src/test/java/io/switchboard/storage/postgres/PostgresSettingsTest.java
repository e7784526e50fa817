package io.switchboard.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.conf.DatabaseConfig;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DATABASE_URL as Scalelite takes it. */
class PostgresSettingsTest {

  @Test
  void takesEveryPartOfAScaleliteDatabaseUrl() {
    PostgresSettings settings = new PostgresSettings(
        URI.create("postgres://scalelite:p%40ss+word@scalelite_db:5433/scalelite_production?sslmode=require"), 7,
        false);

    PgConnectOptions options = settings.connectOptions();

    assertThat(options.getHost()).isEqualTo("scalelite_db");
    assertThat(options.getPort()).isEqualTo(5433);
    assertThat(options.getUser()).isEqualTo("scalelite");
    assertThat(options.getPassword()).isEqualTo("p@ss+word");
    assertThat(options.getDatabase()).isEqualTo("scalelite_production");
    assertThat(options.getSslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(options.getCachePreparedStatements()).isFalse();
    assertThat(settings.poolSize()).isEqualTo(7);
    assertThat(settings.database()).isEqualTo("scalelite_production");
  }

  @Test
  void defaultsAreLibpqsAndScalelites() {
    PgConnectOptions options = PostgresSettings.of("postgresql://db.example.com").connectOptions();

    assertThat(options.getPort()).isEqualTo(5432);
    assertThat(options.getDatabase()).isEqualTo("scalelite");
    assertThat(options.getSslMode()).isEqualTo(SslMode.PREFER);
    assertThat(options.getUser()).isEqualTo(System.getProperty("user.name"));
    assertThat(options.getCachePreparedStatements()).isTrue();
    assertThat(PostgresSettings.of("postgresql://db.example.com").poolSize())
        .isEqualTo(PostgresSettings.DEFAULT_POOL_SIZE);
  }

  @Test
  void takesIpv6HostsAndConnectTimeout() {
    PostgresSettings settings = PostgresSettings.of("postgres://u@[::1]:6543/db?connect_timeout=3&pool=5");

    assertThat(settings.connectOptions().getHost()).isEqualTo("::1");
    assertThat(settings.connectOptions().getPort()).isEqualTo(6543);
    assertThat(settings.connectTimeoutMillis()).isEqualTo(3000);
  }

  @Test
  void takesSwitchboardsDatabaseConfiguration() {
    PostgresSettings settings = PostgresSettings.from(new DatabaseConfig(
        Optional.of(URI.create("postgresql://sl:pw@scalelite_db/scalelite")), 9, false));

    assertThat(settings.poolSize()).isEqualTo(9);
    assertThat(settings.preparedStatements()).isFalse();
    assertThat(settings.connectOptions().getHost()).isEqualTo("scalelite_db");
    assertThat(settings.connectOptions().getPassword()).isEqualTo("pw");
    assertThatThrownBy(() -> PostgresSettings.from(new DatabaseConfig(Optional.empty(), 5, true)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DATABASE_URL");
  }

  @Test
  void neverShowsThePassword() {
    PostgresSettings settings = PostgresSettings.of("postgres://scalelite:secret@db:5432/scalelite");

    assertThat(settings.toString()).doesNotContain("secret").contains("<hidden>").contains("db:5432/scalelite");
    assertThat(settings.redacted()).isEqualTo("postgres://scalelite:<hidden>@db:5432/scalelite");
  }

  @Test
  void rejectsWhatIsNotAPostgresUrl() {
    assertThatThrownBy(() -> PostgresSettings.of("mysql://db/x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgres://");
    assertThatThrownBy(() -> PostgresSettings.of("postgres://db:0/x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("url: postgres://db:0/x (expected: a postgres://");
    assertThatThrownBy(() -> PostgresSettings.of("postgres://db/x?sslmode=sometimes"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sslmode");
    assertThatThrownBy(() -> PostgresSettings.of("postgres://db/x/y")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database");
    assertThatThrownBy(() -> new PostgresSettings(URI.create("postgres://db/x"), 0, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
    assertThatThrownBy(() -> PostgresSettings.of("postgres://user:secret@db:99999/x"))
        .hasMessageNotContaining("secret");
  }
}
