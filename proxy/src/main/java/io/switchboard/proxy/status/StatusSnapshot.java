package io.switchboard.proxy.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the status page shows, as the JSON its script renders: every server with its state, health, load and last-poll
 * statistics, the meetings on each, and the recent import failures. Never a secret or a moderator password: the page
 * is for people watching, not for acting.
 */
final class StatusSnapshot {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StatusSnapshot() {}

  static ObjectNode of(Instant now, List<ServerRecord> servers, Map<String, Double> loads, List<MeetingRecord> meetings,
      List<ImportFailures.Failure> failures) {
    Map<String, List<MeetingRecord>> byServer = new HashMap<>();
    for (MeetingRecord meeting : meetings) {
      byServer.computeIfAbsent(meeting.serverId(), id -> new ArrayList<>()).add(meeting);
    }
    ObjectNode snapshot = MAPPER.createObjectNode();
    snapshot.put("generated_at", now.toString());
    ArrayNode serverList = snapshot.putArray("servers");
    List<ServerRecord> sorted = new ArrayList<>(servers);
    sorted.sort(Comparator.comparing(StatusSnapshot::host).thenComparing(ServerRecord::id));
    for (ServerRecord server : sorted) {
      ObjectNode node = serverList.addObject()
          .put("id", server.id())
          .put("host", host(server))
          .put("state", server.state().name().toLowerCase(Locale.ROOT))
          .put("online", server.online())
          .put("meetings", server.meetings())
          .put("users", server.users())
          .put("largest_meeting", server.largestMeeting())
          .put("videos", server.videos())
          .put("load_multiplier", server.loadMultiplier())
          .put("bbb_version", server.bbbVersion());
      Double load = loads.get(server.id());
      if (load == null) {
        node.putNull("load");
      } else {
        node.put("load", load);
      }
      ArrayNode tags = node.putArray("tags");
      server.tags().stream().sorted().forEach(tags::add);
      ArrayNode routed = node.putArray("routed_meetings");
      List<MeetingRecord> own = byServer.getOrDefault(server.id(), List.of());
      own.stream().sorted(Comparator.comparing(MeetingRecord::createdAt).thenComparing(MeetingRecord::id))
          .forEach(meeting -> routed.addObject()
              .put("id", meeting.id())
              .put("tenant_id", meeting.tenantId())
              .put("created_at", meeting.createdAt().toString()));
    }
    ArrayNode failureList = snapshot.putArray("import_failures");
    for (ImportFailures.Failure failure : failures) {
      failureList.addObject()
          .put("tarball", failure.tarball())
          .put("failed_at", failure.failedAt().toString())
          .put("reason", failure.reason());
    }
    return snapshot;
  }

  static byte[] json(ObjectNode snapshot) {
    try {
      return MAPPER.writeValueAsBytes(snapshot);
    } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String host(ServerRecord server) {
    URI url = server.url();
    return url.getHost() != null ? url.getHost() : url.toString();
  }
}
