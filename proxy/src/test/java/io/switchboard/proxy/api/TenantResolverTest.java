package io.switchboard.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.rewrite.TenantParams;
import io.switchboard.storage.Stores;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.TenantSetting;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantResolverTest {
  private static final Tenant ACME =
      new Tenant("t-1", "acme", List.of("s1"), Map.of(), TenantLimits.UNLIMITED);

  @ParameterizedTest(name = "Host {0} names {1}")
  @CsvSource({
      "acme.sb.example.com, acme",
      "acme.sb.example.com:8443, acme",
      "' acme.sb.example.com ', acme",
      "localhost:8080, localhost",
      "'', ''",
      "[::1]:8080, ''",
      ".sb.example.com, ''",
  })
  void theTenantIsTheFirstLabelOfTheHost(String host, String name) {
    assertThat(TenantResolver.tenantName(host)).isEqualTo(name);
  }

  @Test
  void resolvesTheHostsTenantAndNothingForOtherHosts() {
    Stores stores = Stores.inMemory();
    stores.tenants().save(ACME).toCompletableFuture().join();
    TenantResolver resolver = new TenantResolver(stores.tenants());

    assertThat(resolver.resolve("acme.sb.example.com").toCompletableFuture().join()).contains(ACME);
    assertThat(resolver.resolve("other.sb.example.com").toCompletableFuture().join()).isEmpty();
    assertThat(resolver.resolve("").toCompletableFuture().join()).isEmpty();
  }

  @Test
  void settingsSplitIntoDefaultsAndOverridesAndALaterSettingOfANameWins() {
    List<TenantSetting> settings = List.of(
        new TenantSetting("1", "t-1", "record", "false", false),
        new TenantSetting("2", "t-1", "welcome", "Hi", true),
        new TenantSetting("3", "t-1", "record", "true", false),
        new TenantSetting("4", "t-1", "record", "forced", true));

    TenantParams params = TenantScope.params(ACME, settings);

    assertThat(params.id()).isEqualTo("t-1");
    assertThat(params.name()).isEqualTo("acme");
    assertThat(params.defaults()).containsExactly(Map.entry("record", "true"));
    assertThat(params.overrides()).containsExactly(Map.entry("welcome", "Hi"), Map.entry("record", "forced"));
    assertThat(TenantScope.params(Stores.inMemory(), Optional.empty())
        .toCompletableFuture().join()).isEmpty();
  }
}
