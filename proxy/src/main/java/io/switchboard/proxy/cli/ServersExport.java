package io.switchboard.proxy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.typesafe.config.ConfigUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code switchboard servers export}: the servers as {@code getServers} answers them, written as a file that
 * {@code servers sync} takes back without a change — Scalelite's {@code servers:yaml} (spec §10.2) or a HOCON
 * {@code servers { … }} block that the configuration file accepts too. A server with several tags gets a {@code tags}
 * list in either (Scalelite's YAML has only {@code tag}; sync reads the list too). The verbose YAML adds Scalelite's
 * {@code state}, {@code load} (-1.0 when unavailable), {@code bbb_version} and {@code online}, which sync ignores;
 * HOCON gets them as a comment, since the configuration's server keys are checked.
 */
final class ServersExport {
  /** Strings that read as numbers or booleans stay quoted, so a secret like {@code 12345} comes back a string. */
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

  /** The file formats. */
  enum Format { yaml, hocon }

  private ServersExport() {}

  static String render(List<JsonNode> servers, Format format, boolean verbose) {
    return format == Format.yaml ? yaml(servers, verbose) : hocon(servers, verbose);
  }

  static String yaml(List<JsonNode> servers, boolean verbose) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode byId = root.putObject("servers");
    for (JsonNode server : servers) {
      ObjectNode entry = byId.putObject(ServersOptions.text(server, "id"))
          .put("url", ServersOptions.text(server, "url"))
          .put("secret", ServersOptions.text(server, "secret"))
          .put("load_multiplier", multiplier(server));
      List<String> tags = tags(server);
      if (tags.size() > 1) {
        tags.forEach(entry.putArray("tags")::add);
      } else {
        entry.put("tag", tags.isEmpty() ? "" : tags.get(0));
      }
      entry.put("enabled", enabled(server));
      if (verbose) {
        entry.put("state", ServersOptions.text(server, "state"))
            .put("load", load(server))
            .put("bbb_version", ServersOptions.text(server, "bbb_version"))
            .put("online", online(server));
      }
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static String hocon(List<JsonNode> servers, boolean verbose) {
    if (servers.isEmpty()) {
      return "servers {}\n";
    }
    StringBuilder out = new StringBuilder("servers {\n");
    for (JsonNode server : servers) {
      out.append("  ").append(ConfigUtil.joinPath(ServersOptions.text(server, "id"))).append(" {\n");
      if (verbose) {
        out.append("    # state: ").append(ServersOptions.text(server, "state"))
            .append(", load: ").append(load(server))
            .append(", bbb_version: ").append(ServersOptions.text(server, "bbb_version"))
            .append(", online: ").append(online(server)).append('\n');
      }
      out.append("    url = ").append(ConfigUtil.quoteString(ServersOptions.text(server, "url"))).append('\n')
          .append("    secret = ").append(ConfigUtil.quoteString(ServersOptions.text(server, "secret"))).append('\n')
          .append("    enabled = ").append(enabled(server)).append('\n')
          .append("    load-multiplier = ").append(multiplier(server)).append('\n');
      List<String> tags = tags(server);
      if (tags.size() == 1) {
        out.append("    tag = ").append(ConfigUtil.quoteString(tags.get(0))).append('\n');
      } else if (tags.size() > 1) {
        out.append("    tags = [").append(String.join(", ", tags.stream().map(ConfigUtil::quoteString).toList()))
            .append("]\n");
      }
      out.append("  }\n");
    }
    return out.append("}\n").toString();
  }

  /**
   * The server's tags: Switchboard's {@code tags} list when the API gives one, else Scalelite's single {@code tag} (an
   * instance older than the list), so that several tags export as several rather than as one joined by commas.
   */
  private static List<String> tags(JsonNode server) {
    JsonNode tags = server.get("tags");
    if (tags != null && tags.isArray()) {
      List<String> list = new ArrayList<>(tags.size());
      tags.forEach(tag -> list.add(tag.asText()));
      return list;
    }
    String tag = ServersOptions.text(server, "tag");
    return tag.isEmpty() ? List.of() : List.of(tag);
  }

  /** The multiplier, which the API writes as Scalelite does: a decimal string such as {@code "2.5"}. */
  private static double multiplier(JsonNode server) {
    String text = ServersOptions.text(server, "load_multiplier");
    return text.isEmpty() ? 1.0 : Double.parseDouble(text);
  }

  private static boolean enabled(JsonNode server) {
    return ServersOptions.text(server, "state").equals("enabled");
  }

  private static double load(JsonNode server) {
    JsonNode load = server.get("load");
    return load != null && load.isNumber() ? load.doubleValue() : -1.0;
  }

  private static boolean online(JsonNode server) {
    return ServersOptions.text(server, "online").equals("online");
  }
}
