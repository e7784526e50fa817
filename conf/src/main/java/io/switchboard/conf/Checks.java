package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Argument checks of the configuration records' compact constructors, and the rules {@link ConfigReader} applies to
 * the same values before it builds them. Messages read {@code name: value (expected: ...)}.
 */
final class Checks {
  static final String SERVER_ID = "an id of letters, digits, '_', '.' or '-'";
  static final String TENANT_NAME = "a tenant name: a DNS label of letters, digits and '-'";
  private static final Pattern TENANT_NAME_PATTERN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  static final String HTTP_URL = "an absolute http or https URL with a host, e.g. https://bbb1.example.com/bigbluebutton/api";
  static final String TAG = "a non-blank tag without ';'";
  /** First path segments Switchboard answers itself, which a playback format's resource route would shadow. */
  static final Set<String> RESERVED_PATHS =
      Collections.unmodifiableSet(new TreeSet<>(List.of("bigbluebutton", "fsapi", "health_check", "livez", "metrics",
          "playback", "readyz", "recording", "scalelite", "status")));
  static final String PLAYBACK_FORMAT = "format names of lower-case letters, digits, '-' or '_', none of "
      + String.join(", ", RESERVED_PATHS);

  // Scalelite's servers:sync rule (spec §10.4): ids end up in Redis keys and admin API paths.
  private static final Pattern SERVER_ID_PATTERN = Pattern.compile("[A-Za-z0-9_.-]+");
  // Format names become URL path segments and directory names: no '.', '/', '%' or upper case.
  private static final Pattern PLAYBACK_FORMAT_PATTERN = Pattern.compile("[a-z0-9_-]+");

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

  static boolean isTenantName(String name) {
    return TENANT_NAME_PATTERN.matcher(name).matches();
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

  static boolean isPlaybackFormat(String format) {
    return PLAYBACK_FORMAT_PATTERN.matcher(format).matches() && !RESERVED_PATHS.contains(format);
  }

  /** The formats in order, without duplicates; each one {@link #isPlaybackFormat}. */
  static List<String> playbackFormats(List<String> formats, String name) {
    requireNonNull(formats, name);
    formats.forEach(format -> requireNonNull(format, name));
    if (!formats.stream().allMatch(Checks::isPlaybackFormat)) {
      throw invalid(name, formats, PLAYBACK_FORMAT);
    }
    return List.copyOf(new LinkedHashSet<>(formats));
  }

  /** The path made absolute (against the working directory) and normalized. */
  static Path absolute(Path path, String name) {
    requireNonNull(path, name);
    return path.toAbsolutePath().normalize();
  }

  /** A directory of the recordings configuration, by the name messages give it. */
  record NamedPath(String name, Path path) {}

  /** The directory {@code name} cannot be {@code path}: it must be {@code expected}. */
  record DirectoryConflict(String name, Path path, String expected) {}

  /**
   * The first pair of recording directories that would serve or mix up what they must not, or empty. All paths are
   * absolute and normalized; {@link Path#startsWith(Path)} compares whole names, so {@code /a/bc} is not inside
   * {@code /a/b}. Symbolic links are not followed: the directories need not exist yet.
   */
  static Optional<DirectoryConflict> directoryConflict(NamedPath spool, NamedPath work, NamedPath publish,
      NamedPath unpublish, NamedPath failed, Optional<NamedPath> player) {
    // Publishing moves <format>/<rid> between the trees, and only the published tree is served.
    if (overlap(publish, unpublish)) {
      return Optional.of(apart(unpublish, publish));
    }
    // Tarballs and half-extracted trees must never be served, nor indexed as formats of a tree.
    for (NamedPath inbound : List.of(spool, work, failed)) {
      for (NamedPath tree : List.of(publish, unpublish)) {
        if (inbound.path().startsWith(tree.path())) {
          return Optional.of(new DirectoryConflict(inbound.name(), inbound.path(),
              "a directory outside " + tree.name() + " (" + tree.path() + ")"));
        }
      }
    }
    // The spool watcher would retry every failed tarball forever.
    if (failed.path().equals(spool.path())) {
      return Optional.of(new DirectoryConflict(failed.name(), failed.path(),
          "a directory other than " + spool.name() + " (" + spool.path() + ")"));
    }
    // Everything under the player directory is served to anyone, without the checks of recording routes.
    if (player.isPresent()) {
      for (NamedPath other : List.of(spool, work, publish, unpublish, failed)) {
        if (overlap(player.get(), other)) {
          return Optional.of(apart(player.get(), other));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The first tenant recordings directory ({@code switchboard.tenants.recordings-dirs}, by tenant name) that overlaps
   * a directory of the recordings configuration or another tenant's, or empty. A tenant directory holds its own
   * {@code published} and {@code unpublished} trees: inside another tree it would be served or indexed as that tree's,
   * and a spool or work directory inside it would be served as the tenant's recordings.
   */
  static Optional<DirectoryConflict> tenantDirectoryConflict(Map<String, Path> tenantDirs, NamedPath spool,
      NamedPath work, NamedPath publish, NamedPath unpublish, NamedPath failed, Optional<NamedPath> player) {
    List<NamedPath> others = new ArrayList<>(List.of(spool, work, publish, unpublish, failed));
    player.ifPresent(others::add);
    for (Map.Entry<String, Path> tenant : new TreeMap<>(tenantDirs).entrySet()) {
      NamedPath dir = new NamedPath(tenant.getKey(), tenant.getValue());
      for (NamedPath other : others) {
        if (overlap(dir, other)) {
          return Optional.of(apart(dir, other));
        }
      }
      others.add(dir);
    }
    return Optional.empty();
  }

  private static boolean overlap(NamedPath one, NamedPath other) {
    return one.path().startsWith(other.path()) || other.path().startsWith(one.path());
  }

  private static DirectoryConflict apart(NamedPath wrong, NamedPath other) {
    return new DirectoryConflict(wrong.name(), wrong.path(),
        "a directory apart from " + other.name() + " (" + other.path() + "), neither inside the other");
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
