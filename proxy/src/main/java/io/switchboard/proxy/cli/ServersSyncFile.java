package io.switchboard.proxy.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueType;
import io.switchboard.conf.ConfigError;
import io.switchboard.conf.ConfigLoader;
import io.switchboard.conf.ServerConfig;
import io.switchboard.proxy.admin.ServersSyncRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The file of {@code switchboard servers sync}: Scalelite's YAML ({@code servers:} by id, spec §10.4) or a HOCON
 * {@code servers { … }} object written as in the configuration file (also accepted as {@code switchboard.servers}, so
 * a configuration file itself can be synced). A {@code .yml}/{@code .yaml} name is read as YAML; anything else (and
 * stdin) is tried as HOCON, then as YAML, since Scalelite's block YAML does not parse as HOCON. Every entry is checked
 * before anything is sent; the first bad one is an {@link Unusable} naming it.
 */
final class ServersSyncFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final String EXPECTED = "Scalelite's YAML with a servers: mapping, or HOCON with a servers { } object";

  private ServersSyncFile() {}

  /** The servers of the file {@code name}, or of {@code stdin} when the name is {@code -}. */
  static List<ServerConfig> read(String name, InputStream stdin) {
    String text;
    try {
      text = name.equals("-")
          ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(name), StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new Unusable(name + ": no such file");
    } catch (IOException unreadable) {
      throw new Unusable("cannot read " + name + ": " + unreadable.getMessage());
    }
    String label = name.equals("-") ? "stdin" : name;
    String lower = name.toLowerCase(Locale.ROOT);
    return parse(label, text, lower.endsWith(".yml") || lower.endsWith(".yaml"));
  }

  /**
   * The servers of {@code text}.
   *
   * @param label the file's name for messages
   * @param yamlOnly whether the name says YAML
   */
  static List<ServerConfig> parse(String label, String text, boolean yamlOnly) {
    if (text.isBlank()) {
      throw new Unusable(label + ": empty (expected: " + EXPECTED + ")");
    }
    @Nullable String hoconFailure = null;
    boolean hoconParsed = false;
    if (!yamlOnly) {
      try {
        Config hocon = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(label))
            .resolve();
        hoconParsed = true;
        @Nullable List<ServerConfig> servers = hocon(label, hocon);
        if (servers != null) {
          return servers;
        }
      } catch (ConfigException unparsable) {
        hoconFailure = oneLine(unparsable.getMessage());
      }
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException unparsable) {
      String yamlFailure = oneLine(unparsable.getOriginalMessage()
          + (unparsable.getLocation() == null ? "" : " at line " + unparsable.getLocation().getLineNr()));
      if (hoconParsed) {
        throw new Unusable(label + ": no servers (expected: " + EXPECTED + ")");
      }
      throw new Unusable(hoconFailure == null
          ? label + ": not YAML: " + yamlFailure
          : label + ": neither HOCON (" + hoconFailure + ") nor YAML (" + yamlFailure + ")");
    }
    JsonNode servers = root == null ? null : root.get("servers");
    if (servers == null || servers.isNull()) {
      throw new Unusable(label + ": no servers (expected: " + EXPECTED + ")");
    }
    try {
      return ServersSyncRequest.servers("servers", servers);
    } catch (IllegalArgumentException invalid) {
      throw new Unusable(label + ": " + invalid.getMessage());
    }
  }

  /** The servers of a parsed HOCON file, or null when it has no servers object at either place. */
  private static @Nullable List<ServerConfig> hocon(String label, Config hocon) {
    for (String path : List.of("servers", "switchboard.servers")) {
      if (hocon.hasPath(path)) {
        if (hocon.getValue(path).valueType() != ConfigValueType.OBJECT) {
          throw new Unusable(label + ": " + path + " is not an object (expected: " + EXPECTED + ")");
        }
        try {
          return ConfigLoader.servers(path, hocon.getConfig(path));
        } catch (ConfigError invalid) {
          throw new Unusable(label + ": " + invalid.getMessage());
        }
      }
    }
    return null;
  }

  private static String oneLine(@Nullable String message) {
    return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** A file that cannot be synced, with a one-line message naming it and what is wrong. */
  static final class Unusable extends RuntimeException {
    Unusable(String message) {
      super(message, null, false, false);
    }
  }
}
