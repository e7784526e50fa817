package io.switchboard.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.TenantSetting;
import io.switchboard.storage.TenantStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tenant and tenant-setting endpoints of the admin API (spec §10.1, §7.5, §7.6) against a real multitenant
 * Switchboard, on either kind of store ({@link TenantsAdminEmbeddedTest}, {@link TenantsAdminSharedTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TenantsAdminTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  private SwitchboardFixture switchboard;

  /** The stores the Switchboard under test keeps its state in. */
  abstract StoreKind kind();

  @BeforeAll
  void start() {
    switchboard = SwitchboardFixture.start(kind(), 1, "switchboard.tenants.enabled = true");
  }

  @AfterAll
  void stop() {
    switchboard.close();
  }

  /** Forgets every tenant and setting the test made. */
  @AfterEach
  void reset() {
    for (Tenant tenant : store().all().toCompletableFuture().join()) {
      for (TenantSetting setting : store().settings(tenant.id()).toCompletableFuture().join()) {
        store().removeSetting(setting.id()).toCompletableFuture().join();
      }
      store().remove(tenant.id()).toCompletableFuture().join();
    }
  }

  private TenantStore store() {
    return switchboard.stores().tenants();
  }

  private static URI url(SwitchboardFixture instance, String call, String query, String secret) {
    String checksum = SwitchboardFixture.checksum(call + query + secret, "SHA-256");
    return URI.create("http://127.0.0.1:" + instance.port() + "/scalelite/api/" + call + "?"
        + (query.isEmpty() ? "" : query + "&") + "checksum=" + checksum);
  }

  private HttpResponse<String> get(String call, String query) {
    return get(switchboard, call, query);
  }

  private static HttpResponse<String> get(SwitchboardFixture instance, String call, String query) {
    return instance.get(url(instance, call, query, SwitchboardFixture.SECRET));
  }

  private HttpResponse<String> post(String call, String json) {
    return post(switchboard, call, json);
  }

  private static HttpResponse<String> post(SwitchboardFixture instance, String call, String json) {
    return instance.send(HttpRequest.newBuilder(url(instance, call, "", SwitchboardFixture.SECRET))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Tenant stored(String id) {
    return store().find(id).toCompletableFuture().join().orElseThrow();
  }

  private List<Tenant> all() {
    return store().all().toCompletableFuture().join();
  }

  /** Adds a tenant through the API and answers its id. */
  private String add(String name, String secrets) {
    HttpResponse<String> response = post("addTenant",
        "{\"tenant\":{\"name\":\"" + name + "\",\"secrets\":\"" + secrets + "\"}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).get("tenant").get("id").asText();
  }

  private String addSetting(String tenantId, String param, String value, boolean override) {
    HttpResponse<String> response = post("addTenantSetting", "{\"tenant_setting\":{\"tenant_id\":\"" + tenantId
        + "\",\"param\":\"" + param + "\",\"value\":\"" + value + "\",\"override\":" + override + "}}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).get("tenant_setting").get("id").asText();
  }

  @Test
  void noTenantsIsAMessageNotAnEmptyArray() {
    HttpResponse<String> response = get("getTenants", "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"message\":\"No tenants exist\"}");
  }

  @Test
  void addTenantStoresItAndAnswersItInTheTenantEnvelope() {
    HttpResponse<String> response = post("addTenant", "{\"tenant\":{\"name\":\"acme\",\"secrets\":\"s1:s2\"}}");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode tenant = json(response).get("tenant");
    String id = tenant.get("id").asText();
    assertThat(id).matches(UUID);
    assertThat(tenant.get("name").asText()).isEqualTo("acme");
    assertThat(tenant.get("secrets").asText()).isEqualTo("s1:s2");
    assertThat(tenant.get("max_meetings").asInt()).isZero();
    assertThat(tenant.get("max_attendees").asInt()).isZero();
    Tenant stored = stored(id);
    assertThat(stored.name()).isEqualTo("acme");
    assertThat(stored.secrets()).containsExactly("s1", "s2");
    assertThat(stored.limits()).isEqualTo(TenantLimits.UNLIMITED);
    assertThat(store().findByName("acme").toCompletableFuture().join()).contains(stored);
  }

  @Test
  void aBodyWithoutTheEnvelopeIsWrappedAndMayCarryLimitsAndCredentials() {
    HttpResponse<String> response = post("addTenant", """
        {"name": "globex", "secrets": "g1", "max_meetings": 5, "max_attendees": "200",
         "lrs_endpoint": "https://lrs.example.com/xapi", "lrs_username": "u", "lrs_password": "p"}""");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode tenant = json(response).get("tenant");
    assertThat(tenant.get("lrs_endpoint").asText()).isEqualTo("https://lrs.example.com/xapi");
    assertThat(tenant.get("max_meetings").asInt()).isEqualTo(5);
    Tenant stored = stored(tenant.get("id").asText());
    assertThat(stored.limits()).isEqualTo(new TenantLimits(5, 200));
    assertThat(stored.credentials()).containsOnly(Map.entry("lrs_endpoint", "https://lrs.example.com/xapi"),
        Map.entry("lrs_username", "u"), Map.entry("lrs_password", "p"));
  }

  @Test
  void getTenantsListsIdNameSecretsAndLimitsByName() {
    String zeta = add("zeta", "z1");
    String alpha = add("alpha", "a1:a2");

    HttpResponse<String> response = get("getTenants", "");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode list = json(response);
    assertThat(list).hasSize(2);
    assertThat(list.get(0).properties()).extracting(Map.Entry::getKey)
        .containsExactly("id", "name", "secrets", "max_meetings", "max_attendees");
    assertThat(list.get(0).get("id").asText()).isEqualTo(alpha);
    assertThat(list.get(0).get("secrets").asText()).isEqualTo("a1:a2");
    assertThat(list.get(1).get("id").asText()).isEqualTo(zeta);
  }

  @Test
  void getTenantInfoIsTheWholeRecordAndUnknownIdsAre404() {
    String id = add("initech", "i1");
    post("updateTenant", "{\"id\":\"" + id + "\",\"tenant\":{\"kc_token_url\":\"https://kc.example.com/token\"}}");

    HttpResponse<String> response = get("getTenantInfo", "id=" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode tenant = json(response);
    assertThat(tenant.get("id").asText()).isEqualTo(id);
    assertThat(tenant.get("name").asText()).isEqualTo("initech");
    assertThat(tenant.get("secrets").asText()).isEqualTo("i1");
    assertThat(tenant.get("kc_token_url").asText()).isEqualTo("https://kc.example.com/token");
    assertThat(tenant.has("lrs_endpoint")).as("only the credentials it has").isFalse();
    assertThat(tenant.get("new_record").asBoolean()).isFalse();
    assertThat(tenant.get("destroyed").asBoolean()).isFalse();

    HttpResponse<String> missing = get("getTenantInfo", "id=nonexistent-id");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"error\":\"Couldn't find Tenant with id=nonexistent-id\"}");
  }

  @Test
  void addTenantErrorsAddNothing() {
    add("acme", "s1");

    HttpResponse<String> noSecrets = post("addTenant", "{\"tenant\":{\"name\":\"other\"}}");
    assertThat(noSecrets.statusCode()).isEqualTo(400);
    assertThat(noSecrets.body())
        .isEqualTo("{\"message\":\"Error: both name and secrets are required to create a Tenant\"}");
    HttpResponse<String> blankName = post("addTenant", "{\"tenant\":{\"name\":\" \",\"secrets\":\"s\"}}");
    assertThat(blankName.statusCode()).isEqualTo(400);
    assertThat(json(blankName).get("message").asText()).startsWith("Error: both name and secrets");
    HttpResponse<String> badNameNoSecrets = post("addTenant", "{\"tenant\":{\"name\":\"a.b\"}}");
    assertThat(json(badNameNoSecrets).get("message").asText()).as("what is missing comes first, as in Scalelite")
        .startsWith("Error: both name and secrets");

    HttpResponse<String> notALabel = post("addTenant", "{\"tenant\":{\"name\":\"acme.example\",\"secrets\":\"s\"}}");
    assertThat(notALabel.statusCode()).isEqualTo(400);
    assertThat(json(notALabel).get("error").asText()).startsWith("Tenant name acme.example is not a DNS label");
    assertThat(post("addTenant", "{\"tenant\":{\"name\":\"-acme\",\"secrets\":\"s\"}}").statusCode()).isEqualTo(400);

    HttpResponse<String> blankSecret = post("addTenant", "{\"tenant\":{\"name\":\"other\",\"secrets\":\"a::b\"}}");
    assertThat(blankSecret.statusCode()).isEqualTo(400);
    assertThat(json(blankSecret).get("error").asText()).isEqualTo("Secrets must be colon-separated, none of them blank");
    assertThat(post("addTenant", "{\"tenant\":{\"name\":\"other\",\"secrets\":\"a:\"}}").statusCode()).isEqualTo(400);
    assertThat(post("addTenant", "{\"tenant\":{\"name\":\"other\",\"secrets\":[\"a\"]}}").statusCode())
        .isEqualTo(400);
    assertThat(post("addTenant", "{\"tenant\":{\"name\":\"other\",\"secrets\":\"a\",\"max_meetings\":-1}}")
        .statusCode()).isEqualTo(400);

    HttpResponse<String> taken = post("addTenant", "{\"tenant\":{\"name\":\"ACME\",\"secrets\":\"s2\"}}");
    assertThat(taken.statusCode()).isEqualTo(422);
    assertThat(taken.body()).isEqualTo("{\"error\":\"Tenant name ACME is already taken\"}");

    HttpResponse<String> empty = post("addTenant", "{}");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.body()).contains("<messageKey>internalError</messageKey>")
        .contains("param is missing or the value is empty: tenant");

    assertThat(all()).extracting(Tenant::name).containsExactly("acme");
  }

  @Test
  void updateTenantRenamesChangesSecretsLimitsAndCredentials() {
    String id = add("acme", "s1");
    post("updateTenant", "{\"id\":\"" + id + "\",\"tenant\":{\"lrs_password\":\"old\",\"kc_username\":\"k\"}}");

    HttpResponse<String> response = post("updateTenant", """
        {"id": "%s", "tenant": {"name": "acme2", "secrets": "n1:n2", "max_meetings": 3, "max_attendees": 40,
                                "lrs_endpoint": "https://lrs.example.com", "lrs_password": "", "kc_username": "k2"}}"""
        .formatted(id));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode tenant = json(response).get("tenant");
    assertThat(tenant.get("name").asText()).isEqualTo("acme2");
    assertThat(tenant.get("secrets").asText()).isEqualTo("n1:n2");
    assertThat(tenant.has("lrs_password")).as("an empty value removes the field").isFalse();
    Tenant stored = stored(id);
    assertThat(stored.name()).isEqualTo("acme2");
    assertThat(stored.secrets()).containsExactly("n1", "n2");
    assertThat(stored.limits()).isEqualTo(new TenantLimits(3, 40));
    assertThat(stored.credentials()).containsOnly(Map.entry("lrs_endpoint", "https://lrs.example.com"),
        Map.entry("kc_username", "k2"));
    assertThat(store().findByName("acme").toCompletableFuture().join()).as("the old name is free").isEmpty();
    assertThat(store().findByName("acme2").toCompletableFuture().join()).contains(stored);
  }

  @Test
  void updateTenantKeepsWhatItIsNotGivenAndTakesTheIdWhereverScaleliteDoes() {
    String id = add("acme", "s1");
    post("updateTenant", "{\"id\":\"" + id + "\",\"tenant\":{\"max_meetings\":2}}");

    HttpResponse<String> unwrapped = post("updateTenant", "{\"id\":\"" + id + "\",\"secrets\":\"s2\",\"name\":\"\"}");
    assertThat(unwrapped.statusCode()).isEqualTo(200);
    assertThat(stored(id).secrets()).containsExactly("s2");
    assertThat(stored(id).name()).as("a blank name is no change, as in Scalelite").isEqualTo("acme");
    assertThat(stored(id).limits().maxMeetings()).isEqualTo(2);

    HttpResponse<String> inside = post("updateTenant", "{\"tenant\":{\"id\":\"" + id + "\",\"name\":\"Acme\"}}");
    assertThat(inside.statusCode()).as("renaming to its own name in other case").isEqualTo(200);
    assertThat(stored(id).name()).isEqualTo("Acme");
  }

  @Test
  void updateTenantErrorsChangeNothing() {
    String id = add("acme", "s1");
    add("globex", "g1");

    HttpResponse<String> unknown = post("updateTenant", "{\"id\":\"nope\",\"tenant\":{\"name\":\"x\"}}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"Couldn't find Tenant with id=nope\"}");

    for (String limit : List.of("-1", "\"x\"", "1.5", "true", "\"-3\"", "99999999999")) {
      HttpResponse<String> bad = post("updateTenant",
          "{\"id\":\"" + id + "\",\"tenant\":{\"secrets\":\"s9\",\"max_attendees\":" + limit + "}}");
      assertThat(bad.statusCode()).as(limit).isEqualTo(400);
      assertThat(json(bad).get("error").asText())
          .isEqualTo("max_attendees must be a non-negative integer (0 = unlimited)");
    }

    HttpResponse<String> taken = post("updateTenant", "{\"id\":\"" + id + "\",\"tenant\":{\"name\":\"GLOBEX\"}}");
    assertThat(taken.statusCode()).isEqualTo(422);
    assertThat(taken.body()).isEqualTo("{\"error\":\"Tenant name GLOBEX is already taken\"}");

    assertThat(post("updateTenant", "{\"id\":\"" + id + "\",\"tenant\":{\"name\":\"a_b\"}}").statusCode())
        .isEqualTo(400);
    assertThat(post("updateTenant", "{\"id\":\"" + id + "\",\"tenant\":{\"secrets\":\":s\"}}").statusCode())
        .isEqualTo(400);
    assertThat(post("updateTenant", "{\"id\":\"" + id + "\",\"tenant\":{\"lrs_endpoint\":{}}}").statusCode())
        .isEqualTo(400);

    HttpResponse<String> nothing = switchboard.send(HttpRequest.newBuilder(
            url(switchboard, "updateTenant", "id=" + id, SwitchboardFixture.SECRET))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(nothing.body()).contains("param is missing or the value is empty: tenant");

    Tenant stored = stored(id);
    assertThat(stored.name()).isEqualTo("acme");
    assertThat(stored.secrets()).containsExactly("s1");
    assertThat(stored.limits()).isEqualTo(TenantLimits.UNLIMITED);
    assertThat(stored.credentials()).isEmpty();
  }

  @Test
  void deleteTenantRemovesItAndItsSettings() {
    String id = add("acme", "s1");
    String other = add("globex", "g1");
    addSetting(id, "record", "false", true);
    addSetting(id, "welcome", "Hi", false);
    String kept = addSetting(other, "record", "true", false);

    HttpResponse<String> deleted = post("deleteTenant", "{\"id\":\"" + id + "\"}");

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{\"success\":\"Tenant id=" + id + " was destroyed\"}");
    assertThat(store().find(id).toCompletableFuture().join()).isEmpty();
    assertThat(store().findByName("acme").toCompletableFuture().join()).isEmpty();
    assertThat(store().settings(id).toCompletableFuture().join()).as("its settings go too").isEmpty();
    assertThat(store().settings(other).toCompletableFuture().join()).extracting(TenantSetting::id)
        .containsExactly(kept);
    assertThat(get("getTenantInfo", "id=" + id).statusCode()).isEqualTo(404);

    HttpResponse<String> again = post("deleteTenant", "{\"tenant\":{\"id\":\"" + id + "\"}}");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).isEqualTo("{\"error\":\"Couldn't find Tenant with id=" + id + "\"}");
  }

  @Test
  void settingsAreAddedListedInOrderAndDeleted() {
    String id = add("acme", "s1");

    HttpResponse<String> added = post("addTenantSetting", """
        {"tenant_setting": {"tenant_id": "%s", "param": "record", "value": "false", "override": true}}"""
        .formatted(id));
    assertThat(added.statusCode()).isEqualTo(201);
    JsonNode setting = json(added).get("tenant_setting");
    assertThat(setting.properties()).extracting(Map.Entry::getKey)
        .containsExactly("id", "tenant_id", "param", "value", "override");
    String first = setting.get("id").asText();
    assertThat(first).matches(UUID);
    assertThat(setting.get("override").isBoolean()).isTrue();
    assertThat(store().findSetting(first).toCompletableFuture().join())
        .contains(new TenantSetting(first, id, "record", "false", true));

    HttpResponse<String> unwrapped = post("addTenantSetting",
        "{\"tenant_id\": \"" + id + "\", \"param\": \"welcome\", \"value\": \"\", \"override\": \"false\"}");
    assertThat(unwrapped.statusCode()).isEqualTo(201);
    String second = json(unwrapped).get("tenant_setting").get("id").asText();
    String third = addSetting(id, "meta_server-tag", "big", false);

    HttpResponse<String> listed = get("getTenantSettings", "tenant_id=" + id);
    assertThat(listed.statusCode()).isEqualTo(200);
    JsonNode list = json(listed);
    assertThat(list).extracting(node -> node.get("id").asText()).containsExactly(first, second, third);
    assertThat(list.get(1).get("value").asText()).isEmpty();
    assertThat(list.get(1).get("override").asBoolean()).isFalse();

    HttpResponse<String> deleted = post("deleteTenantSetting", "{\"id\":\"" + second + "\"}");
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{\"success\":\"TenantSetting id=" + second + " was destroyed\"}");
    assertThat(json(get("getTenantSettings", "tenant_id=" + id))).extracting(node -> node.get("id").asText())
        .containsExactly(first, third);

    HttpResponse<String> again = post("deleteTenantSetting", "{\"id\":\"" + second + "\"}");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.body()).isEqualTo("{\"error\":\"Couldn't find TenantSetting with id=" + second + "\"}");
  }

  @Test
  void aTenantWithoutSettingsListsAnEmptyArray() {
    String id = add("acme", "s1");

    HttpResponse<String> listed = get("getTenantSettings", "tenant_id=" + id);

    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).isEqualTo("[]");
  }

  @Test
  void settingErrorsAddNothing() {
    String id = add("acme", "s1");

    HttpResponse<String> unknownTenant = post("addTenantSetting",
        "{\"tenant_setting\":{\"tenant_id\":\"nope\",\"param\":\"record\",\"value\":\"true\"}}");
    assertThat(unknownTenant.statusCode()).isEqualTo(404);
    assertThat(unknownTenant.body()).isEqualTo("{\"error\":\"Couldn't find Tenant with id=nope\"}");

    for (String body : List.of(
        "{\"tenant_setting\":{\"tenant_id\":\"" + id + "\",\"param\":\" \",\"value\":\"true\"}}",
        "{\"tenant_setting\":{\"tenant_id\":\"" + id + "\",\"value\":\"true\"}}",
        "{\"tenant_setting\":{\"tenant_id\":\"" + id + "\",\"param\":\"record\"}}",
        "{\"tenant_setting\":{\"param\":\"record\",\"value\":\"true\"}}")) {
      HttpResponse<String> bad = post("addTenantSetting", body);
      assertThat(bad.statusCode()).as(body).isEqualTo(400);
      assertThat(json(bad).get("error").asText()).isEqualTo("A tenant setting needs a tenant_id, a param and a value");
    }
    HttpResponse<String> override = post("addTenantSetting",
        "{\"tenant_setting\":{\"tenant_id\":\"" + id + "\",\"param\":\"record\",\"value\":\"true\",\"override\":\"yes\"}}");
    assertThat(override.statusCode()).isEqualTo(400);
    assertThat(json(override).get("error").asText()).isEqualTo("override must be true or false");

    assertThat(post("addTenantSetting", "{}").body()).contains("param is missing or the value is empty: tenant_setting");

    HttpResponse<String> listUnknown = get("getTenantSettings", "tenant_id=nope");
    assertThat(listUnknown.statusCode()).isEqualTo(404);
    assertThat(listUnknown.body()).isEqualTo("{\"error\":\"Couldn't find Tenant with id=nope\"}");
    HttpResponse<String> listWithout = get("getTenantSettings", "");
    assertThat(listWithout.statusCode()).isEqualTo(400);
    assertThat(json(listWithout).get("error").asText()).isEqualTo("getTenantSettings needs a tenant_id");

    assertThat(store().settings(id).toCompletableFuture().join()).isEmpty();
  }

  @Test
  void aWrongChecksumIsTheBbbChecksumErrorOnEveryTenantEndpoint() {
    String id = add("acme", "s1");
    for (String call : List.of("getTenants", "getTenantInfo", "getTenantSettings")) {
      HttpResponse<String> response = switchboard.get(url(switchboard, call, "id=" + id, "not-the-secret"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).as(call).contains("<messageKey>checksumError</messageKey>");
    }
    for (String call : List.of("addTenant", "updateTenant", "deleteTenant", "addTenantSetting",
        "deleteTenantSetting")) {
      HttpResponse<String> response = switchboard.send(HttpRequest.newBuilder(
              url(switchboard, call, "", "not-the-secret"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"name\":\"x\",\"secrets\":\"x\"}"))
          .build());
      assertThat(response.body()).as(call).contains("<messageKey>checksumError</messageKey>");
    }
    assertThat(stored(id).name()).isEqualTo("acme");
    assertThat(all()).hasSize(1);
  }

  @Test
  void everyTenantEndpointIs412WhenMultitenancyIsDisabledButTheChecksumComesFirst() {
    try (SwitchboardFixture disabled = SwitchboardFixture.start(kind(), 1)) {
      for (String call : List.of("getTenants", "getTenantInfo", "getTenantSettings")) {
        HttpResponse<String> response = get(disabled, call, "id=x&tenant_id=x");
        assertThat(response.statusCode()).as(call).isEqualTo(412);
        assertThat(response.body()).isEqualTo("{\"message\":\"Multitenancy is disabled\"}");
      }
      for (String call : List.of("addTenant", "updateTenant", "deleteTenant", "addTenantSetting",
          "deleteTenantSetting")) {
        HttpResponse<String> response = post(disabled, call, "{\"id\":\"x\",\"name\":\"acme\",\"secrets\":\"s\"}");
        assertThat(response.statusCode()).as(call).isEqualTo(412);
        assertThat(response.body()).isEqualTo("{\"message\":\"Multitenancy is disabled\"}");
      }
      assertThat(disabled.stores().tenants().all().toCompletableFuture().join()).isEmpty();

      HttpResponse<String> wrong = disabled.get(url(disabled, "getTenants", "", "not-the-secret"));
      assertThat(wrong.statusCode()).isEqualTo(200);
      assertThat(wrong.body()).contains("<messageKey>checksumError</messageKey>");
      HttpResponse<String> servers = get(disabled, "getServers", "");
      assertThat(servers.statusCode()).as("servers are unaffected").isEqualTo(200);
      assertThat(json(servers)).as("the server list, not a checksumError (also answered 200)").hasSize(1);
    }
  }

  @Test
  void theBodyIsNotHashed() {
    // sha256("addTenant" + secret), the checksum Scalelite's own documentation computes for a POST.
    String checksum = SwitchboardFixture.checksum("addTenant" + SwitchboardFixture.SECRET, "SHA-256");
    HttpResponse<String> response = switchboard.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + switchboard.port() + "/scalelite/api/addTenant?checksum=" + checksum))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":{\"name\":\"acme\",\"secrets\":\"s1\"}}"))
        .build());

    assertThat(response.statusCode()).isEqualTo(201);
    Optional<Tenant> stored = store().findByName("acme").toCompletableFuture().join();
    assertThat(stored).isPresent();
  }
}
