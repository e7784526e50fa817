package io.switchboard.proxy.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.storage.ServerRecord;
import java.math.BigDecimal;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Scalelite's {@code server_to_json} (spec §10.1), plus Switchboard's {@code tags} list (a server configured in HOCON may
 * have several; Scalelite's {@code tag} joins them) and the poll statistics when asked for them.
 */
final class ServerJson {
  private ServerJson() {}

  /**
   * @param load the server's score in the load table, or null when it has none ({@code "unavailable"})
   * @param verbose whether to add {@code meetings}, {@code users}, {@code largest_meeting} and {@code videos} (a
   *     Switchboard addition for {@code switchboard status}; Scalelite's object has no statistics)
   */
  static ObjectNode of(ServerRecord server, @Nullable Double load, boolean verbose) {
    ObjectNode json = AdminResponse.MAPPER.createObjectNode()
        .put("id", server.id())
        .put("url", server.url().toString())
        .put("secret", server.secret())
        .put("tag", tag(server))
        .put("bbb_version", server.bbbVersion())
        .put("state", server.state().wireName());
    if (load == null) {
      json.put("load", "unavailable");
    } else {
      json.put("load", load.doubleValue());
    }
    // Scalelite reads the multiplier back from Redis as a decimal, which Rails renders as a JSON string ("2.5").
    json.put("load_multiplier", BigDecimal.valueOf(server.loadMultiplier()).toPlainString())
        .put("online", server.online() ? "online" : "offline");
    ArrayNode tags = json.putArray("tags");
    new TreeSet<>(server.tags()).forEach(tags::add);
    if (verbose) {
      json.put("meetings", server.meetings())
          .put("users", server.users())
          .put("largest_meeting", server.largestMeeting())
          .put("videos", server.videos());
    }
    return json;
  }

  /** Scalelite's single tag; a server configured with several shows them comma-separated, in sorted order. */
  static String tag(ServerRecord server) {
    return String.join(",", new TreeSet<>(server.tags()));
  }
}
