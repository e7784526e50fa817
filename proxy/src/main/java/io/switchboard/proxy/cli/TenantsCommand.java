package io.switchboard.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.proxy.Main;
import io.switchboard.proxy.admin.AdminClient;
import io.switchboard.storage.Tenant;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard tenants …}: Scalelite's {@code rake tenants*} tasks (and the rake-only LRS / Keycloak updates) over
 * the running instance's admin API. A tenant can be named by id or by name. Tables for people, {@code --output
 * json|yaml} for scripts; a failure is one line on stderr and exit status 1, a bad argument exit status 2.
 */
@Command(name = "tenants", mixinStandardHelpOptions = true, subcommands = TenantSettingsCommand.class,
    description = "List, add, change and remove the tenants of a multitenant Switchboard.")
public final class TenantsCommand {
  static final List<String> LIST_HEADER = List.of("ID", "NAME", "SECRETS", "MAX MEETINGS", "MAX ATTENDEES");

  @ParentCommand
  Main main;

  @Spec
  private CommandSpec spec;

  @Mixin
  ServersOptions options;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tenants.")
  int list() {
    return options.run(main, spec, client -> {
      List<JsonNode> tenants = tenants(client);
      if (options.json()) {
        var array = JsonNodeFactory.instance.arrayNode();
        tenants.forEach(array::add);
        out().println(options.render(array));
        return 0;
      }
      if (tenants.isEmpty()) {
        spec.commandLine().getErr().println("No tenants exist");
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode tenant : tenants) {
        rows.add(List.of(ServersOptions.text(tenant, "id"), ServersOptions.text(tenant, "name"),
            ServersOptions.text(tenant, "secrets"), limit(tenant, "max_meetings"), limit(tenant, "max_attendees")));
      }
      out().print(ServersOptions.table(LIST_HEADER, rows));
      out().flush();
      return 0;
    });
  }

