package io.switchboard.conf;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URLs of the shared stores (spec §7 {@code REDIS_URL}, §12 {@code DATABASE_URL}) taken apart and checked, and
 * shown with their passwords hidden. Parsing is done here rather than by {@link URI#getHost()}: {@link URI} follows
 * RFC 2396 and drops the host of {@code redis://scalelite_redis:6379}, which Scalelite's Ruby URI (RFC 3986) and
 * Lettuce accept, and it cannot hold the comma-separated sentinels of a {@code redis-sentinel://} URL.
 */
final class StoreUrls {
  static final String HIDDEN = "<hidden>";
  static final int REDIS_PORT = 6379;
  static final int SENTINEL_PORT = 26379;
  static final int POSTGRES_PORT = 5432;
  /** Scalelite's production database name (config/database.yml), used when DATABASE_URL names none. */
  static final String DEFAULT_DATABASE = "scalelite";
  static final String REDIS_SENTINEL = "redis-sentinel";
  static final String REDIS_URL = "a redis://, rediss:// or redis-sentinel:// URL with a host, e.g. "
      + "redis://:password@redis.example.com:6379/0";
  static final String DATABASE_URL = "a postgres:// or postgresql:// URL with a host, e.g. "
      + "postgres://user:password@db.example.com:5432/scalelite";
  static final String NODE = "host:port, e.g. sentinel1.example.com:26379 or [::1]:26379";
  static final String NAMESPACE = "a key prefix without whitespace; \"\" = none";
  static final String MASTER = "a sentinel master name without whitespace, e.g. mymaster";

  private static final Set<String> REDIS_SCHEMES = Set.of("redis", "rediss", REDIS_SENTINEL);
  private static final Set<String> DATABASE_SCHEMES = Set.of("postgres", "postgresql");
  // RFC 3986 userinfo: unreserved, sub-delims, ':' and %XX; '@', '/', '?' and '#' must be percent-encoded.
  private static final Pattern USERINFO = Pattern.compile("(?:[A-Za-z0-9._~!$&'()*+,;=:-]|%[0-9A-Fa-f]{2})*");
  // A DNS name or IPv4 address; '_' is allowed, as Docker Compose service names may contain it.
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]*)");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern PORT = Pattern.compile("\\d{1,5}");
  private static final Pattern REDIS_DATABASE = Pattern.compile("/?|/\\d{1,9}");
  private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&#]*");
  private static final Pattern WHITESPACE = Pattern.compile(".*\\s.*", Pattern.DOTALL);
  private static final String USERINFO_RULE = "percent-encode '@', ':', '/', '?', '#' and '%' in the user and "
      + "password, e.g. '@' as %40";

  private StoreUrls() {}

  /** A store URL that cannot be used; the message says what was expected instead. */
  static final class Rejected extends RuntimeException {
    Rejected(String expected) {
      super(expected, null, false, false);
    }
  }

  /** A host and port; an IPv6 address is held without its brackets. */
  record HostPort(String host, int port) {
    /** {@code host:port}, with an IPv6 address in brackets. */
    String text() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * A checked store URL: its {@link URI} (scheme in lower case), the percent-decoded user and password of its
   * userinfo, its hosts, the percent-decoded path without its leading {@code /}, its query parameters and its
   * fragment.
   */
  record Parsed(URI uri, String scheme, Optional<String> username, Optional<String> password, List<HostPort> hosts,
                String path, Map<String, String> parameters, Optional<String> fragment) {}

  /**
   * {@code redis://[user:password@]host[:port][/db]}, the same with {@code rediss://} (TLS), as Scalelite's redis-rb
   * takes REDIS_URL, or Lettuce's {@code redis-sentinel://[user:password@]host[:port][,host[:port]...][/db]#master}.
   * The userinfo must contain a {@code :}: redis-rb reads {@code redis://word@host} as a user without a password,
   * Lettuce as a password, so Switchboard accepts neither reading. No query is accepted.
   *
   * @throws Rejected saying what was expected
   */
  static Parsed redis(String raw) {
    Parsed url = parse(raw, REDIS_SCHEMES, REDIS_URL);
    boolean sentinel = REDIS_SENTINEL.equals(url.scheme());
    if (url.username().isPresent() && url.password().isEmpty() && userinfo(url.uri()).indexOf(':') < 0) {
      throw new Rejected("user:password or :password before the '@' (a user alone is ambiguous); " + USERINFO_RULE);
    }
    if (url.hosts().size() > 1 && !sentinel) {
      throw new Rejected("one host; several sentinels need a redis-sentinel:// URL or switchboard.redis.sentinel");
    }
    if (!REDIS_DATABASE.matcher(url.uri().getRawPath()).matches()) {
      throw new Rejected("a database number after the host, e.g. redis://redis.example.com:6379/2");
    }
    if (url.uri().getRawQuery() != null) {
      throw new Rejected("no ?query in a Redis URL");
    }
    if (sentinel && url.fragment().filter(master -> !master.isEmpty()).isEmpty()) {
      throw new Rejected("the sentinel master name after '#', e.g. redis-sentinel://s1:26379,s2:26379/0#mymaster");
    }
    if (sentinel && url.fragment().filter(StoreUrls::isMaster).isEmpty()) {
      throw new Rejected(MASTER + " after '#'");
    }
    if (!sentinel && url.uri().getRawFragment() != null) {
      throw new Rejected("no #fragment in a redis:// or rediss:// URL");
    }
    return url;
  }

  /**
   * {@code postgres://[user[:password]@]host[:port][/database][?param=value&...]}, or {@code postgresql://}, as
   * Scalelite's ActiveRecord takes DATABASE_URL; without a database name, Scalelite's {@code scalelite}. The query
   * holds libpq connection parameters such as {@code sslmode=require}; {@code user} and {@code password} belong in the
   * userinfo, where they are hidden from logs.
   *
   * @throws Rejected saying what was expected
   */
  static Parsed database(String raw) {
    Parsed url = parse(raw, DATABASE_SCHEMES, DATABASE_URL);
    if (url.hosts().size() > 1) {
      throw new Rejected("one host in a PostgreSQL URL");
    }
    String path = url.uri().getRawPath();
    if (path.length() > 1 && path.indexOf('/', 1) >= 0) {
      throw new Rejected("a database name after the host, e.g. postgres://db.example.com/scalelite");
    }
    for (String name : List.of("user", "password")) {
      if (url.parameters().containsKey(name)) {
        throw new Rejected("the " + name + " in the userinfo, postgres://user:password@host/db, not in the query");
      }
    }
    if (url.uri().getRawFragment() != null) {
      throw new Rejected("no #fragment in a PostgreSQL URL; " + USERINFO_RULE);
    }
    return url;
  }

  /** The database of a Redis URL: the number in its path, else 0. */
  static int redisDatabase(Parsed url) {
    return url.path().isEmpty() ? 0 : Integer.parseInt(url.path());
  }

  /** {@code host:port} or {@code [ipv6]:port}; without a port, {@code defaultPort}. */
  static HostPort hostPort(String text, int defaultPort, String expected) {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new Rejected(expected);
      }
      host = text.substring(1, close);
      if (!IPV6.matcher(host).matches()) {
        throw new Rejected(expected);
      }
      String rest = text.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new Rejected(expected);
      }
      port = rest.isEmpty() ? null : rest.substring(1);
    } else {
      int colon = text.indexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
      if (!HOST.matcher(host).matches()) {
        throw new Rejected(expected);
      }
    }
    if (port == null) {
      return new HostPort(host, defaultPort);
    }
    if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new Rejected(expected);
    }
    return new HostPort(host, Integer.parseInt(port));
  }

  /** The sentinel nodes normalized to {@code host:port} (default port 26379), in order, without duplicates. */
  static List<String> sentinelNodes(List<String> nodes) {
    Set<String> normalized = new LinkedHashSet<>();
    for (String node : nodes) {
      normalized.add(hostPort(node.trim(), SENTINEL_PORT, NODE).text());
    }
    return List.copyOf(normalized);
  }

  static boolean isNamespace(String namespace) {
    return !WHITESPACE.matcher(namespace).matches();
  }

  static boolean isMaster(String master) {
    return !master.isEmpty() && !WHITESPACE.matcher(master).matches();
  }

  /**
   * The URL as text with its password hidden, for messages about values that may not parse at all. The userinfo runs
   * from {@code ://} to the last {@code @}, as a password may hold an unencoded {@code /}, {@code ?}, {@code #} or
   * {@code @}; everything after its first {@code :} is hidden, and the whole of it when it has no {@code :} and could
   * be a password ({@code userAloneIsUser} false, or it holds an {@code @}). A {@code password=} query parameter is
   * hidden too.
   */
  static String redact(String raw, boolean userAloneIsUser) {
    String shown = raw;
    int start = raw.indexOf("://");
    start = start < 0 ? 0 : start + 3;
    int at = raw.lastIndexOf('@');
    if (at >= start) {
      String userinfo = raw.substring(start, at);
      int colon = userinfo.indexOf(':');
      String kept;
      if (colon >= 0) {
        kept = colon == userinfo.length() - 1 ? userinfo : userinfo.substring(0, colon + 1) + HIDDEN;
      } else {
        kept = userinfo.isEmpty() || userAloneIsUser && userinfo.indexOf('@') < 0 ? userinfo : HIDDEN;
      }
      shown = raw.substring(0, start) + kept + raw.substring(at);
    }
    return QUERY_PASSWORD.matcher(shown).replaceAll("$1" + Matcher.quoteReplacement(HIDDEN));
  }

  /** A checked URL as text with its password hidden. */
  static String redact(URI url) {
    String authority = url.getRawAuthority();
    String userinfo = userinfo(url);
    int colon = userinfo.indexOf(':');
    if (colon < 0 || colon == userinfo.length() - 1) {
      return url.toString();
    }
    String hidden = userinfo.substring(0, colon + 1) + HIDDEN + authority.substring(userinfo.length());
    StringBuilder shown = new StringBuilder(url.getScheme()).append("://").append(hidden).append(url.getRawPath());
    if (url.getRawQuery() != null) {
      shown.append('?').append(url.getRawQuery());
    }
    if (url.getRawFragment() != null) {
      shown.append('#').append(url.getRawFragment());
    }
    return shown.toString();
  }

  private static Parsed parse(String raw, Set<String> schemes, String expected) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new Rejected(expected + "; " + USERINFO_RULE);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!schemes.contains(scheme) || uri.isOpaque() || uri.getRawAuthority() == null) {
      throw new Rejected(expected);
    }
    if (!scheme.equals(uri.getScheme())) {
      uri = URI.create(scheme + raw.substring(scheme.length()));
    }
    String userinfo = userinfo(uri);
    if (!USERINFO.matcher(userinfo).matches()) {
      throw new Rejected(expected + "; " + USERINFO_RULE);
    }
    String hostList = uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1);
    int defaultPort = REDIS_SENTINEL.equals(scheme) ? SENTINEL_PORT
        : DATABASE_SCHEMES.contains(scheme) ? POSTGRES_PORT : REDIS_PORT;
    List<HostPort> hosts = new ArrayList<>();
    for (String host : hostList.split(",", -1)) {
      hosts.add(hostPort(host, defaultPort, expected));
    }
    int colon = userinfo.indexOf(':');
    Optional<String> username = Optional.of(decode(colon < 0 ? userinfo : userinfo.substring(0, colon)))
        .filter(user -> !user.isEmpty());
    Optional<String> password = Optional.of(colon < 0 ? "" : decode(userinfo.substring(colon + 1)))
        .filter(secret -> !secret.isEmpty());
    String path = uri.getRawPath().isEmpty() ? "" : decode(uri.getRawPath().substring(1));
    return new Parsed(uri, scheme, username, password, List.copyOf(hosts), path, parameters(uri.getRawQuery()),
        Optional.ofNullable(uri.getRawFragment()).map(StoreUrls::decode));
  }

  /** The raw userinfo of a URL with an authority: everything before the authority's last {@code @}, or "". */
  private static String userinfo(URI uri) {
    String authority = uri.getRawAuthority();
    int at = authority.lastIndexOf('@');
    return at < 0 ? "" : authority.substring(0, at);
  }

  /** {@code name=value} pairs separated by {@code &}, percent-decoded; a repeated name keeps its last value. */
  private static Map<String, String> parameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Map.of();
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new Rejected("name=value query parameters separated by '&', e.g. ?sslmode=require");
      }
      parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
    }
    return Collections.unmodifiableMap(parameters);
  }

  /** Percent-decoding as in a URL: {@code %XX} are UTF-8 bytes, {@code +} stays a plus. */
  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    // java.net.URI has checked that every '%' starts a well-formed %XX.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      if (raw.charAt(i) == '%') {
        bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
        i += 3;
      } else {
        int end = raw.indexOf('%', i);
        end = end < 0 ? raw.length() : end;
        bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
