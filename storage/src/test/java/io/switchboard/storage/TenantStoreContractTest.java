package io.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TenantStore} owes its callers (spec §7.5, §7.6, plus Switchboard's limits). An
 * implementation's test extends this class and supplies fresh, empty stores; the test-jar of this module carries it
 * to other modules.
 */
public abstract class TenantStoreContractTest {
  protected Stores stores;
  protected TenantStore store;

  /** Fresh, empty stores. */
  protected abstract Stores newStores();

  @BeforeEach
  void openStore() {
    stores = newStores();
    store = stores.tenants();
  }

  @AfterEach
  void closeStores() {
    stores.close();
  }

  @Test
  public void unknownTenantIsNotFound() {
    assertThat(await(store.find("t-1"))).isEmpty();
    assertThat(await(store.findByName("alpha"))).isEmpty();
    assertThat(await(store.all())).isEmpty();
    assertThat(await(store.remove("t-1"))).isFalse();
  }

  @Test
  public void savedTenantIsFoundByIdAndByName() {
    Tenant tenant = tenant("t-1", "alpha");

    await(store.save(tenant));

    assertThat(await(store.find("t-1"))).contains(tenant);
    assertThat(await(store.findByName("alpha"))).contains(tenant);
    assertThat(await(store.findByName("Alpha"))).isEmpty();
    assertThat(await(store.all())).containsExactly(tenant);
  }

  @Test
  public void allListsTenantsByName() {
    await(store.save(tenant("t-1", "gamma")));
    await(store.save(tenant("t-2", "alpha")));
    await(store.save(tenant("t-3", "beta")));

    assertThat(await(store.all())).extracting(Tenant::name).containsExactly("alpha", "beta", "gamma");
  }

  @Test
  public void saveReplacesTheTenantWithItsId() {
    await(store.save(tenant("t-1", "alpha").withCredentials(Map.of("lrs_endpoint", "https://lrs.example.com"))));
    Tenant changed = tenant("t-1", "alpha").withSecrets(List.of("new-secret"));

    await(store.save(changed));

    assertThat(await(store.find("t-1"))).contains(changed);
    assertThat(await(store.all())).containsExactly(changed);
  }

  @Test
  public void secretsKeepTheirOrder() {
    Tenant tenant = tenant("t-1", "alpha").withSecrets(List.of("zeta-secret", "alpha-secret", "mid-secret"));

    await(store.save(tenant));

    assertThat(await(store.find("t-1"))).get().extracting(Tenant::secrets)
        .isEqualTo(List.of("zeta-secret", "alpha-secret", "mid-secret"));
  }

  @Test
  public void renameMovesTheName() {
    await(store.save(tenant("t-1", "alpha")));
    Tenant renamed = tenant("t-1", "beta");

    await(store.save(renamed));

    assertThat(await(store.findByName("alpha"))).isEmpty();
    assertThat(await(store.findByName("beta"))).contains(renamed);
    assertThat(await(store.all())).containsExactly(renamed);
  }

  @Test
  public void aTenantSavedUnderATakenNameTakesItOver() {
    Tenant first = tenant("t-1", "alpha");
    await(store.save(first));
    Tenant second = tenant("t-2", "alpha");

    await(store.save(second));

    assertThat(await(store.findByName("alpha"))).contains(second);
    assertThat(await(store.find("t-1"))).contains(first);
    await(store.save(first.withName("gamma")));
    assertThat(await(store.findByName("alpha"))).contains(second);
    assertThat(await(store.remove("t-1"))).isTrue();
    assertThat(await(store.findByName("alpha"))).contains(second);
  }

  @Test
  public void removeForgetsTheTenantAndItsNameButKeepsItsSettings() {
    await(store.save(tenant("t-1", "alpha").withLimits(new TenantLimits(3, 30))));
    TenantSetting setting = new TenantSetting("s-1", "t-1", "record", "false", true);
    await(store.saveSetting(setting));

    assertThat(await(store.remove("t-1"))).isTrue();

    assertThat(await(store.remove("t-1"))).isFalse();
    assertThat(await(store.find("t-1"))).isEmpty();
    assertThat(await(store.findByName("alpha"))).isEmpty();
    assertThat(await(store.all())).isEmpty();
    assertThat(await(store.settings("t-1"))).containsExactly(setting);
    assertThat(await(store.findSetting("s-1"))).contains(setting);
  }

  @Test
  public void limitsRoundTrip() {
    Tenant limited = tenant("t-1", "alpha").withLimits(new TenantLimits(5, 120));
    await(store.save(limited));
    assertThat(await(store.find("t-1"))).contains(limited);
    assertThat(await(store.findByName("alpha"))).get().extracting(Tenant::limits).isEqualTo(new TenantLimits(5, 120));

    Tenant meetingsOnly = limited.withLimits(new TenantLimits(2, 0));
    await(store.save(meetingsOnly));
    assertThat(await(store.find("t-1"))).contains(meetingsOnly);

    await(store.save(limited.withLimits(TenantLimits.UNLIMITED)));
    assertThat(await(store.find("t-1"))).get().extracting(Tenant::limits).isEqualTo(TenantLimits.UNLIMITED);
  }

  @Test
  public void credentialsRoundTripAndARemovedOneIsGone() {
    Map<String, String> all = new LinkedHashMap<>();
    for (String field : Tenant.CREDENTIAL_FIELDS) {
      all.put(field, "value of " + field + " with : and é");
    }
    Tenant full = tenant("t-1", "alpha").withCredentials(all);
    await(store.save(full));
    assertThat(await(store.find("t-1"))).contains(full);

    Tenant fewer = full.withCredentials(Map.of("kc_client_id", "switchboard", "lrs_endpoint", "https://lrs.example"));
    await(store.save(fewer));

    assertThat(await(store.find("t-1"))).get().extracting(Tenant::credentials)
        .isEqualTo(Map.of("kc_client_id", "switchboard", "lrs_endpoint", "https://lrs.example"));
  }

  @Test
  public void settingsAreListedInTheOrderTheyWereAdded() {
    List<String> ids = List.of("s-5", "s-1", "s-4", "s-2", "s-3");
    for (String id : ids) {
      await(store.saveSetting(new TenantSetting(id, "t-1", "param-" + id, "v", false)));
    }
    await(store.saveSetting(new TenantSetting("s-9", "t-2", "record", "true", true)));

    assertThat(await(store.settings("t-1"))).extracting(TenantSetting::id).containsExactlyElementsOf(ids);
    assertThat(await(store.settings("t-2"))).extracting(TenantSetting::id).containsExactly("s-9");
    assertThat(await(store.settings("t-3"))).isEmpty();
  }

  @Test
  public void savingASettingAgainReplacesItInPlace() {
    await(store.saveSetting(new TenantSetting("s-2", "t-1", "record", "true", false)));
    await(store.saveSetting(new TenantSetting("s-1", "t-1", "welcome", "Hello", true)));
    TenantSetting changed = new TenantSetting("s-2", "t-1", "record", "false", true);

    await(store.saveSetting(changed));

    assertThat(await(store.settings("t-1"))).containsExactly(changed,
        new TenantSetting("s-1", "t-1", "welcome", "Hello", true));
    assertThat(await(store.findSetting("s-2"))).contains(changed);
  }

  @Test
  public void aSettingSavedForAnotherTenantMovesThere() {
    await(store.saveSetting(new TenantSetting("s-1", "t-1", "record", "true", false)));
    TenantSetting moved = new TenantSetting("s-1", "t-2", "record", "true", false);

    await(store.saveSetting(moved));

    assertThat(await(store.settings("t-1"))).isEmpty();
    assertThat(await(store.settings("t-2"))).containsExactly(moved);
  }

  @Test
  public void removeSettingForgetsItAndTellsWhetherItExisted() {
    TenantSetting kept = new TenantSetting("s-1", "t-1", "welcome", "", false);
    await(store.saveSetting(kept));
    await(store.saveSetting(new TenantSetting("s-2", "t-1", "record", "true", true)));

    assertThat(await(store.removeSetting("s-2"))).isTrue();

    assertThat(await(store.removeSetting("s-2"))).isFalse();
    assertThat(await(store.findSetting("s-2"))).isEmpty();
    assertThat(await(store.settings("t-1"))).containsExactly(kept);
    assertThat(await(store.findSetting("s-3"))).isEmpty();
  }

  @Test
  public void attendeesAreReplacedBySave() {
    assertThat(await(store.attendees("t-1"))).isZero();
    await(store.saveAttendees(Map.of("t-1", 12, "t-2", 7)));
    assertThat(await(store.attendees("t-1"))).isEqualTo(12);
    assertThat(await(store.attendees("t-2"))).isEqualTo(7);

    await(store.saveAttendees(Map.of("t-2", 3)));

    assertThat(await(store.attendees("t-1"))).isZero();
    assertThat(await(store.attendees("t-2"))).isEqualTo(3);
    await(store.saveAttendees(Map.of()));
    assertThat(await(store.attendees("t-2"))).isZero();
  }

  protected static Tenant tenant(String id, String name) {
    return new Tenant(id, name, List.of("secret-" + id, "other-" + id), Map.of(), TenantLimits.UNLIMITED);
  }

  protected static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
