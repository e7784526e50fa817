package io.switchboard.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.proxy.Main;
import io.switchboard.proxy.admin.AdminClient.AdminException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard meetings …}: Scalelite's {@code meetings}, {@code meetings:info} and {@code meetings:end} rake
 * tasks over the running instance's admin API — the meetings Switchboard routed, what their servers say about them,
 * and ending them (after a {@code yes} on stdin, unless {@code --yes}).
 */
@Command(name = "meetings", mixinStandardHelpOptions = true,
    description = "List, inspect and end the meetings a running Switchboard routed.")
public final class MeetingsCommand {
  static final List<String> LIST_HEADER =
      List.of("MEETING ID", "SERVER ID", "SERVER URL", "TENANT", "VOICE BRIDGE", "CREATED");

  @ParentCommand
  private Main main;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ServersOptions options;

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the meetings, sorted by server then meeting ID.")
  int list(@Option(names = "--server", paramLabel = "ID", description = "Only the meetings of this server.")
      @Nullable String server) {
    return options.run(main, spec, client -> {
      JsonNode meetings = client.get("getMeetings",
          server == null ? "" : "server_id=" + URLEncoder.encode(server, StandardCharsets.UTF_8));
      if (options.json()) {
        out().println(options.render(meetings));
        return 0;
      }
      if (meetings.isEmpty()) {
        err().println("No meetings");
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode meeting : meetings) {
        rows.add(List.of(ServersOptions.text(meeting, "id"), ServersOptions.text(meeting, "server_id"),
            ServersOptions.text(meeting, "server_url"), ServersOptions.text(meeting, "tenant_id"),
            ServersOptions.text(meeting, "voice_bridge"), ServersOptions.text(meeting, "created_at")));
      }
      out().print(ServersOptions.table(LIST_HEADER, rows));
      out().flush();
      return 0;
    });
  }

  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Show a meeting: Switchboard's record and what its server says now (key: value lines).")
  int info(@Parameters(paramLabel = "ID") String id) {
    return options.run(main, spec, client -> {
      JsonNode meeting = client.get("getMeetingInfo", "id=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
      if (options.json()) {
        out().println(options.render(meeting));
        return 0;
      }
      for (Map.Entry<String, JsonNode> field : meeting.properties()) {
        if (field.getValue().isObject()) {
          for (Map.Entry<String, JsonNode> inner : field.getValue().properties()) {
            out().println(field.getKey() + "." + inner.getKey() + ": " + inner.getValue().asText());
          }
        } else {
          out().println(field.getKey() + ": " + field.getValue().asText());
        }
      }
      out().flush();
      return 0;
    });
  }

  @Command(name = "end", mixinStandardHelpOptions = true,
      description = "End meetings on their servers and forget them; asks for `yes` on stdin unless --yes.")
  int end(@Parameters(paramLabel = "ID", arity = "1..*") List<String> ids,
      @Option(names = "--yes", description = "Do not ask for confirmation.") boolean yes) {
    Set<String> wanted = new LinkedHashSet<>(ids);
    return options.run(main, spec, client -> {
      Set<String> known = new LinkedHashSet<>();
      client.get("getMeetings", "").forEach(meeting -> known.add(meeting.get("id").asText()));
      List<String> unknown = wanted.stream().filter(id -> !known.contains(id)).toList();
      if (!unknown.isEmpty()) {
        err().println("switchboard: couldn't find meetings: " + String.join(", ", unknown) + "; nothing was ended");
        return 1;
      }
      if (!yes && !Confirmation.confirmed(err(), "You are trying to end " + wanted.size() + " meeting"
          + (wanted.size() == 1 ? "" : "s") + ": " + String.join(", ", wanted))) {
        err().println("switchboard: not confirmed; nothing was ended");
        return 1;
      }
      ArrayNode results = JsonNodeFactory.instance.arrayNode();
      int failed = 0;
      for (String id : wanted) {
        ObjectNode result = results.addObject().put("id", id);
        try {
          JsonNode answer = client.post("endMeeting", JsonNodeFactory.instance.objectNode().put("id", id));
          result.put("success", ServersOptions.text(answer, "success"));
          if (!options.json()) {
            out().println(ServersOptions.text(answer, "success"));
          }
        } catch (AdminException notEnded) {
          if (notEnded.status() == 0) {
            throw notEnded;
          }
          failed++;
          result.put("error", notEnded.getMessage());
          err().println("switchboard: " + notEnded.getMessage());
        }
      }
      if (options.json()) {
        out().println(options.render(results));
      }
      out().flush();
      return failed == 0 ? 0 : 1;
    });
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
