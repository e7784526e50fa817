package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Argument checks of the configuration records' compact constructors, and the rules {@link ConfigReader} applies to
 * the same values before it builds them. Messages read {@code name: value (expected: ...)}.
 */
final class Checks {
  static final String SERVER_ID = "an id of letters, digits, '_', '.' or '-'";
  static final String HTTP_URL = "an absolute http or https URL with a host, e.g. https://bbb1.example.com/bigbluebutton/api";
  static final String TAG = "a non-blank tag without ';'";

  // Scalelite's servers:sync rule (spec §10.4): ids end up in Redis keys and admin API paths.
  private static final Pattern SERVER_ID_PATTERN = Pattern.compile("[A-Za-z0-9_.-]+");

  private Checks() {}

  static int between(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw invalid(name, value, max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max);
    }
    return value;
  }

  static Duration positive(Duration value, String name) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw invalid(name, value, "> 0");
    }
    return value;
  }

  static Duration nonNegative(Duration value, String name) {
    requireNonNull(value, name);
    if (value.isNegative()) {
      throw invalid(name, value, ">= 0");
    }
    return value;
  }

  static boolean isWholeMinutes(Duration value) {
    return value.truncatedTo(ChronoUnit.MINUTES).equals(value);
  }

  static String nonBlank(String value, String name) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw invalid(name, "\"" + value + "\"", "a non-blank string");
    }
    return value;
  }

  static boolean isServerId(String id) {
    return SERVER_ID_PATTERN.matcher(id).matches();
  }

  static boolean isHttpUrl(URI url) {
    String scheme = url.getScheme();
    return url.isAbsolute()
        && ("http".equals(scheme.toLowerCase(Locale.ROOT)) || "https".equals(scheme.toLowerCase(Locale.ROOT)))
        && url.getHost() != null;
  }

  static boolean isTag(String tag) {
    // Requests name several tags separated by ';' (spec §5.2), so a tag containing one could never be asked for.
    return !tag.isBlank() && tag.indexOf(';') < 0;
  }

  static <T> List<T> list(List<T> values, String name) {
    requireNonNull(values, name);
    values.forEach(value -> requireNonNull(value, name));
    return List.copyOf(values);
  }

  static <T> Set<T> orderedSet(Collection<T> values, String name) {
    requireNonNull(values, name);
    values.forEach(value -> requireNonNull(value, name));
    return Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }

  static Map<String, String> orderedMap(Map<String, String> values, String name) {
    requireNonNull(values, name);
    values.forEach((key, value) -> {
      requireNonNull(key, name);
      requireNonNull(value, name);
    });
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  static IllegalArgumentException invalid(String name, Object value, String expected) {
    return new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
  }
}
