package io.switchboard.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.TenantSetting;
import io.switchboard.storage.TenantStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard tenants …} and {@code tenants settings …} against a running multitenant Switchboard. */
class TenantsCommandTest {
  private static SwitchboardFixture switchboard;
  private static CommandRunner cli;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    switchboard = SwitchboardFixture.start(1, "switchboard.tenants.enabled = true");
    cli = CommandRunner.against(switchboard, dir);
  }

  @AfterAll
  static void stop() {
    switchboard.close();
  }

  @BeforeEach
  void clearOutput() {
    cli.clear();
  }

  @AfterEach
  void forgetTenants() {
    for (Tenant tenant : all()) {
      for (TenantSetting setting : store().settings(tenant.id()).toCompletableFuture().join()) {
        store().removeSetting(setting.id()).toCompletableFuture().join();
      }
      store().remove(tenant.id()).toCompletableFuture().join();
    }
  }

  private static TenantStore store() {
    return switchboard.stores().tenants();
  }

  private static List<Tenant> all() {
    return store().all().toCompletableFuture().join();
  }

  private static Tenant named(String name) {
    return store().findByName(name).toCompletableFuture().join().orElseThrow();
  }

  /** Adds a tenant with the command and answers the id it printed. */
  private String add(String... args) {
    List<String> command = new ArrayList<>(List.of("tenants", "add"));
    command.addAll(List.of(args));
    assertThat(cli.run(command.toArray(String[]::new))).as(cli.err()).isZero();
    String[] lines = cli.out().split("\\R");
    assertThat(lines[0]).isEqualTo("OK");
    assertThat(lines[1]).startsWith("New Tenant id: ");
    cli.clear();
    return lines[1].substring("New Tenant id: ".length());
  }

  @Test
  void addPrintsTheNewIdAsTheRakeTaskDoes() {
    String id = add("acme", "s1", "s2:s3", "--max-meetings", "3");

    Tenant stored = named("acme");
    assertThat(stored.id()).isEqualTo(id);
    assertThat(stored.secrets()).containsExactly("s1", "s2", "s3");
    assertThat(stored.limits()).isEqualTo(new TenantLimits(3, 0));
  }

  @Test
  void listIsATableAndJsonOrYamlForScripts() throws IOException {
    String id = add("acme", "s1:s2", "--max-attendees", "50");
    add("globex", "g1");

    assertThat(cli.run("tenants", "list")).isZero();
    String[] lines = cli.out().split("\\R");
    assertThat(lines[0].strip()).matches("ID +NAME +SECRETS +MAX MEETINGS +MAX ATTENDEES");
    assertThat(lines[1].strip()).matches(id + " +acme +s1:s2 +unlimited +50");
    assertThat(lines[2]).contains("globex");

    cli.clear();
    assertThat(cli.run("tenants", "list", "-o", "json")).isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("id").asText()).isEqualTo(id);
    assertThat(json.get(0).get("max_attendees").asInt()).isEqualTo(50);

    cli.clear();
    assertThat(cli.run("tenants", "list", "--output", "yaml")).isZero();
    assertThat(cli.out()).contains("name: acme").contains("secrets: s1:s2");
  }

  @Test
  void noTenantsIsSaidOnStderrAndAnEmptyArrayForScripts() {
    assertThat(cli.run("tenants", "list")).isZero();
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().strip()).isEqualTo("No tenants exist");

    cli.clear();
    assertThat(cli.run("tenants", "list", "-o", "json")).isZero();
    assertThat(cli.out().strip()).isEqualTo("[ ]");
  }

  @Test
  void infoTakesAnIdOrAName() {
    String id = add("acme", "s1");
    store().save(named("acme").withCredentials(Map.of("lrs_endpoint", "https://lrs.example.com")))
        .toCompletableFuture().join();

    assertThat(cli.run("tenants", "info", "acme")).isZero();
    assertThat(cli.out().split("\\R")).containsExactly("id: " + id, "\tname: acme", "\tsecrets: s1",
        "\tlrs_endpoint: https://lrs.example.com", "\tmax meetings: unlimited", "\tmax attendees: unlimited");

    cli.clear();
    assertThat(cli.run("tenants", "info", id, "-o", "json")).isZero();
    assertThat(cli.out()).contains("\"name\" : \"acme\"");
  }

  @Test
  void updateChangesWhatItIsGivenAndEmptyCredentialsAreRemoved() {
    String id = add("acme", "s1");

    assertThat(cli.run("tenants", "update", "acme", "--name", "acme2", "--secrets", "n1:n2", "--max-meetings", "4",
        "--max-attendees", "100", "--lrs-endpoint", "https://lrs.example.com", "--kc-client-id", "cid")).isZero();
    assertThat(cli.out().strip()).isEqualTo("OK");
    Tenant updated = store().find(id).toCompletableFuture().join().orElseThrow();
    assertThat(updated.name()).isEqualTo("acme2");
    assertThat(updated.secrets()).containsExactly("n1", "n2");
    assertThat(updated.limits()).isEqualTo(new TenantLimits(4, 100));
    assertThat(updated.credentials()).containsOnly(Map.entry("lrs_endpoint", "https://lrs.example.com"),
        Map.entry("kc_client_id", "cid"));

    assertThat(cli.run("tenants", "update", id, "--kc-client-id", "")).isZero();
    assertThat(store().find(id).toCompletableFuture().join().orElseThrow().credentials())
        .containsOnlyKeys("lrs_endpoint");
  }

  @Test
  void removeTakesTheTenantAndItsSettings() {
    String id = add("acme", "s1");
    assertThat(cli.run("tenants", "settings", "add", "acme", "record", "false")).isZero();
    cli.clear();

    assertThat(cli.run("tenants", "remove", "acme")).isZero();
    assertThat(cli.out().strip()).isEqualTo("OK");
    assertThat(all()).isEmpty();
    assertThat(store().settings(id).toCompletableFuture().join()).isEmpty();

    assertThat(cli.run("tenants", "remove", "acme")).isEqualTo(1);
    assertThat(cli.err().strip()).isEqualTo("switchboard: Couldn't find Tenant with id=acme");
  }

  @Test
  void settingsAreAddedListedPerTenantAndRemoved() throws IOException {
    String acme = add("acme", "s1");
    add("globex", "g1");

    assertThat(cli.run("tenants", "settings", "add", "acme", "record", "false", "--override")).isZero();
    String[] lines = cli.out().split("\\R");
    assertThat(lines[0]).isEqualTo("OK");
    String first = lines[1].substring("New TenantSetting id: ".length());
    assertThat(store().findSetting(first).toCompletableFuture().join())
        .contains(new TenantSetting(first, acme, "record", "false", true));
    cli.clear();
    assertThat(cli.run("tenants", "settings", "add", acme, "welcome", "Hello there")).isZero();
    cli.clear();

    assertThat(cli.run("tenants", "settings", "list")).isZero();
    lines = cli.out().split("\\R");
    assertThat(lines[0]).isEqualTo("Tenant: acme");
    assertThat(lines[1].strip()).matches("ID +PARAM +VALUE +OVERRIDE");
    assertThat(lines[2].strip()).matches(first + " +record +false +true");
    assertThat(lines[3].strip()).matches("[0-9a-f-]{36} +welcome +Hello there +false");
    assertThat(lines[4]).isEmpty();
    assertThat(lines[5]).isEqualTo("Tenant: globex");
    assertThat(lines).hasSize(7);

    cli.clear();
    assertThat(cli.run("tenants", "settings", "list", "acme", "-o", "json")).isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("override").asBoolean()).isTrue();

    cli.clear();
    assertThat(cli.run("tenants", "settings", "remove", first)).isZero();
    assertThat(cli.out().strip()).isEqualTo("OK");
    assertThat(store().settings(acme).toCompletableFuture().join()).hasSize(1);

    assertThat(cli.run("tenants", "settings", "remove", first)).isEqualTo(1);
    assertThat(cli.err().strip()).isEqualTo("switchboard: Couldn't find TenantSetting with id=" + first);
  }

  @Test
  void badArgumentsAreUsageErrorsAndChangeNothing() {
    String id = add("acme", "s1");

    assertThat(cli.run("tenants", "add", "acme.example", "s")).isEqualTo(2);
    assertThat(cli.err()).contains("a tenant name is a DNS label");
    assertThat(cli.run("tenants", "add", "other", "a::b")).isEqualTo(2);
    assertThat(cli.run("tenants", "add", "other", "a", "")).isEqualTo(2);
    assertThat(cli.run("tenants", "add", "other")).isEqualTo(2);
    assertThat(cli.run("tenants", "add", "other", "s", "--max-meetings", "-1")).isEqualTo(2);
    assertThat(cli.run("tenants", "add", "other", "s", "--max-meetings", "many")).isEqualTo(2);
    cli.clear();
    assertThat(cli.run("tenants", "update", "acme")).isEqualTo(2);
    assertThat(cli.err()).contains("nothing to update");
    assertThat(cli.run("tenants", "update", "acme", "--name", "a_b")).isEqualTo(2);
    assertThat(cli.run("tenants", "update", "acme", "--max-attendees", "-5")).isEqualTo(2);
    assertThat(cli.run("tenants", "update", "acme", "--secrets", "x:")).isEqualTo(2);
    assertThat(cli.run("tenants", "settings", "add", "acme", "record")).isEqualTo(2);
    assertThat(cli.run("tenants", "frobnicate")).isEqualTo(2);

    assertThat(all()).hasSize(1);
    Tenant stored = all().get(0);
    assertThat(stored.id()).isEqualTo(id);
    assertThat(stored.name()).isEqualTo("acme");
    assertThat(stored.limits()).isEqualTo(TenantLimits.UNLIMITED);
    assertThat(store().settings(id).toCompletableFuture().join()).isEmpty();
  }

  @Test
  void refusalsAreOneLineOnStderrAndExitOne() {
    add("acme", "s1");

    assertThat(cli.run("tenants", "add", "ACME", "s2")).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("switchboard: Tenant name ACME is already taken" + System.lineSeparator());
    assertThat(cli.out()).isEmpty();

    cli.clear();
    assertThat(cli.run("tenants", "info", "nope")).isEqualTo(1);
    assertThat(cli.err().strip()).isEqualTo("switchboard: Couldn't find Tenant with id=nope");

    cli.clear();
    assertThat(cli.run("tenants", "settings", "add", "nope", "record", "true")).isEqualTo(1);
    assertThat(cli.err().strip()).isEqualTo("switchboard: Couldn't find Tenant with id=nope");
    assertThat(cli.run("tenants", "settings", "list", "nope")).isEqualTo(1);
  }

  @Test
  void anUnreachableInstanceIsOneLineAndExitOne() {
    assertThat(cli.run("tenants", "list", "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(cli.err()).startsWith("switchboard: cannot reach Switchboard at http://127.0.0.1:1");
    assertThat(cli.err().strip()).doesNotContain("\n");
    assertThat(cli.out()).isEmpty();

    assertThat(cli.run("tenants", "add", "acme", "s1", "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(cli.run("tenants", "settings", "list", "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(all()).isEmpty();
  }

  @Test
  void anInstanceWithoutMultitenancySaysSo(@TempDir Path dir) throws IOException {
    try (SwitchboardFixture disabled = SwitchboardFixture.start(1)) {
      Path disabledConfig = Files.writeString(dir.resolve("disabled.conf"), """
          switchboard.api.secrets = ["%s"]
          switchboard.http.port = %d
          """.formatted(SwitchboardFixture.SECRET, disabled.port()));
      CommandRunner againstDisabled = CommandRunner.withConfig(disabledConfig);

      assertThat(againstDisabled.run("tenants", "list")).isEqualTo(1);
      assertThat(againstDisabled.err().strip()).isEqualTo("switchboard: Multitenancy is disabled");
    }
  }
}
