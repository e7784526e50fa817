package io.switchboard.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard tenants settings …}: Scalelite's {@code rake tenantSettings*} tasks — the create/join parameters a
 * tenant's meetings get by default or by force — over the admin API.
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
    description = "List, add and remove the create/join parameters a tenant's meetings get.")
final class TenantSettingsCommand {
  static final List<String> LIST_HEADER = List.of("ID", "PARAM", "VALUE", "OVERRIDE");

  @ParentCommand
  private TenantsCommand tenants;

  @Spec
  private CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the settings of one tenant, or of every tenant.")
  int list(@Parameters(paramLabel = "TENANT", arity = "0..1", description = "The tenant's id or name (default: all).")
      @Nullable String tenant) {
    ServersOptions options = tenants.options;
    return options.run(tenants.main, spec, client -> {
      List<JsonNode> chosen = new ArrayList<>();
      if (tenant == null) {
        chosen.addAll(TenantsCommand.tenants(client));
      } else {
        String id = TenantsCommand.resolve(client, tenant);
        chosen.add(client.get("getTenantInfo", "id=" + encode(id)));
      }
      List<JsonNode> settingsByTenant = new ArrayList<>();
      for (JsonNode each : chosen) {
        settingsByTenant.add(client.get("getTenantSettings", "tenant_id=" + encode(ServersOptions.text(each, "id"))));
      }
      if (options.json()) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        settingsByTenant.forEach(settings -> settings.forEach(all::add));
        out().println(options.render(all));
        return 0;
      }
      if (chosen.isEmpty()) {
        spec.commandLine().getErr().println("No tenants exist");
        return 0;
      }
      PrintWriter out = out();
      for (int i = 0; i < chosen.size(); i++) {
        if (i > 0) {
          out.println();
        }
        out.println("Tenant: " + ServersOptions.text(chosen.get(i), "name"));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode setting : settingsByTenant.get(i)) {
          rows.add(List.of(ServersOptions.text(setting, "id"), ServersOptions.text(setting, "param"),
              ServersOptions.text(setting, "value"), ServersOptions.text(setting, "override")));
        }
        out.print(ServersOptions.table(LIST_HEADER, rows));
      }
      out.flush();
      return 0;
    });
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Give a tenant's meetings a create/join parameter: a default the front-end may replace, or with "
          + "--override a value that replaces the front-end's.")
  int add(@Parameters(paramLabel = "TENANT", description = "The tenant's id or name.") String tenant,
      @Parameters(paramLabel = "PARAM", description = "A BBB parameter, e.g. record, welcome, meta_server-tag.")
      String param,
      @Parameters(paramLabel = "VALUE") String value,
      @Option(names = "--override", description = "Replace the front-end's value instead of being a default.")
      boolean override) {
    ServersOptions options = tenants.options;
    return options.run(tenants.main, spec, client -> {
      ObjectNode setting = JsonNodeFactory.instance.objectNode()
          .put("tenant_id", TenantsCommand.resolve(client, tenant))
          .put("param", param)
          .put("value", value)
          .put("override", override);
      JsonNode added = client.post("addTenantSetting",
          JsonNodeFactory.instance.objectNode().set("tenant_setting", setting));
      if (options.json()) {
        out().println(options.render(added.get("tenant_setting")));
      } else {
        out().println("OK");
        out().println("New TenantSetting id: " + added.get("tenant_setting").get("id").asText());
      }
      return 0;
    });
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a setting.")
  int remove(@Parameters(paramLabel = "ID", description = "The setting's id.") String id) {
    ServersOptions options = tenants.options;
    return options.run(tenants.main, spec, client -> {
      JsonNode answer = client.post("deleteTenantSetting", JsonNodeFactory.instance.objectNode().put("id", id));
      out().println(options.json() ? options.render(answer) : "OK");
      return 0;
    });
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
