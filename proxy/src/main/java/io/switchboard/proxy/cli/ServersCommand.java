package io.switchboard.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.conf.ServerConfig;
import io.switchboard.proxy.Main;
import io.switchboard.proxy.admin.AdminClient;
import io.switchboard.proxy.admin.AdminClient.AdminException;
import io.switchboard.proxy.admin.ServersSyncMode;
import io.switchboard.proxy.admin.ServersSyncRequest;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * {@code switchboard servers …}: Scalelite's {@code rake servers*} tasks over the running instance's admin API, so they
 * work the same in embedded mode and on shared Redis. Tables for people, {@code --output json} for scripts; a failure
 * is one line on stderr and exit status 1, a bad argument exit status 2, and nothing is left half-done.
 */
@Command(name = "servers", mixinStandardHelpOptions = true,
    description = "List, add, change and remove BigBlueButton servers of a running Switchboard.")
public final class ServersCommand {
  static final List<String> LIST_HEADER =
      List.of("ID", "URL", "STATE", "STATUS", "LOAD", "LOAD MULTIPLIER", "TAG", "BBB VERSION");
  static final List<String> SYNC_HEADER = List.of("ID", "ACTION", "DETAIL");

  @ParentCommand
  private Main main;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ServersOptions options;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the servers.")
  int list() {
    return options.run(main, spec, client -> {
      List<JsonNode> servers = StatusCommand.servers(client);
      if (options.json()) {
        var array = JsonNodeFactory.instance.arrayNode();
        servers.forEach(array::add);
        out().println(options.render(array));
        return 0;
      }
      if (servers.isEmpty()) {
        err().println("No servers are configured");
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode server : servers) {
        rows.add(List.of(ServersOptions.text(server, "id"), ServersOptions.text(server, "url"),
            ServersOptions.text(server, "state"), ServersOptions.text(server, "online"),
            ServersOptions.text(server, "load"), ServersOptions.text(server, "load_multiplier"),
            ServersOptions.text(server, "tag"), ServersOptions.text(server, "bbb_version")));
      }
      out().print(ServersOptions.table(LIST_HEADER, rows));
      out().flush();
      return 0;
    });
  }