  @Command(name = "info", mixinStandardHelpOptions = true, description = "Show one tenant, with its credentials.")
  int info(@Parameters(paramLabel = "TENANT", description = "The tenant's id or name.") String tenant) {
    return options.run(main, spec, client -> {
      JsonNode found = client.get("getTenantInfo", "id=" + URLEncoder.encode(resolve(client, tenant),
          StandardCharsets.UTF_8));
      if (options.json()) {
        out().println(options.render(found));
        return 0;
      }
      PrintWriter out = out();
      out.println("id: " + ServersOptions.text(found, "id"));
      out.println("\tname: " + ServersOptions.text(found, "name"));
      out.println("\tsecrets: " + ServersOptions.text(found, "secrets"));
      for (String field : Tenant.CREDENTIAL_FIELDS) {
        if (found.hasNonNull(field)) {
          out.println("\t" + field + ": " + ServersOptions.text(found, field));
        }
      }
      out.println("\tmax meetings: " + limit(found, "max_meetings"));
      out.println("\tmax attendees: " + limit(found, "max_attendees"));
      out.flush();
      return 0;
    });
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a tenant: front-ends reach it at https://NAME.<your host>/bigbluebutton/api with any SECRET.")
  int add(@Parameters(paramLabel = "NAME", description = "A DNS label: letters, digits and '-'.") String name,
      @Parameters(paramLabel = "SECRET", arity = "1..*",
          description = "Its checksum secrets (several arguments, or colon-separated as Scalelite's rake takes them).")
      List<String> secrets,
      @Option(names = "--max-meetings", paramLabel = "N", description = "Meetings at once (0 = unlimited, default).")
      @Nullable Integer maxMeetings,
      @Option(names = "--max-attendees", paramLabel = "N", description = "Attendees at once (0 = unlimited, default).")
      @Nullable Integer maxAttendees) {
    requireName(name);
    String joined = joinSecrets(secrets);
    requireLimit("--max-meetings", maxMeetings);
    requireLimit("--max-attendees", maxAttendees);
    return options.run(main, spec, client -> {
      ObjectNode tenant = object().put("name", name).put("secrets", joined);
      if (maxMeetings != null) {
        tenant.put("max_meetings", maxMeetings);
      }
      if (maxAttendees != null) {
        tenant.put("max_attendees", maxAttendees);
      }
      JsonNode added = client.post("addTenant", object().set("tenant", tenant));
      if (options.json()) {
        out().println(options.render(added.get("tenant")));
      } else {
        out().println("OK");
        out().println("New Tenant id: " + added.get("tenant").get("id").asText());
      }
      return 0;
    });
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Change a tenant's name, secrets, limits or LRS / Keycloak credentials (an empty credential "
          + "removes it).")
  int update(@Parameters(paramLabel = "TENANT", description = "The tenant's id or name.") String tenant,
      @Option(names = "--name", paramLabel = "NAME") @Nullable String name,
      @Option(names = "--secrets", paramLabel = "S1:S2", description = "Replaces every secret.") @Nullable String secrets,
      @Option(names = "--max-meetings", paramLabel = "N", description = "0 = unlimited.") @Nullable Integer maxMeetings,
      @Option(names = "--max-attendees", paramLabel = "N", description = "0 = unlimited.") @Nullable Integer maxAttendees,
      @Mixin TenantCredentialOptions credentials) {
    Map<String, String> changedCredentials = credentials.given();
    if (name == null && secrets == null && maxMeetings == null && maxAttendees == null
        && changedCredentials.isEmpty()) {
      throw new ParameterException(spec.commandLine().getSubcommands().get("update"),
          "nothing to update: give --name, --secrets, --max-meetings, --max-attendees or a credential");
    }
    if (name != null) {
      requireName(name);
    }
    String joined = secrets == null ? null : joinSecrets(List.of(secrets));
    requireLimit("--max-meetings", maxMeetings);
    requireLimit("--max-attendees", maxAttendees);
    return options.run(main, spec, client -> {
      ObjectNode change = object();
      if (name != null) {
        change.put("name", name);
      }
      if (joined != null) {
        change.put("secrets", joined);
      }
      if (maxMeetings != null) {
        change.put("max_meetings", maxMeetings);
      }
      if (maxAttendees != null) {
        change.put("max_attendees", maxAttendees);
      }
      changedCredentials.forEach(change::put);
      ObjectNode request = object().put("id", resolve(client, tenant));
      request.set("tenant", change);
      JsonNode updated = client.post("updateTenant", request);
      out().println(options.json() ? options.render(updated.get("tenant")) : "OK");
      return 0;
    });
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove a tenant and its settings (its running meetings and its recordings stay).")
  int remove(@Parameters(paramLabel = "TENANT", description = "The tenant's id or name.") String tenant) {
    return options.run(main, spec, client -> {
      JsonNode answer = client.post("deleteTenant", object().put("id", resolve(client, tenant)));
      out().println(options.json() ? options.render(answer) : "OK");
      return 0;
    });
  }

  /** Every tenant as getTenants lists it; none when it answers Scalelite's {@code No tenants exist} message. */
  static List<JsonNode> tenants(AdminClient client) {
    JsonNode answer = client.get("getTenants", "");
    List<JsonNode> tenants = new ArrayList<>();
    if (answer.isArray()) {
      answer.forEach(tenants::add);
    }
    return tenants;
  }

  /**
   * The id of the tenant {@code idOrName} names: a tenant with that id, else one with that name (ignoring case, as
   * hosts do); otherwise {@code idOrName} itself, so that the instance answers Scalelite's not-found error.
   */
  static String resolve(AdminClient client, String idOrName) {
    List<JsonNode> tenants = tenants(client);
    for (JsonNode tenant : tenants) {
      if (ServersOptions.text(tenant, "id").equals(idOrName)) {
        return idOrName;
      }
    }
    for (JsonNode tenant : tenants) {
      if (ServersOptions.text(tenant, "name").equalsIgnoreCase(idOrName)) {
        return ServersOptions.text(tenant, "id");
      }
    }
    return idOrName;
  }

  private static String limit(JsonNode tenant, String field) {
    int limit = tenant.path(field).asInt();
    return limit == 0 ? "unlimited" : Integer.toString(limit);
  }

  private void requireName(String name) {
    if (!Tenant.validName(name)) {
      throw new ParameterException(spec.commandLine(),
          "a tenant name is a DNS label (letters, digits and '-', at most 63, not starting or ending with '-'): "
              + name);
    }
  }

  /** The secrets as Scalelite stores them, colon-joined; each argument may itself be colon-separated. */
  private String joinSecrets(List<String> secrets) {
    String joined = String.join(":", secrets);
    for (String secret : joined.split(":", -1)) {
      if (secret.isBlank()) {
        throw new ParameterException(spec.commandLine(), "a secret cannot be blank: " + joined);
      }
    }
    return joined;
  }

  private void requireLimit(String option, @Nullable Integer limit) {
    if (limit != null && limit < 0) {
      throw new ParameterException(spec.commandLine(), option + " must be 0 (unlimited) or more: " + limit);
    }
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** The LRS / Keycloak fields {@code tenants update} can set: Scalelite's rake-only {@code update_lrs_*} tasks. */
  static final class TenantCredentialOptions {
    @Option(names = "--lrs-endpoint", paramLabel = "URL") @Nullable String lrsEndpoint;
    @Option(names = "--lrs-username", paramLabel = "USER") @Nullable String lrsUsername;
    @Option(names = "--lrs-password", paramLabel = "PASSWORD") @Nullable String lrsPassword;
    @Option(names = "--kc-token-url", paramLabel = "URL") @Nullable String kcTokenUrl;
    @Option(names = "--kc-client-id", paramLabel = "ID") @Nullable String kcClientId;
    @Option(names = "--kc-client-secret", paramLabel = "SECRET") @Nullable String kcClientSecret;
    @Option(names = "--kc-username", paramLabel = "USER") @Nullable String kcUsername;
    @Option(names = "--kc-password", paramLabel = "PASSWORD") @Nullable String kcPassword;

    /** The fields given, by their name in Scalelite's tenant hash. */
    Map<String, String> given() {
      Map<String, String> given = new LinkedHashMap<>();
      put(given, "lrs_endpoint", lrsEndpoint);
      put(given, "lrs_username", lrsUsername);
      put(given, "lrs_password", lrsPassword);
      put(given, "kc_token_url", kcTokenUrl);
      put(given, "kc_client_id", kcClientId);
      put(given, "kc_client_secret", kcClientSecret);
      put(given, "kc_username", kcUsername);
      put(given, "kc_password", kcPassword);
      return given;
    }

    private static void put(Map<String, String> given, String field, @Nullable String value) {
      if (value != null) {
        given.put(field, value);
      }
    }
  }
}
