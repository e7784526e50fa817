package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.switchboard.storage.Stores;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.TenantSetting;
import io.switchboard.storage.TenantStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scalelite's tenant keys (spec §7.5, §7.6), both ways: tenants and settings written by hand exactly as Scalelite's
 * {@code Tenant#save!} and {@code TenantSetting#save!} write them are read correctly, and what Switchboard writes is
 * exactly what Scalelite reads, with Switchboard's limits, attendees and setting order in keys of their own.
 */
@ExtendWith(RedisTestSupport.Required.class)
class ScaleliteTenantLayoutTest {
  private static final String T1 = "5ac4e2a2-6a4b-4e6b-9a8f-4a8b2a2f1c3d";
  private static final String T2 = "0b7e6a5c-1d2f-4e3a-8b9c-0d1e2f3a4b5c";

  private RedisTestSupport.Raw raw;
  private Stores stores;
  private TenantStore tenants;

  @BeforeEach
  void open() {
    String namespace = RedisTestSupport.namespace();
    raw = new RedisTestSupport.Raw(namespace);
    stores = RedisTestSupport.open(namespace, Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
    tenants = stores.tenants();
  }

  @AfterEach
  void close() {
    stores.close();
    raw.close();
  }

  private String key(String key) {
    return raw.key(key);
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** What Scalelite's rake tasks and admin API write; Switchboard reads. */
  @Nested
  class WrittenByScalelite {

    @BeforeEach
    void writeFixture() {
      var redis = raw.redis;
      // rake tenants:add[alpha,s1:s2:s3] then tenants:update_lrs / update_kc.
      redis.sadd(key("tenants"), T1, T2, "broken", "nameless", "gone");
      Map<String, String> alpha = new LinkedHashMap<>();
      alpha.put("name", "alpha");
      alpha.put("secrets", "s1:s2:s3");
      alpha.put("lrs_endpoint", "https://lrs.example.com/xapi");
      alpha.put("lrs_username", "lrs-user");
      alpha.put("lrs_password", "lrs-pass");
      alpha.put("kc_token_url", "https://kc.example.com/token");
      alpha.put("kc_client_id", "client");
      alpha.put("kc_client_secret", "client-secret");
      alpha.put("kc_username", "kc-user");
      alpha.put("kc_password", "kc-pass");
      redis.hset(key("tenant:" + T1), alpha);
      redis.hset(key("tenant_name:alpha"), "id", T1);
      redis.hset(key("tenant:" + T2), Map.of("name", "beta", "secrets", "only-secret"));
      redis.hset(key("tenant_name:beta"), "id", T2);
      // Hashes no Tenant can be made of: a name that is no host label, and no name at all.
      redis.hset(key("tenant:broken"), Map.of("name", "not a label", "secrets", "x"));
      redis.hset(key("tenant_name:not a label"), "id", "broken");
      redis.hset(key("tenant:nameless"), Map.of("secrets", "x"));

      // rake tenants:settings:add; an older Scalelite wrote no tenant_id into the hash.
      redis.sadd(key("tenant_settings:" + T1), "set-b", "set-a", "set-gone");
      redis.hset(key("tenant_setting:set-a"), Map.of("param", "record", "value", "false", "override", "true",
          "tenant_id", T1));
      redis.hset(key("tenant_setting:set-b"), Map.of("param", "welcome", "value", "Hello", "override", "false"));
    }

    @Test
    void tenantsAreReadWithTheirSecretsAndCredentialsAndNoLimits() {
      Tenant alpha = new Tenant(T1, "alpha", List.of("s1", "s2", "s3"), Map.of(
          "lrs_endpoint", "https://lrs.example.com/xapi", "lrs_username", "lrs-user", "lrs_password", "lrs-pass",
          "kc_token_url", "https://kc.example.com/token", "kc_client_id", "client", "kc_client_secret", "client-secret",
          "kc_username", "kc-user", "kc_password", "kc-pass"), TenantLimits.UNLIMITED);
      Tenant beta = new Tenant(T2, "beta", List.of("only-secret"), Map.of(), TenantLimits.UNLIMITED);

      assertThat(await(tenants.all())).containsExactly(alpha, beta);
      assertThat(await(tenants.find(T1))).contains(alpha);
      assertThat(await(tenants.findByName("alpha"))).contains(alpha);
      assertThat(await(tenants.findByName("beta"))).contains(beta);
    }

    @Test
    void unusableTenantHashesAreIgnored() {
      assertThat(await(tenants.find("broken"))).isEmpty();
      assertThat(await(tenants.find("nameless"))).isEmpty();
      assertThat(await(tenants.find("gone"))).isEmpty();
      assertThat(await(tenants.findByName("not a label"))).isEmpty();
      assertThat(await(tenants.all())).extracting(Tenant::id).containsExactly(T1, T2);
    }

    @Test
    void settingsAreReadFromTheTenantsSetWithOrWithoutTenantId() {
      assertThat(await(tenants.settings(T1))).containsExactly(
          new TenantSetting("set-a", T1, "record", "false", true),
          new TenantSetting("set-b", T1, "welcome", "Hello", false));
      assertThat(await(tenants.findSetting("set-a"))).contains(new TenantSetting("set-a", T1, "record", "false", true));
      assertThat(await(tenants.settings(T2))).isEmpty();
    }

    @Test
    void settingsSwitchboardAddsComeAfterScalelitesInTheirOrder() {
      await(tenants.saveSetting(new TenantSetting("set-z", T1, "meta_x", "1", false)));
      await(tenants.saveSetting(new TenantSetting("set-0", T1, "meta_y", "2", false)));
      await(tenants.saveSetting(new TenantSetting("set-b", T1, "welcome", "Hi", true)));

      assertThat(await(tenants.settings(T1))).extracting(TenantSetting::id)
          .containsExactly("set-a", "set-b", "set-z", "set-0");
      assertThat(raw.redis.hgetall(key("tenant_setting:set-b"))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "param", "welcome", "value", "Hi", "override", "true", "tenant_id", T1));
    }

    @Test
    void removingAScaleliteSettingDeletesItsHashAndMembership() {
      assertThat(await(tenants.removeSetting("set-a"))).isTrue();

      assertThat(raw.redis.exists(key("tenant_setting:set-a"))).isZero();
      assertThat(raw.redis.smembers(key("tenant_settings:" + T1))).containsExactlyInAnyOrder("set-b", "set-gone");
    }

    @Test
    void renamingAScaleliteTenantKeepsItsCredentialsAndMovesItsIndex() {
      Tenant alpha = await(tenants.find(T1)).orElseThrow();

      await(tenants.save(alpha.withName("gamma").withLimits(new TenantLimits(4, 40))));

      assertThat(raw.redis.hgetall(key("tenant:" + T1))).containsEntry("name", "gamma")
          .containsEntry("secrets", "s1:s2:s3").containsEntry("kc_password", "kc-pass").hasSize(10);
      assertThat(raw.redis.exists(key("tenant_name:alpha"))).isZero();
      assertThat(raw.redis.hgetall(key("tenant_name:gamma"))).containsExactly(entry("id", T1));
      assertThat(await(tenants.findByName("gamma"))).contains(alpha.withName("gamma")
          .withLimits(new TenantLimits(4, 40)));
    }

    @Test
    void removingAScaleliteTenantLeavesItsSettingsAsScaleliteDoes() {
      assertThat(await(tenants.remove(T1))).isTrue();

      assertThat(raw.redis.exists(key("tenant:" + T1), key("tenant_name:alpha"))).isZero();
      assertThat(raw.redis.smembers(key("tenants"))).doesNotContain(T1).contains(T2);
      assertThat(raw.redis.smembers(key("tenant_settings:" + T1))).hasSize(3);
      assertThat(raw.redis.exists(key("tenant_setting:set-a"), key("tenant_setting:set-b"))).isEqualTo(2);
    }
  }

  /** What Switchboard writes; Scalelite reads. */
  @Nested
  class WrittenBySwitchboard {

    @Test
    void aTenantIsScalelitesHashSetAndNameIndexWithLimitsOfOurOwn() {
      Tenant tenant = new Tenant(T1, "alpha", List.of("s1", "s2"),
          Map.of("lrs_endpoint", "https://lrs.example.com", "lrs_username", "u", "lrs_password", "p"),
          new TenantLimits(10, 250));

      await(tenants.save(tenant));

      assertThat(raw.redis.type(key("tenant:" + T1))).isEqualTo("hash");
      assertThat(raw.redis.hgetall(key("tenant:" + T1))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "name", "alpha", "secrets", "s1:s2", "lrs_endpoint", "https://lrs.example.com", "lrs_username", "u",
          "lrs_password", "p"));
      assertThat(raw.redis.type(key("tenants"))).isEqualTo("set");
      assertThat(raw.redis.smembers(key("tenants"))).containsExactly(T1);
      assertThat(raw.redis.type(key("tenant_name:alpha"))).isEqualTo("hash");
      assertThat(raw.redis.hgetall(key("tenant_name:alpha"))).containsExactly(entry("id", T1));
      assertThat(raw.redis.hgetall(key("tenant_limits:" + T1))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "max_meetings", "10", "max_attendees", "250"));
    }

    @Test
    void aRemovedCredentialIsDeletedAndUnlimitedDeletesTheLimits() {
      await(tenants.save(new Tenant(T1, "alpha", List.of("s1"),
          Map.of("lrs_endpoint", "https://lrs.example.com", "kc_password", "p"), new TenantLimits(1, 0))));
      raw.redis.hset(key("tenant:" + T1), "scalelite_future_field", "kept");

      await(tenants.save(new Tenant(T1, "alpha", List.of("s1"), Map.of("lrs_endpoint", "https://lrs.example.com"),
          TenantLimits.UNLIMITED)));

      assertThat(raw.redis.hgetall(key("tenant:" + T1))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "name", "alpha", "secrets", "s1", "lrs_endpoint", "https://lrs.example.com",
          "scalelite_future_field", "kept"));
      assertThat(raw.redis.exists(key("tenant_limits:" + T1))).isZero();
    }

    @Test
    void aRenameDropsTheOldIndexOnlyWhileItIsStillOurs() {
      await(tenants.save(new Tenant(T1, "alpha", List.of("s1"), Map.of(), TenantLimits.UNLIMITED)));
      await(tenants.save(new Tenant(T2, "beta", List.of("s2"), Map.of(), TenantLimits.UNLIMITED)));
      await(tenants.save(new Tenant(T1, "gamma", List.of("s1"), Map.of(), TenantLimits.UNLIMITED)));
      assertThat(raw.redis.exists(key("tenant_name:alpha"))).isZero();

      await(tenants.save(new Tenant(T2, "gamma", List.of("s2"), Map.of(), TenantLimits.UNLIMITED)));
      await(tenants.save(new Tenant(T1, "delta", List.of("s1"), Map.of(), TenantLimits.UNLIMITED)));

      assertThat(raw.redis.hgetall(key("tenant_name:gamma"))).containsExactly(entry("id", T2));
      assertThat(raw.redis.hgetall(key("tenant_name:delta"))).containsExactly(entry("id", T1));
      assertThat(raw.redis.exists(key("tenant_name:beta"))).isZero();
    }

    @Test
    void removeDeletesTheTenantItsIndexAndLimitsButNotATakersIndex() {
      await(tenants.save(new Tenant(T1, "alpha", List.of("s1"), Map.of(), new TenantLimits(2, 2))));
      await(tenants.save(new Tenant(T2, "beta", List.of("s2"), Map.of(), TenantLimits.UNLIMITED)));
      raw.redis.hset(key("tenant_name:alpha"), "id", T2);

      assertThat(await(tenants.remove(T1))).isTrue();
      assertThat(await(tenants.remove(T2))).isTrue();

      assertThat(raw.redis.exists(key("tenant:" + T1), key("tenant:" + T2), key("tenant_limits:" + T1),
          key("tenant_name:beta"))).isZero();
      assertThat(raw.redis.hgetall(key("tenant_name:alpha"))).containsExactly(entry("id", T2));
      assertThat(raw.redis.exists(key("tenants"))).isZero();
    }

    @Test
    void aSettingIsScalelitesHashInItsTenantsSetWithOurOrderList() {
      await(tenants.saveSetting(new TenantSetting("set-2", T1, "meta_server-tag", "gpu", true)));
      await(tenants.saveSetting(new TenantSetting("set-1", T1, "record", "true", false)));

      assertThat(raw.redis.hgetall(key("tenant_setting:set-2"))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "param", "meta_server-tag", "value", "gpu", "override", "true", "tenant_id", T1));
      assertThat(raw.redis.hgetall(key("tenant_setting:set-1"))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "param", "record", "value", "true", "override", "false", "tenant_id", T1));
      assertThat(raw.redis.type(key("tenant_settings:" + T1))).isEqualTo("set");
      assertThat(raw.redis.smembers(key("tenant_settings:" + T1))).containsExactlyInAnyOrder("set-1", "set-2");
      assertThat(raw.redis.lrange(key("tenant_settings_order:" + T1), 0, -1)).containsExactly("set-2", "set-1");

      await(tenants.saveSetting(new TenantSetting("set-2", T2, "meta_server-tag", "gpu", true)));
      await(tenants.removeSetting("set-1"));

      assertThat(raw.redis.exists(key("tenant_settings:" + T1), key("tenant_settings_order:" + T1),
          key("tenant_setting:set-1"))).isZero();
      assertThat(raw.redis.smembers(key("tenant_settings:" + T2))).containsExactly("set-2");
      assertThat(raw.redis.hget(key("tenant_setting:set-2"), "tenant_id")).isEqualTo(T2);
    }

    @Test
    void attendeesAreOneHashReplacedWhole() {
      await(tenants.saveAttendees(Map.of(T1, 12, T2, 0)));
      assertThat(raw.redis.hgetall(key("tenant_attendees"))).containsExactlyInAnyOrderEntriesOf(Map.of(
          T1, "12", T2, "0"));

      await(tenants.saveAttendees(Map.of(T2, 5)));

      assertThat(raw.redis.hgetall(key("tenant_attendees"))).containsExactly(entry(T2, "5"));
    }

    @Test
    void manyTenantsAttendeesAreWrittenInOneReplacement() {
      Map<String, Integer> many = new LinkedHashMap<>();
      for (int i = 0; i < 2_500; i++) {
        many.put("tenant-" + i, i);
      }

      await(tenants.saveAttendees(many));

      assertThat(raw.redis.hlen(key("tenant_attendees"))).isEqualTo(2_500);
      assertThat(await(tenants.attendees("tenant-2499"))).isEqualTo(2_499);
    }

    @Test
    void everyKeyIsScalelitesOrOneOfOurTenantKeys() {
      await(tenants.save(new Tenant(T1, "alpha", List.of("s1"), Map.of(), new TenantLimits(1, 1))));
      await(tenants.saveSetting(new TenantSetting("set-1", T1, "record", "true", false)));
      await(tenants.saveAttendees(Map.of(T1, 3)));

      assertThat(raw.keys()).containsExactlyInAnyOrder(key("tenants"), key("tenant:" + T1), key("tenant_name:alpha"),
          key("tenant_limits:" + T1), key("tenant_settings:" + T1), key("tenant_setting:set-1"),
          key("tenant_settings_order:" + T1), key("tenant_attendees"));
    }
  }
}
