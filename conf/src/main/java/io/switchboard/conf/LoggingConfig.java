package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Logging ({@code switchboard.logging}): the line format on stdout, whether every BBB API call gets an access line,
 * the root level, and levels by logger name (e.g. {@code io.netty = WARN}).
 */
public record LoggingConfig(Format format, boolean apiCalls, Level level, Map<String, Level> levels) {

  /** How each line is written: for people, or one JSON object per line for a log pipeline. */
  public enum Format {
    TEXT, JSON;

    static Optional<Format> parse(String text) {
      for (Format format : values()) {
        if (format.name().equalsIgnoreCase(text.strip())) {
          return Optional.of(format);
        }
      }
      return Optional.empty();
    }
  }

  /** Logback's levels. */
  public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, OFF;

    static Optional<Level> parse(String text) {
      try {
        return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException unknown) {
        return Optional.empty();
      }
    }
  }

  public LoggingConfig {
    requireNonNull(format, "format");
    requireNonNull(level, "level");
    requireNonNull(levels, "levels");
    levels = Map.copyOf(new TreeMap<>(levels));
  }
}
