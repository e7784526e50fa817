package io.switchboard.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.proxy.Main;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard recordings …}: operator commands on recordings — the tarball back-fill ({@code import}), and
 * publishing, unpublishing and deleting recordings of every tenant through the running instance's admin API, which
 * moves and removes the files as the BBB calls do. Named recordings that do not exist are reported on one line and make
 * the exit status 1; the others are still acted on.
 */
@Command(name = "recordings", mixinStandardHelpOptions = true, description = "Work with recordings.",
    subcommands = ImportCommand.class)
public final class RecordingsCommand {
  @ParentCommand
  private Main main;

  @Spec
  private CommandSpec spec;

  Main main() {
    return main;
  }

  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = "Publish recordings: their files move to the published tree and are served again.")
  int publish(@Mixin ServersOptions options, @Parameters(paramLabel = "RECORD_ID", arity = "1..*") List<String> ids) {
    return publish(options, ids, true);
  }

  @Command(name = "unpublish", mixinStandardHelpOptions = true,
      description = "Unpublish recordings: their files move to the unpublished tree and are no longer served.")
  int unpublish(@Mixin ServersOptions options,
      @Parameters(paramLabel = "RECORD_ID", arity = "1..*") List<String> ids) {
    return publish(options, ids, false);
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete recordings from both trees and the index; asks for `yes` on stdin unless --yes.")
  int delete(@Mixin ServersOptions options, @Parameters(paramLabel = "RECORD_ID", arity = "1..*") List<String> ids,
      @Option(names = "--yes", description = "Do not ask for confirmation.") boolean yes) {
    ArrayNode recordIds = recordIds(ids, "delete");
    return options.run(main, spec, client -> {
      if (!yes && !Confirmation.confirmed(err(), "You are trying to delete " + recordIds.size() + " recording"
          + (recordIds.size() == 1 ? "" : "s") + " for good: " + String.join(", ", distinct(ids)))) {
        err().println("switchboard: not confirmed; nothing was deleted");
        return 1;
      }
      ObjectNode request = JsonNodeFactory.instance.objectNode();
      request.set("record_ids", recordIds);
      return report(options, client.post("deleteRecordings", request), "deleted");
    });
  }

  private int publish(ServersOptions options, List<String> ids, boolean publish) {
    ArrayNode recordIds = recordIds(ids, publish ? "publish" : "unpublish");
    return options.run(main, spec, client -> {
      ObjectNode request = JsonNodeFactory.instance.objectNode().put("publish", publish);
      request.set("record_ids", recordIds);
      return report(options, client.post("publishRecordings", request), publish ? "published" : "unpublished");
    });
  }

  /** Prints what was done; the ids the instance did not find make one line on stderr and exit status 1. */
  private int report(ServersOptions options, JsonNode answer, String done) {
    if (options.json()) {
      out().println(options.render(answer));
    } else {
      answer.path("record_ids").forEach(id -> out().println(done + " " + id.asText()));
    }
    out().flush();
    List<String> missing = new ArrayList<>();
    answer.path("not_found").forEach(id -> missing.add(id.asText()));
    if (missing.isEmpty()) {
      return 0;
    }
    err().println("switchboard: couldn't find recordings: " + String.join(", ", missing));
    return 1;
  }

  /** The distinct ids as a JSON array; an id that is blank or holds a comma is a usage error. */
  private ArrayNode recordIds(List<String> ids, String subcommand) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (String id : distinct(ids)) {
      if (id.isBlank() || id.contains(",")) {
        throw new ParameterException(spec.commandLine().getSubcommands().get(subcommand),
            "not a recording id: '" + id + "' (give each id as its own argument)");
      }
      array.add(id);
    }
    return array;
  }

  private static List<String> distinct(List<String> ids) {
    return List.copyOf(new LinkedHashSet<>(ids));
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
