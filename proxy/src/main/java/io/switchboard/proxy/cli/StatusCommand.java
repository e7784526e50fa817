package io.switchboard.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.proxy.Main;
import io.switchboard.proxy.admin.AdminClient;
import io.switchboard.proxy.admin.AdminClient.AdminException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard status}: Scalelite's {@code rake status} table — HOSTNAME STATE STATUS MEETINGS USERS
 * LARGEST MEETING VIDEOS LOAD BBB VERSION TAG, sorted by hostname, with the statistics of the last poll.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show every server's state, health and statistics of the last poll.")
public final class StatusCommand implements Callable<Integer> {
  static final List<String> HEADER = List.of("HOSTNAME", "STATE", "STATUS", "MEETINGS", "USERS", "LARGEST MEETING",
      "VIDEOS", "LOAD", "BBB VERSION", "TAG");

  @ParentCommand
  private Main main;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ServersOptions options;

  @Override
  public Integer call() {
    return options.run(main, spec, client -> {
      List<JsonNode> servers = servers(client);
      servers.sort(Comparator.comparing(StatusCommand::hostname).thenComparing(server -> server.get("id").asText()));
      if (options.json()) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        servers.forEach(array::add);
        spec.commandLine().getOut().println(options.render(array));
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode server : servers) {
        rows.add(List.of(hostname(server), ServersOptions.text(server, "state"), ServersOptions.text(server, "online"),
            ServersOptions.text(server, "meetings"), ServersOptions.text(server, "users"),
            ServersOptions.text(server, "largest_meeting"), ServersOptions.text(server, "videos"),
            ServersOptions.text(server, "load"), ServersOptions.text(server, "bbb_version"),
            ServersOptions.text(server, "tag")));
      }
      spec.commandLine().getOut().print(ServersOptions.table(HEADER, rows));
      spec.commandLine().getOut().flush();
      return 0;
    });
  }

  /** Every server with its statistics; none configured is an empty list (Scalelite prints an empty table). */
  static List<JsonNode> servers(AdminClient client) {
    JsonNode answer;
    try {
      answer = client.get("getServers", "verbose=true");
    } catch (AdminException failed) {
      if (failed.status() == 404) {
        return new ArrayList<>();
      }
      throw failed;
    }
    List<JsonNode> servers = new ArrayList<>();
    answer.forEach(servers::add);
    return servers;
  }

  static String hostname(JsonNode server) {
    try {
      String host = URI.create(server.get("url").asText()).getHost();
      return host == null ? server.get("url").asText() : host;
    } catch (IllegalArgumentException odd) {
      return server.get("url").asText();
    }
  }
}
