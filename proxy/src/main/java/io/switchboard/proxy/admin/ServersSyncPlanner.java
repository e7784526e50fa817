package io.switchboard.proxy.admin;

import io.switchboard.conf.ServerConfig;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.admin.ServersSyncChange.Action;
import io.switchboard.storage.ServerRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scalelite's {@code ServerSync} (spec §10.4) as a pure function: the steps that make the stored servers what a file
 * says. Servers are matched by id. A listed server is created (enabled or disabled as listed), or updated where its
 * URL, secret, load multiplier or tags differ, then enabled when listed enabled and not enabled, or cordoned when
 * listed disabled and enabled. A server the file does not list is handled per {@link ServersSyncMode}. The steps come
 * in the order they are safe to apply: every listed server first, removals last, each server's steps in sequence.
 */
final class ServersSyncPlanner {
  private ServersSyncPlanner() {}

  /**
   * @param desired the servers of the file, valid
   * @param current the stored servers
   * @param meetings the number of stored meetings per server id; a missing id has none
   */
  static List<ServersSyncChange> plan(List<ServerConfig> desired, List<ServerRecord> current,
      Map<String, Integer> meetings, ServersSyncMode mode) {
    Map<String, ServerRecord> stored = current.stream()
        .collect(Collectors.toMap(ServerRecord::id, Function.identity(), (first, second) -> first, TreeMap::new));
    Map<String, ServerConfig> wanted = desired.stream()
        .collect(Collectors.toMap(ServerConfig::id, Function.identity(), (first, second) -> second, TreeMap::new));
    List<ServersSyncChange> changes = new ArrayList<>();
    for (ServerConfig server : wanted.values()) {
      ServerRecord existing = stored.get(server.id());
      if (existing == null) {
        changes.add(new ServersSyncChange(server.id(), Action.CREATE, created(server)));
      } else {
        update(server, existing, changes);
      }
    }
    for (ServerRecord server : stored.values()) {
      if (!wanted.containsKey(server.id())) {
        unlisted(server, meetings.getOrDefault(server.id(), 0), mode, changes);
      }
    }
    return List.copyOf(changes);
  }

  private static void update(ServerConfig server, ServerRecord existing, List<ServersSyncChange> changes) {
    List<String> fields = new ArrayList<>();
    if (!server.url().equals(existing.url())) {
      fields.add("url " + existing.url() + " -> " + server.url());
    }
    if (!server.secret().equals(existing.secret())) {
      fields.add("secret");
    }
    if (server.loadMultiplier() != existing.loadMultiplier()) {
      fields.add("load_multiplier " + existing.loadMultiplier() + " -> " + server.loadMultiplier());
    }
    if (!Set.copyOf(server.tags()).equals(existing.tags())) {
      fields.add("tag '" + tag(existing.tags()) + "' -> '" + tag(server.tags()) + "'");
    }
    if (!fields.isEmpty()) {
      changes.add(new ServersSyncChange(server.id(), Action.UPDATE, String.join(", ", fields)));
    }
    boolean enabled = existing.state() == ServerState.ENABLED;
    if (server.enabled() && !enabled) {
      changes.add(new ServersSyncChange(server.id(), Action.ENABLE, "was " + existing.state().wireName()));
    } else if (!server.enabled() && enabled) {
      changes.add(new ServersSyncChange(server.id(), Action.CORDON, "listed with enabled: false"));
    }
  }

  private static void unlisted(ServerRecord server, int meetings, ServersSyncMode mode,
      List<ServersSyncChange> changes) {
    String id = server.id();
    boolean enabled = server.state() == ServerState.ENABLED;
    switch (mode) {
      case keep -> { }
      case cordon -> {
        if (meetings == 0) {
          changes.add(new ServersSyncChange(id, Action.REMOVE, "not listed, no meetings"));
        } else if (enabled) {
          changes.add(new ServersSyncChange(id, Action.CORDON, "not listed, " + count(meetings) + " running"));
        }
      }
      case force -> {
        if (meetings > 0) {
          if (enabled) {
            changes.add(new ServersSyncChange(id, Action.CORDON, "not listed, before its meetings are ended"));
          }
          changes.add(new ServersSyncChange(id, Action.END_MEETINGS, count(meetings)));
        }
        changes.add(new ServersSyncChange(id, Action.REMOVE, "not listed"));
      }
    }
  }

  private static String created(ServerConfig server) {
    StringBuilder detail = new StringBuilder(server.url().toString())
        .append(server.enabled() ? ", enabled" : ", disabled")
        .append(", load_multiplier ").append(server.loadMultiplier());
    if (!server.tags().isEmpty()) {
      detail.append(", tag '").append(tag(server.tags())).append('\'');
    }
    return detail.toString();
  }

  private static String count(int meetings) {
    return meetings == 1 ? "1 meeting" : meetings + " meetings";
  }

  private static String tag(Collection<String> tags) {
    return String.join(",", new TreeSet<>(tags));
  }
}
