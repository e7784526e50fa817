package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** What the plain-main benches share: {@code key=value} arguments, the machine line, BBB checksums. */
final class BenchSupport {
  private BenchSupport() {}

  /** {@code key=value} arguments; an unknown key fails, so a typo never runs with a default silently. */
  static final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> defaults;

    Args(String[] args, Map<String, String> defaults) {
      this.defaults = defaults;
      for (String arg : args) {
        int eq = arg.indexOf('=');
        String key = eq < 0 ? arg : arg.substring(0, eq);
        if (!defaults.containsKey(key)) {
          throw new IllegalArgumentException("unknown argument " + arg + " (expected key=value with a key among "
              + defaults.keySet() + ")");
        }
        values.put(key, eq < 0 ? "true" : arg.substring(eq + 1));
      }
    }

    String string(String key) {
      return values.getOrDefault(key, defaults.get(key));
    }

    int integer(String key) {
      return Integer.parseInt(string(key));
    }

    long longValue(String key) {
      return Long.parseLong(string(key));
    }

    boolean bool(String key) {
      return Boolean.parseBoolean(string(key));
    }

    /** Every argument with its effective value, for the report. */
    String describe() {
      StringBuilder text = new StringBuilder();
      defaults.keySet().stream().sorted().forEach(key -> text.append(key).append('=').append(string(key)).append(' '));
      return text.toString().trim();
    }
  }

  /** {@code /proc/loadavg}'s first three fields, or {@code ?}. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException unavailable) {
      return "?";
    }
  }

  /** Date, cores, JDK, load average: the first line of every report. */
  static String machine() {
    return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " | "
        + Runtime.getRuntime().availableProcessors() + " CPUs | " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + " | max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB | load average " + loadAverage();
  }

  /** The hex SHA-256 of {@code callName + query + secret}: what a front-end puts in {@code checksum}. */
  static String checksum(String callName, String query, String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest((callName + query + secret).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Deletes a directory tree, quietly. */
  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
