package io.switchboard.proxy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.switchboard.conf.ConfigError;
import io.switchboard.proxy.Main;
import io.switchboard.proxy.admin.AdminClient;
import io.switchboard.proxy.admin.AdminClient.AdminException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * What every command over the admin API shares ({@code servers …}, {@code status}, {@code poll}): the instance's
 * address, the output format, and turning a failed call into one line on stderr and exit status 1.
 */
public final class ServersOptions {
  static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /** How results are printed. */
  public enum Output { table, json, yaml }

  @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "The running Switchboard, e.g. http://10.0.0.5:3000 (default: this configuration's port on "
          + "127.0.0.1).")
  @Nullable URI url;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT, defaultValue = "table",
      description = "table (default), json or yaml (for scripts).")
  Output output = Output.table;

  /** Whether the result is printed for a script ({@link #render}) rather than as a table. */
  boolean json() {
    return output != Output.table;
  }

  /** The result as the chosen script format: pretty JSON, or YAML. */
  String render(JsonNode result) {
    return output == Output.yaml ? yaml(result) : pretty(result);
  }

  static String yaml(JsonNode json) {
    try {
      return YAML.writeValueAsString(json).stripTrailing();
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Runs {@code command} with a client of the instance; an {@link AdminException} (or a bad configuration) becomes one
   * line on stderr and exit status 1, so nothing is printed half-way on stdout.
   */
  int run(Main main, CommandSpec spec, Function<AdminClient, Integer> command) {
    PrintWriter err = spec.commandLine().getErr();
    AdminClient client;
    try {
      client = AdminClient.forConfig(main.config(), url);
    } catch (ConfigError invalid) {
      err.println("switchboard: configuration error: " + invalid.getMessage());
      return Main.EXIT_USAGE;
    } catch (AdminException unusable) {
      err.println("switchboard: " + unusable.getMessage());
      return 1;
    }
    try {
      return command.apply(client);
    } catch (AdminException failed) {
      err.println("switchboard: " + failed.getMessage());
      return 1;
    }
  }

  static String pretty(JsonNode json) {
    try {
      return PRETTY.writeValueAsString(json);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** A table with blank borders, as Scalelite's {@code rake status} prints it: columns padded to their widest cell. */
  static String table(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(' ').append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length())).append(' ');
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return out.toString();
  }

  static String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }
}