  @Command(name = "info", mixinStandardHelpOptions = true, description = "Show one server.")
  int info(@Parameters(paramLabel = "ID") String id) {
    return options.run(main, spec, client -> {
      printServer(client.get("getServerInfo", "id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
      return 0;
    });
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a server; it is added disabled unless --enabled (as Scalelite's servers:add).")
  int add(@Parameters(paramLabel = "URL", description = "e.g. https://bbb1.example.com/bigbluebutton/api") String url,
      @Parameters(paramLabel = "SECRET") String secret,
      @Option(names = "--load-multiplier", paramLabel = "X") @Nullable Double multiplier,
      @Option(names = "--tag", paramLabel = "TAG") @Nullable String tag,
      @Option(names = "--enabled", description = "Enable it at once (it takes meetings after its first poll).")
      boolean enabled) {
    requireHttpUrl(url);
    if (multiplier != null) {
      requirePositive(multiplier);
    }
    return options.run(main, spec, client -> {
      ObjectNode server = JsonNodeFactory.instance.objectNode().put("url", url).put("secret", secret);
      if (multiplier != null) {
        server.put("load_multiplier", multiplier);
      }
      if (tag != null) {
        server.put("tag", tag);
      }
      JsonNode added = client.post("addServer", JsonNodeFactory.instance.objectNode().set("server", server));
      String id = added.get("id").asText();
      if (enabled) {
        try {
          added = client.post("updateServer", updateRequest(id, object().put("state", "enable")));
        } catch (AdminException failed) {
          // Nothing half-done: the server that could not be enabled is taken out again.
          undoAdd(client, id);
          throw failed;
        }
      }
      if (options.json()) {
        out().println(options.render(added));
      } else {
        out().println("OK");
        out().println("id: " + id);
      }
      return 0;
    });
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Change a server's secret, URL, load multiplier or tag (an empty --tag removes it).")
  int update(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--secret", paramLabel = "SECRET") @Nullable String secret,
      @Option(names = "--new-url", paramLabel = "URL", description = "The server's new BBB API URL.") @Nullable String url,
      @Option(names = "--load-multiplier", paramLabel = "X") @Nullable Double multiplier,
      @Option(names = "--tag", paramLabel = "TAG") @Nullable String tag) {
    if (secret == null && url == null && multiplier == null && tag == null) {
      throw new ParameterException(spec.commandLine().getSubcommands().get("update"),
          "nothing to update: give --secret, --new-url, --load-multiplier or --tag");
    }
    if (url != null) {
      requireHttpUrl(url);
    }
    if (multiplier != null) {
      requirePositive(multiplier);
    }
    return options.run(main, spec, client -> {
      ObjectNode change = object();
      if (secret != null) {
        change.put("secret", secret);
      }
      if (url != null) {
        change.put("url", url);
      }
      if (multiplier != null) {
        change.put("load_multiplier", multiplier);
      }
      if (tag != null) {
        change.put("tag", tag);
      }
      return done(client.post("updateServer", updateRequest(id, change)));
    });
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove a server (its running meetings are not ended: cordon it first and let it drain).")
  int remove(@Parameters(paramLabel = "ID") String id) {
    return options.run(main, spec, client -> done(client.post("deleteServer",
        JsonNodeFactory.instance.objectNode().put("id", id))));
  }

  @Command(name = "enable", mixinStandardHelpOptions = true,
      description = "Let the server take new meetings (after its next poll, when its load is known).")
  int enable(@Parameters(paramLabel = "ID") String id) {
    return state(id, "enable");
  }

  @Command(name = "cordon", mixinStandardHelpOptions = true,
      description = "No new meetings; running ones continue and can be joined; disabled once drained.")
  int cordon(@Parameters(paramLabel = "ID") String id) {
    return state(id, "cordon");
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "No new meetings and no joins (use panic to also end its meetings).")
  int disable(@Parameters(paramLabel = "ID") String id) {
    return state(id, "disable");
  }

  @Command(name = "panic", mixinStandardHelpOptions = true,
      description = "End every meeting of the server on BBB, forget them, and disable it (unless --keep-state).")
  int panic(@Parameters(paramLabel = "ID") String id,
      @Option(names = "--keep-state", description = "Keep the server's state instead of disabling it.")
      boolean keepState,
      @Option(names = "--skip-end-calls",
          description = "Only forget the meetings, without ending them on BBB (for a server that is gone for good).")
      boolean skipEndCalls) {
    return options.run(main, spec, client -> {
      ObjectNode request = JsonNodeFactory.instance.objectNode().put("id", id);
      if (keepState) {
        request.put("keep_state", true);
      }
      if (skipEndCalls) {
        request.put("skip_end_calls", true);
      }
      JsonNode answer = client.post("panicServer", request);
      out().println(options.json() ? options.render(answer) : ServersOptions.text(answer, "success"));
      return 0;
    });
  }

  @Command(name = "load-multiplier", mixinStandardHelpOptions = true,
      description = "Set the factor applied to the server's load (> 0).")
  int loadMultiplier(@Parameters(paramLabel = "ID") String id, @Parameters(paramLabel = "X") double multiplier) {
    requirePositive(multiplier);
    return options.run(main, spec, client -> done(client.post("updateServer",
        updateRequest(id, object().put("load_multiplier", multiplier)))));
  }

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = {"Make the servers what FILE lists (Scalelite's servers:sync): create missing ones, update URL, "
          + "secret, load multiplier and tag, enable or cordon them, and handle unlisted servers per --mode.",
          "FILE is Scalelite's YAML (servers: by id) or HOCON (servers { … }, as in the configuration file); - reads "
          + "stdin."})
  int sync(@Parameters(paramLabel = "FILE") String file,
      @Option(names = "--mode", paramLabel = "MODE", defaultValue = "cordon",
          description = "Unlisted servers: keep (untouched), cordon (default: removed when they run no meeting, "
              + "else cordoned), force (their meetings ended on BBB, then removed).")
      ServersSyncMode mode,
      @Option(names = "--dry-run", description = "Show the plan and change nothing.") boolean dryRun) {
    List<ServerConfig> servers;
    try {
      servers = ServersSyncFile.read(file, System.in);
    } catch (ServersSyncFile.Unusable invalid) {
      err().println("switchboard: " + invalid.getMessage());
      return Main.EXIT_USAGE;
    }
    return options.run(main, spec, client -> {
      ObjectNode request = object();
      request.set("servers", ServersSyncRequest.toJson(servers));
      request.put("mode", mode.name()).put("dry_run", dryRun);
      JsonNode answer = client.post("syncServers", request);
      if (options.json()) {
        if (dryRun) {
          err().println("Dry run: nothing was changed");
        }
        out().println(options.render(answer));
        return 0;
      }
      if (dryRun) {
        out().println("Dry run: nothing was changed");
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode change : answer.path("changes")) {
        rows.add(List.of(ServersOptions.text(change, "id"), ServersOptions.text(change, "action"),
            ServersOptions.text(change, "detail")));
      }
      if (rows.isEmpty()) {
        out().println("Nothing to change");
      } else {
        out().print(ServersOptions.table(SYNC_HEADER, rows));
      }
      out().flush();
      return 0;
    });
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Print the servers as a file servers sync takes back: Scalelite's servers:yaml, or HOCON for "
          + "the configuration file.")
  int export(@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
          description = "yaml (default, Scalelite's servers:yaml) or hocon.") ServersExport.Format format,
      @Option(names = "--verbose", description = "Add state, load, bbb_version and online (a comment in HOCON).")
      boolean verbose) {
    return options.run(main, spec, client -> {
      out().print(ServersExport.render(StatusCommand.servers(client), format, verbose));
      out().flush();
      return 0;
    });
  }

  private int state(String id, String state) {
    return options.run(main, spec, client -> done(client.post("updateServer", updateRequest(id, object().put("state", state)))));
  }

  private int done(JsonNode answer) {
    out().println(options.json() ? options.render(answer) : "OK");
    return 0;
  }

  /** An updateServer request: {@code {"id": id, "server": {…}}}. */
  private static ObjectNode updateRequest(String id, ObjectNode server) {
    ObjectNode request = JsonNodeFactory.instance.objectNode().put("id", id);
    request.set("server", server);
    return request;
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  private void printServer(JsonNode server) {
    if (options.json()) {
      out().println(options.render(server));
      return;
    }
    PrintWriter out = out();
    out.println("id: " + ServersOptions.text(server, "id"));
    out.println("\turl: " + ServersOptions.text(server, "url"));
    out.println("\tsecret: " + ServersOptions.text(server, "secret"));
    out.println("\t" + ServersOptions.text(server, "state"));
    out.println("\tload: " + ServersOptions.text(server, "load"));
    out.println("\tload multiplier: " + ServersOptions.text(server, "load_multiplier"));
    out.println("\tbbb version: " + ServersOptions.text(server, "bbb_version"));
    out.println("\ttag: " + ServersOptions.text(server, "tag"));
    out.println("\t" + ServersOptions.text(server, "online"));
    out.flush();
  }

  private static void undoAdd(AdminClient client, String id) {
    try {
      client.post("deleteServer", JsonNodeFactory.instance.objectNode().put("id", id));
    } catch (AdminException alsoFailed) {
      // The original failure is what the operator needs to see.
    }
  }

  private void requireHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException invalid) {
      // Reported below.
    }
    throw new ParameterException(spec.commandLine(),
        "URL must start with http:// or https:// and name a host: " + url);
  }

  private void requirePositive(double multiplier) {
    if (!(multiplier > 0 && Double.isFinite(multiplier))) {
      throw new ParameterException(spec.commandLine(), "the load multiplier must be a number > 0: " + multiplier);
    }
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
