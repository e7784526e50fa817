package io.switchboard.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.conf.ServerConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The servers of a {@code servers sync} request in Scalelite's YAML shape (spec §10.4), as a JSON or YAML tree:
 * {@code {<id>: {secret, url, enabled, load_multiplier, tag}}}. The CLI reads the operator's YAML file with it and the
 * endpoint reads the request body with it, so both accept and refuse the same entries. Besides Scalelite's single
 * {@code tag}, a {@code tags} list carries the several tags a configuration file may give a server.
 */
public final class ServersSyncRequest {
  /** Scalelite's default: the API of a server named by its host name. */
  private static final String DEFAULT_URL = "https://%s/bigbluebutton/api";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Set<String> KEYS = Set.of("url", "secret", "enabled", "load_multiplier", "tag", "tags",
      "load", "state", "bbb_version", "online");
  private static final String HTTP_URL = "an http or https URL with a host";

  private ServersSyncRequest() {}

  /**
   * Every server of {@code servers}, in id order, or the first invalid entry.
   *
   * @param path where {@code servers} is, for messages, e.g. {@code servers}
   * @throws IllegalArgumentException a one-line message naming the entry and what was expected of it
   */
  public static List<ServerConfig> servers(String path, JsonNode servers) {
    if (!servers.isObject()) {
      throw new IllegalArgumentException(path + ": " + shown(servers) + " (expected: an object of servers by id)");
    }
    List<ServerConfig> result = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : new TreeMap<>(toMap(servers)).entrySet()) {
      result.add(server(path, entry.getKey(), entry.getValue()));
    }
    return result;
  }

  /** {@code servers} as a request carries them; {@link #servers} reads it back to the same servers. */
  public static ObjectNode toJson(List<ServerConfig> servers) {
    ObjectNode json = AdminResponse.MAPPER.createObjectNode();
    for (ServerConfig server : servers) {
      ObjectNode entry = json.putObject(server.id())
          .put("url", server.url().toString())
          .put("secret", server.secret())
          .put("enabled", server.enabled())
          .put("load_multiplier", server.loadMultiplier());
      if (server.tags().size() > 1) {
        ArrayNode tags = entry.putArray("tags");
        new TreeSet<>(server.tags()).forEach(tags::add);
      } else {
        entry.put("tag", server.tags().isEmpty() ? "" : server.tags().get(0));
      }
    }
    return json;
  }

  private static ServerConfig server(String path, String id, JsonNode entry) {
    String where = path + "." + quoted(id);
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(where + ": invalid id (expected: an id of letters, digits, '_', '.' or '-')");
    }
    if (!entry.isObject()) {
      throw new IllegalArgumentException(where + ": " + shown(entry) + " (expected: an object with a secret)");
    }
    for (String key : new TreeSet<>(toMap(entry).keySet())) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(where + "." + key + ": unknown key (expected: one of "
            + String.join(", ", new TreeSet<>(KEYS)) + ")");
      }
    }
    String secret = text(where, entry, "secret");
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(where + ".secret: " + (secret == null ? "missing" : "blank")
          + " (expected: the server's shared secret)");
    }
    String urlText = text(where, entry, "url");
    URI url = ServersAdmin.httpUrl(urlText == null ? DEFAULT_URL.formatted(id) : urlText)
        .orElseThrow(() -> new IllegalArgumentException(where + ".url: " + shown(entry.get("url"))
            + " (expected: " + HTTP_URL + ")"));
    boolean enabled = enabled(where, entry.get("enabled"));
    double multiplier = multiplier(where, entry.get("load_multiplier"));
    List<String> tags = tags(where, entry);
    try {
      return new ServerConfig(id, url, secret, enabled, multiplier, tags);
    } catch (IllegalArgumentException invalid) {
      throw new IllegalArgumentException(where + "." + invalid.getMessage(), invalid);
    }
  }

  private static boolean enabled(String where, JsonNode value) {
    if (value == null || value.isNull()) {
      return true;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
      return Boolean.parseBoolean(value.asText());
    }
    throw new IllegalArgumentException(where + ".enabled: " + shown(value) + " (expected: true or false)");
  }

  private static double multiplier(String where, JsonNode value) {
    if (value == null || value.isNull()) {
      return 1.0;
    }
    double parsed = Double.NaN;
    if (value.isNumber()) {
      parsed = value.doubleValue();
    } else if (value.isTextual()) {
      try {
        parsed = Double.parseDouble(value.asText().strip());
      } catch (NumberFormatException unreadable) {
        parsed = Double.NaN;
      }
    }
    if (!(parsed > 0 && Double.isFinite(parsed))) {
      throw new IllegalArgumentException(where + ".load_multiplier: " + shown(value) + " (expected: a number > 0)");
    }
    return parsed;
  }

  private static List<String> tags(String where, JsonNode entry) {
    JsonNode tag = entry.get("tag");
    JsonNode tags = entry.get("tags");
    boolean hasTag = tag != null && !tag.isNull();
    boolean hasTags = tags != null && !tags.isNull();
    if (hasTag && hasTags) {
      throw new IllegalArgumentException(where + ".tag: " + shown(tag) + " (expected: either tag or tags, not both)");
    }
    if (hasTag) {
      if (!tag.isValueNode()) {
        throw new IllegalArgumentException(where + ".tag: " + shown(tag) + " (expected: a tag, or '' for none)");
      }
      return tag.asText().isBlank() ? List.of() : List.of(tag.asText().strip());
    }
    if (hasTags) {
      if (!tags.isArray() || !allTextual(tags)) {
        throw new IllegalArgumentException(where + ".tags: " + shown(tags) + " (expected: a list of tags)");
      }
      List<String> list = new ArrayList<>();
      tags.forEach(element -> list.add(element.asText()));
      return list;
    }
    return List.of();
  }

  private static Map<String, JsonNode> toMap(JsonNode object) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
    return map;
  }

  private static boolean allTextual(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isTextual()) {
        return false;
      }
    }
    return true;
  }

  /** A scalar as text; null when absent or null. */
  private static @Nullable String text(String where, JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new IllegalArgumentException(where + "." + field + ": " + shown(value) + " (expected: a string)");
    }
    return value.asText();
  }

  /** An id as a path element: quoted when it holds a dot, as HOCON and Switchboard's messages write it. */
  private static String quoted(String id) {
    return ID.matcher(id).matches() && id.indexOf('.') < 0 ? id : "\"" + id + "\"";
  }

  /** A value for a message, never more than a line. */
  private static String shown(@Nullable JsonNode value) {
    if (value == null) {
      return "missing";
    }
    String text = value.toString().replaceAll("\\s+", " ");
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
