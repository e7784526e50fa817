package io.switchboard.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.proxy.Main;
import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.TenantSetting;
import io.switchboard.storage.TenantStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

/** {@code switchboard tenants …} and {@code tenants settings …} against a running multitenant Switchboard. */
class TenantsCommandTest {
  private static SwitchboardFixture switchboard;
  private static Path config;

  private StringWriter out;
  private StringWriter err;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    switchboard = SwitchboardFixture.start(1, "switchboard.tenants.enabled = true");
    config = Files.writeString(dir.resolve("switchboard.conf"), """
        switchboard.api.secrets = ["%s"]
        switchboard.http.port = %d
        switchboard.http.bind-address = "127.0.0.1"
        """.formatted(SwitchboardFixture.SECRET, switchboard.port()));
  }

  @AfterAll
  static void stop() {
    switchboard.close();
  }

  @BeforeEach
  void clearOutput() {
    out = new StringWriter();
    err = new StringWriter();
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

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(config.toString());
    return commandLine.execute(all.toArray(String[]::new));
  }

  private void clear() {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
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
    assertThat(run(command.toArray(String[]::new))).as(err.toString()).isZero();
    String[] lines = out.toString().split("\\R");
    assertThat(lines[0]).isEqualTo("OK");
    assertThat(lines[1]).startsWith("New Tenant id: ");
    clear();
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

    assertThat(run("tenants", "list")).isZero();
    String[] lines = out.toString().split("\\R");
    assertThat(lines[0].strip()).matches("ID +NAME +SECRETS +MAX MEETINGS +MAX ATTENDEES");
    assertThat(lines[1].strip()).matches(id + " +acme +s1:s2 +unlimited +50");
    assertThat(lines[2]).contains("globex");

    clear();
    assertThat(run("tenants", "list", "-o", "json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("id").asText()).isEqualTo(id);
    assertThat(json.get(0).get("max_attendees").asInt()).isEqualTo(50);

    clear();
    assertThat(run("tenants", "list", "--output", "yaml")).isZero();
    assertThat(out.toString()).contains("name: acme").contains("secrets: s1:s2");
  }

  @Test
  void noTenantsIsSaidOnStderrAndAnEmptyArrayForScripts() {
    assertThat(run("tenants", "list")).isZero();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().strip()).isEqualTo("No tenants exist");

    clear();
    assertThat(run("tenants", "list", "-o", "json")).isZero();
    assertThat(out.toString().strip()).isEqualTo("[ ]");
  }

  @Test
  void infoTakesAnIdOrAName() {
    String id = add("acme", "s1");
    store().save(named("acme").withCredentials(Map.of("lrs_endpoint", "https://lrs.example.com")))
        .toCompletableFuture().join();

    assertThat(run("tenants", "info", "acme")).isZero();
    assertThat(out.toString().split("\\R")).containsExactly("id: " + id, "\tname: acme", "\tsecrets: s1",
        "\tlrs_endpoint: https://lrs.example.com", "\tmax meetings: unlimited", "\tmax attendees: unlimited");

    clear();
    assertThat(run("tenants", "info", id, "-o", "json")).isZero();
    assertThat(out.toString()).contains("\"name\" : \"acme\"");
  }

  @Test
  void updateChangesWhatItIsGivenAndEmptyCredentialsAreRemoved() {
    String id = add("acme", "s1");

    assertThat(run("tenants", "update", "acme", "--name", "acme2", "--secrets", "n1:n2", "--max-meetings", "4",
        "--max-attendees", "100", "--lrs-endpoint", "https://lrs.example.com", "--kc-client-id", "cid")).isZero();
    assertThat(out.toString().strip()).isEqualTo("OK");
    Tenant updated = store().find(id).toCompletableFuture().join().orElseThrow();
    assertThat(updated.name()).isEqualTo("acme2");
    assertThat(updated.secrets()).containsExactly("n1", "n2");
    assertThat(updated.limits()).isEqualTo(new TenantLimits(4, 100));
    assertThat(updated.credentials()).containsOnly(Map.entry("lrs_endpoint", "https://lrs.example.com"),
        Map.entry("kc_client_id", "cid"));

    assertThat(run("tenants", "update", id, "--kc-client-id", "")).isZero();
    assertThat(store().find(id).toCompletableFuture().join().orElseThrow().credentials())
        .containsOnlyKeys("lrs_endpoint");
  }

  @Test
  void removeTakesTheTenantAndItsSettings() {
    String id = add("acme", "s1");
    assertThat(run("tenants", "settings", "add", "acme", "record", "false")).isZero();
    clear();

    assertThat(run("tenants", "remove", "acme")).isZero();
    assertThat(out.toString().strip()).isEqualTo("OK");
    assertThat(all()).isEmpty();
    assertThat(store().settings(id).toCompletableFuture().join()).isEmpty();

    assertThat(run("tenants", "remove", "acme")).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("switchboard: Couldn't find Tenant with id=acme");
  }

  @Test
  void settingsAreAddedListedPerTenantAndRemoved() throws IOException {
    String acme = add("acme", "s1");
    add("globex", "g1");

    assertThat(run("tenants", "settings", "add", "acme", "record", "false", "--override")).isZero();
    String[] lines = out.toString().split("\\R");
    assertThat(lines[0]).isEqualTo("OK");
    String first = lines[1].substring("New TenantSetting id: ".length());
    assertThat(store().findSetting(first).toCompletableFuture().join())
        .contains(new TenantSetting(first, acme, "record", "false", true));
    clear();
    assertThat(run("tenants", "settings", "add", acme, "welcome", "Hello there")).isZero();
    clear();

    assertThat(run("tenants", "settings", "list")).isZero();
    lines = out.toString().split("\\R");
    assertThat(lines[0]).isEqualTo("Tenant: acme");
    assertThat(lines[1].strip()).matches("ID +PARAM +VALUE +OVERRIDE");
    assertThat(lines[2].strip()).matches(first + " +record +false +true");
    assertThat(lines[3].strip()).matches("[0-9a-f-]{36} +welcome +Hello there +false");
    assertThat(lines[4]).isEmpty();
    assertThat(lines[5]).isEqualTo("Tenant: globex");
    assertThat(lines).hasSize(7);

    clear();
    assertThat(run("tenants", "settings", "list", "acme", "-o", "json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("override").asBoolean()).isTrue();

    clear();
    assertThat(run("tenants", "settings", "remove", first)).isZero();
    assertThat(out.toString().strip()).isEqualTo("OK");
    assertThat(store().settings(acme).toCompletableFuture().join()).hasSize(1);

    assertThat(run("tenants", "settings", "remove", first)).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("switchboard: Couldn't find TenantSetting with id=" + first);
  }

  @Test
  void badArgumentsAreUsageErrorsAndChangeNothing() {
    String id = add("acme", "s1");

    assertThat(run("tenants", "add", "acme.example", "s")).isEqualTo(2);
    assertThat(err.toString()).contains("a tenant name is a DNS label");
    assertThat(run("tenants", "add", "other", "a::b")).isEqualTo(2);
    assertThat(run("tenants", "add", "other", "a", "")).isEqualTo(2);
    assertThat(run("tenants", "add", "other")).isEqualTo(2);
    assertThat(run("tenants", "add", "other", "s", "--max-meetings", "-1")).isEqualTo(2);
    assertThat(run("tenants", "add", "other", "s", "--max-meetings", "many")).isEqualTo(2);
    clear();
    assertThat(run("tenants", "update", "acme")).isEqualTo(2);
    assertThat(err.toString()).contains("nothing to update");
    assertThat(run("tenants", "update", "acme", "--name", "a_b")).isEqualTo(2);
    assertThat(run("tenants", "update", "acme", "--max-attendees", "-5")).isEqualTo(2);
    assertThat(run("tenants", "update", "acme", "--secrets", "x:")).isEqualTo(2);
    assertThat(run("tenants", "settings", "add", "acme", "record")).isEqualTo(2);
    assertThat(run("tenants", "frobnicate")).isEqualTo(2);

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

    assertThat(run("tenants", "add", "ACME", "s2")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("switchboard: Tenant name ACME is already taken" + System.lineSeparator());
    assertThat(out.toString()).isEmpty();

    clear();
    assertThat(run("tenants", "info", "nope")).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("switchboard: Couldn't find Tenant with id=nope");

    clear();
    assertThat(run("tenants", "settings", "add", "nope", "record", "true")).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("switchboard: Couldn't find Tenant with id=nope");
    assertThat(run("tenants", "settings", "list", "nope")).isEqualTo(1);
  }

  @Test
  void anUnreachableInstanceIsOneLineAndExitOne() {
    assertThat(run("tenants", "list", "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(err.toString()).startsWith("switchboard: cannot reach Switchboard at http://127.0.0.1:1");
    assertThat(err.toString().strip()).doesNotContain("\n");
    assertThat(out.toString()).isEmpty();

    assertThat(run("tenants", "add", "acme", "s1", "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(run("tenants", "settings", "list", "--url", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(all()).isEmpty();
  }

  @Test
  void anInstanceWithoutMultitenancySaysSo(@TempDir Path dir) throws IOException {
    try (SwitchboardFixture disabled = SwitchboardFixture.start(1)) {
      Path disabledConfig = Files.writeString(dir.resolve("disabled.conf"), """
          switchboard.api.secrets = ["%s"]
          switchboard.http.port = %d
          """.formatted(SwitchboardFixture.SECRET, disabled.port()));
      CommandLine commandLine = Main.commandLine();
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(err, true));

      assertThat(commandLine.execute("tenants", "list", "--config", disabledConfig.toString())).isEqualTo(1);
      assertThat(err.toString().strip()).isEqualTo("switchboard: Multitenancy is disabled");
    }
  }
}
