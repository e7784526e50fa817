package io.switchboard.proxy.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.EventLoop;
import io.switchboard.proxy.api.BbbBackend;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbReply;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meeting endpoints of the admin API, Switchboard's additions for what Scalelite's {@code meetings},
 * {@code meetings:info} and {@code meetings:end} rake tasks do (spec §10.2): list the meetings Switchboard routed, ask a
 * meeting's server about it, end it. The moderator password a record keeps is never answered. Every method answers; a
 * store failure completes the stage exceptionally.
 */
final class MeetingsAdmin {
  private static final Logger log = LoggerFactory.getLogger(MeetingsAdmin.class);

  /** The metadata keys Scalelite's {@code meetings:info} prints, in its order. */
  static final List<String> METADATA_KEYS = List.of("bbb-context-name", "analytics-callback-url",
      "bbb-recording-tags", "bbb-origin-server-common-name", "bbb-context-label", "bbb-origin", "bbb-context",
      "bbb-context-id", "bbb-recording-name", "bbb-origin-server-name", "bbb-recording-description", "bbb-origin-tag");

  private final Stores stores;
  private final BbbBackend backend;

  MeetingsAdmin(Stores stores, BbbBackend backend) {
    this.stores = stores;
    this.backend = backend;
  }

  /** Every meeting, or those of {@code serverId} (404 when no such server), sorted by server then id. */
  CompletionStage<AdminResponse> getMeetings(@Nullable String serverId) {
    return stores.servers().all().thenCombine(stores.meetings().all(), (servers, meetings) -> {
      Map<String, ServerRecord> byId = servers.stream()
          .collect(Collectors.toMap(ServerRecord::id, Function.identity()));
      if (serverId != null && !byId.containsKey(serverId)) {
        return ServersAdmin.notFound(serverId);
      }
      ArrayNode list = AdminResponse.MAPPER.createArrayNode();
      meetings.stream()
          .filter(meeting -> serverId == null || meeting.serverId().equals(serverId))
          .sorted(Comparator.comparing(MeetingRecord::serverId).thenComparing(MeetingRecord::id))
          .forEach(meeting -> list.add(record(meeting, byId.get(meeting.serverId()))));
      return AdminResponse.json(200, list);
    });
  }

  /**
   * The record and what its server says about the meeting now. A server that is gone, cannot be reached or does not
   * know the meeting still gives the record, with {@code "running": false} and the {@code "error"} that explains it.
   */
  CompletionStage<AdminResponse> getMeetingInfo(String id, EventLoop loop) {
    return withMeeting(id, (meeting, server) -> {
      ObjectNode info = record(meeting, server);
      if (server == null) {
        return done(AdminResponse.json(200, notRunning(info, "Server id=" + meeting.serverId() + " no longer exists")));
      }
      return backend.get(loop, server, "getMeetingInfo", Params.of().with("meetingID", meeting.id()))
          .handle((response, failure) -> {
            if (failure != null) {
              return AdminResponse.json(200, notRunning(info, unreachable(server, failure)));
            }
            MeetingInfoXml reply = MeetingInfoXml.parse(response.body());
            if (!reply.success()) {
              return AdminResponse.json(200, notRunning(info, refusal(server, reply.field("messageKey"),
                  reply.field("message"), response.status())));
            }
            return AdminResponse.json(200, live(info, reply));
          });
    });
  }

  /**
   * Forgets the meeting, then asks its server to end it with the moderator password it was created with (Scalelite's
   * {@code meetings:end}). The record is forgotten even when the server cannot be told, which is then a 502; a server
   * answering {@code notFound} had already ended it.
   */
  CompletionStage<AdminResponse> endMeeting(String id, EventLoop loop) {
    return withMeeting(id, (meeting, server) -> stores.meetings().remove(id).thenCompose(removed -> {
      if (!removed) {
        return done(notFound(id));
      }
      log.info("admin: forgot meeting {} on server {}", id, meeting.serverId());
      if (server == null) {
        return done(AdminResponse.error(502, "Meeting id=" + id + " was forgotten; its server id="
            + meeting.serverId() + " no longer exists"));
      }
      Params params = Params.of().with("meetingID", id).with("password", meeting.moderatorPassword());
      return backend.get(loop, server, "end", params).handle((response, failure) -> {
        if (failure != null) {
          log.warn("admin: end of {} on {} failed: {}", id, server.id(), failure.toString());
          return AdminResponse.error(502, "Meeting id=" + id + " was forgotten; "
              + unreachable(server, failure));
        }
        BbbReply reply = BbbReply.parse(response.body());
        if (reply.success() || reply.messageKey().filter("notFound"::equals).isPresent()) {
          return AdminResponse.success("Meeting id=" + id + " was ended");
        }
        log.warn("admin: end of {} on {} answered {}", id, server.id(), reply);
        return AdminResponse.error(502, "Meeting id=" + id + " was forgotten; "
            + refusal(server, reply.messageKey(), reply.message(), response.status()));
      });
    }));
  }

