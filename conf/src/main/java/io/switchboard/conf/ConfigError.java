package io.switchboard.conf;

import com.typesafe.config.ConfigException;

/**
 * A configuration value Switchboard cannot start with. The message is always one line of the form
 * {@code key: value (expected: ...)}, naming the HOCON key or the Scalelite environment variable (spec §12) and the
 * offending value, so an operator can fix it from the log alone. Secrets are never part of a message: their values
 * read {@code <hidden>}.
 */
public final class ConfigError extends RuntimeException {

  /** An error about one key or environment variable; {@code value} is shown as given, so pass a redacted value for secrets. */
  public ConfigError(String key, String value, String expected) {
    super(oneLine(key + ": " + value + " (expected: " + expected + ")"));
  }

  /** A file that does not parse or a substitution that does not resolve; Typesafe's message names the file and line. */
  ConfigError(ConfigException cause) {
    super(oneLine(String.valueOf(cause.getMessage())), cause);
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ");
  }
}
