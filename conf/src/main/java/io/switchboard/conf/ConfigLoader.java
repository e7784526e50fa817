package io.switchboard.conf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Loads Switchboard's configuration at startup. Three layers, highest first: Scalelite's environment variables
 * (spec §12, converted from Scalelite's units), the operator's HOCON file, and the {@code reference.conf} that holds
 * every default. The file is the one given, or else the one named by the {@code config.file} system property, as
 * {@code ConfigFactory.load()} would; without either, environment variables and defaults alone apply.
 */
public final class ConfigLoader {
  private static final String CONFIG_FILE_PROPERTY = "config.file";

  private ConfigLoader() {}

  /**
   * The validated configuration.
   *
   * @throws ConfigError on a missing or unparsable file, or naming the first bad value
   */
  public static SwitchboardConfig load(Optional<Path> file, Map<String, String> environment) {
    return SwitchboardConfig.from(layered(file, environment));
  }

  /**
   * The merged, resolved Typesafe configuration that {@link #load} reads.
   *
   * @throws ConfigError on a missing or unparsable file, an unresolvable substitution or a bad environment variable
   */
  public static Config layered(Optional<Path> file, Map<String, String> environment) {
    Config layered = operatorFile(file, System.getProperties())
        .map(ConfigLoader::parse)
        .orElseGet(ConfigFactory::empty)
        .withFallback(ConfigFactory.defaultReference());
    // withValue replaces: a list or object from the environment must not merge with the file's.
    for (Map.Entry<String, ConfigValue> override : ScaleliteEnvironment.overrides(environment).entrySet()) {
      layered = layered.withValue(override.getKey(), override.getValue());
    }
    try {
      return layered.resolve();
    } catch (ConfigException e) {
      throw new ConfigError(e);
    }
  }

  /**
   * The servers of an object written like {@code switchboard.servers} (e.g. the file of {@code switchboard servers
   * sync}), checked by the rules the configuration's servers follow.
   *
   * @param path where {@code servers} is in its file, e.g. {@code servers}, to name bad keys in messages
   * @throws ConfigError naming the first bad key
   */
  public static List<ServerConfig> servers(String path, Config servers) {
    return ConfigReader.servers(path, servers);
  }

  static Optional<Path> operatorFile(Optional<Path> file, Properties systemProperties) {
    return file.or(() -> Optional.ofNullable(systemProperties.getProperty(CONFIG_FILE_PROPERTY))
        .filter(name -> !name.isBlank())
        .map(Path::of));
  }

  private static Config parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigError("config file", file.toString(), "an existing HOCON file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ConfigError(e);
    }
  }
}