  /** The meeting with its server (null when the server was removed since), or 404. */
  private CompletionStage<AdminResponse> withMeeting(String id, MeetingThen then) {
    return stores.meetings().find(id).thenCompose(found -> {
      if (found.isEmpty()) {
        return done(notFound(id));
      }
      MeetingRecord meeting = found.get();
      return stores.servers().find(meeting.serverId())
          .thenCompose(server -> then.apply(meeting, server.orElse(null)));
    });
  }

  /** What the admin API tells of a meeting record: everything but the moderator password. */
  private static ObjectNode record(MeetingRecord meeting, @Nullable ServerRecord server) {
    return AdminResponse.MAPPER.createObjectNode()
        .put("id", meeting.id())
        .put("server_id", meeting.serverId())
        .put("server_url", server == null ? "" : server.url().toString())
        .put("tenant_id", meeting.tenantId())
        .put("voice_bridge", meeting.voiceBridge())
        .put("created_at", DateTimeFormatter.ISO_INSTANT.format(meeting.createdAt()));
  }

  /** The record with BBB's fields, named as BBB names them, and the metadata keys Scalelite's meetings:info shows. */
  private static ObjectNode live(ObjectNode info, MeetingInfoXml reply) {
    info.put("meetingName", reply.field("meetingName").orElse(""))
        .put("internalMeetingID", reply.field("internalMeetingID").orElse(""))
        .put("createDate", reply.field("createDate").orElse(""))
        .put("running", reply.field("running").map(Boolean::parseBoolean).orElse(false))
        .put("recording", reply.field("recording").map(Boolean::parseBoolean).orElse(false))
        .put("participantCount", count(reply.field("participantCount")))
        .put("moderatorCount", count(reply.field("moderatorCount")));
    ObjectNode metadata = info.putObject("metadata");
    for (String key : METADATA_KEYS) {
      String value = reply.metadata().get(key);
      if (value != null) {
        metadata.put(key, value);
      }
    }
    return info;
  }

  private static ObjectNode notRunning(ObjectNode info, String error) {
    return info.put("running", false).put("error", error);
  }

  private static int count(Optional<String> text) {
    try {
      return text.map(String::strip).map(Integer::parseInt).orElse(0);
    } catch (NumberFormatException unreadable) {
      return 0;
    }
  }

  private static String unreachable(ServerRecord server, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    String reason = cause.getMessage() == null || cause.getMessage().isBlank()
        ? cause.getClass().getSimpleName() : cause.getMessage();
    return "server id=" + server.id() + " could not be reached: " + reason;
  }

  private static String refusal(ServerRecord server, Optional<String> messageKey, Optional<String> message,
      int status) {
    if (messageKey.isEmpty()) {
      return "server id=" + server.id() + " did not answer as BigBlueButton does (HTTP " + status + ")";
    }
    return "server id=" + server.id() + " answered " + messageKey.get()
        + message.filter(text -> !text.isBlank()).map(text -> ": " + text).orElse("");
  }

  static AdminResponse notFound(String id) {
    return AdminResponse.error(404, "Couldn't find meeting with id=" + id);
  }

  private static CompletionStage<AdminResponse> done(AdminResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  /** What to do with a found meeting and its server, null when that server was removed. */
  @FunctionalInterface
  private interface MeetingThen {
    CompletionStage<AdminResponse> apply(MeetingRecord meeting, @Nullable ServerRecord server);
  }
}
