package io.switchboard.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.EventLoop;
import io.switchboard.conf.ServerConfig;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.admin.ServersSyncChange.Action;
import io.switchboard.proxy.api.BbbBackend;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbReply;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /scalelite/api/syncServers}, Switchboard's endpoint for {@code switchboard servers sync} (Scalelite's
 * {@code servers:sync}, spec §10.4): body {@code {"servers": {<id>: {…}}, "mode": "cordon", "dry_run": false}}. The
 * plan is {@link ServersSyncPlanner}'s over the stored servers and the stored meetings per server; a dry run answers it
 * and writes nothing. Otherwise the steps are applied one after the other and answered as they were applied. Before a
 * server is removed, the meetings stored for it are counted again: when one appeared since the plan was made, the sync
 * stops there with a 409 that lists what was applied, as Scalelite refuses to remove a server that got new meetings.
 */
final class ServersSync {
  private static final Logger log = LoggerFactory.getLogger(ServersSync.class);
  private static final String MODES = Arrays.stream(ServersSyncMode.values()).map(Enum::name)
      .collect(Collectors.joining(", "));

  private final Stores stores;
  private final BbbBackend backend;

  ServersSync(Stores stores, BbbBackend backend) {
    this.stores = stores;
    this.backend = backend;
  }

  CompletionStage<AdminResponse> sync(ObjectNode body, EventLoop loop) {
    JsonNode servers = body.get("servers");
    if (servers == null || servers.isNull()) {
      return done(AdminResponse.error(400, "servers: missing (expected: an object of servers by id)"));
    }
    List<ServerConfig> desired;
    try {
      desired = ServersSyncRequest.servers("servers", servers);
    } catch (IllegalArgumentException invalid) {
      return done(AdminResponse.error(400, invalid.getMessage()));
    }
    JsonNode modeValue = body.get("mode");
    ServersSyncMode mode = modeValue == null || modeValue.isNull()
        ? ServersSyncMode.cordon
        : ServersSyncMode.parse(modeValue.asText()).orElse(null);
    if (mode == null) {
      return done(AdminResponse.error(400, "mode: " + modeValue + " (expected: one of " + MODES + ")"));
    }
    JsonNode dryRunValue = body.get("dry_run");
    if (dryRunValue != null && !dryRunValue.isNull() && !dryRunValue.isBoolean()) {
      return done(AdminResponse.error(400, "dry_run: " + dryRunValue + " (expected: true or false)"));
    }
    boolean dryRun = dryRunValue != null && dryRunValue.booleanValue();
    return stores.servers().all().thenCombine(meetingsByServer(), (current, meetings) -> {
      Map<String, Integer> counts = meetings.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().size()));
      List<ServersSyncChange> plan = ServersSyncPlanner.plan(desired, current, counts, mode);
      return new Planned(plan, desired, current, meetings);
    }).thenCompose(planned -> {
      if (dryRun) {
        return done(answer(200, true, mode, planned.plan(), null));
      }
      return apply(planned, mode, loop);
    });
  }

  private record Planned(List<ServersSyncChange> plan, List<ServerConfig> desired, List<ServerRecord> current,
      Map<String, List<MeetingRecord>> meetings) {

    ServerConfig desired(String id) {
      return desired.stream().filter(server -> server.id().equals(id)).findFirst().orElseThrow();
    }

    ServerRecord current(String id) {
      return current.stream().filter(server -> server.id().equals(id)).findFirst().orElseThrow();
    }
  }

  /** What applying one step came to: the change as applied, or why the sync stops. */
  private record Outcome(@Nullable ServersSyncChange applied, @Nullable String failure) {
    static Outcome applied(ServersSyncChange change) {
      return new Outcome(change, null);
    }

    static Outcome failed(String why) {
      return new Outcome(null, why);
    }
  }

  private CompletionStage<AdminResponse> apply(Planned planned, ServersSyncMode mode, EventLoop loop) {
    List<ServersSyncChange> applied = new ArrayList<>();
    CompletionStage<@Nullable String> chain = CompletableFuture.completedFuture(null);
    for (ServersSyncChange change : planned.plan()) {
      chain = chain.thenCompose(failure -> {
        if (failure != null) {
          return CompletableFuture.completedFuture(failure);
        }
        return step(change, planned, loop).thenApply(outcome -> {
          if (outcome.applied() != null) {
            log.info("admin: sync: {} {} ({})", outcome.applied().action().wireName(), change.id(),
                outcome.applied().detail());
            applied.add(outcome.applied());
          }
          return outcome.failure();
        });
      });
    }
    return chain.thenApply(failure -> {
      if (failure == null) {
        return answer(200, false, mode, applied, null);
      }
      String done = applied.isEmpty() ? "nothing was applied" : "applied: " + applied.stream()
          .map(change -> change.action().wireName() + " " + change.id()).collect(Collectors.joining(", "));
      log.warn("admin: sync stopped: {}; {}", failure, done);
      return answer(409, false, mode, applied, failure + "; " + done);
    });
  }

  private CompletionStage<Outcome> step(ServersSyncChange change, Planned planned, EventLoop loop) {
    String id = change.id();
    return switch (change.action()) {
      case CREATE -> create(change, planned.desired(id));
      case UPDATE -> {
        ServerConfig wanted = planned.desired(id);
        Set<String> tags = Set.copyOf(wanted.tags());
        yield updated(change, stores.servers().update(id, current -> new ServerRecord(current.id(), wanted.url(),
            wanted.secret(), current.state(), current.online(), wanted.loadMultiplier(), tags,
            current.healthyCounter(), current.unhealthyCounter(), current.meetings(), current.users(),
            current.largestMeeting(), current.videos(), current.bbbVersion())));
      }
      case ENABLE -> updated(change, stores.servers().update(id, current -> current.withState(ServerState.ENABLED)));
      case CORDON -> updated(change, stores.servers().update(id, current -> current.withState(ServerState.CORDONED)));
      case END_MEETINGS -> endMeetings(change, planned.current(id), planned.meetings().getOrDefault(id, List.of()),
          loop);
      case REMOVE -> remove(change);
    };
  }

  private CompletionStage<Outcome> create(ServersSyncChange change, ServerConfig wanted) {
    ServerRecord record = new ServerRecord(wanted.id(), wanted.url(), wanted.secret(),
        wanted.enabled() ? ServerState.ENABLED : ServerState.DISABLED, false, wanted.loadMultiplier(),
        Set.copyOf(wanted.tags()), 0, 0, 0, 0, 0, 0, "");
    return stores.servers().find(wanted.id()).thenCompose(found -> found.isPresent()
        ? CompletableFuture.completedFuture(Outcome.failed("Server id=" + wanted.id() + " was added meanwhile"))
        : stores.servers().save(record).thenApply(ignored -> Outcome.applied(change)));
  }

  private static CompletionStage<Outcome> updated(ServersSyncChange change,
      CompletionStage<Optional<ServerRecord>> update) {
    return update.thenApply(result -> result.isPresent()
        ? Outcome.applied(change)
        : Outcome.failed("Server id=" + change.id() + " was removed meanwhile"));
  }

  /**
   * Forgets each meeting the plan counted and ends it on BBB; a server that cannot end one (it is often leaving because
   * it is broken) does not stop the sync, the detail says so.
   */
  private CompletionStage<Outcome> endMeetings(ServersSyncChange change, ServerRecord server,
      List<MeetingRecord> meetings, EventLoop loop) {
    List<CompletableFuture<Boolean>> ends = new ArrayList<>(meetings.size());
    for (MeetingRecord meeting : meetings) {
      ends.add(stores.meetings().remove(meeting.id())
          .thenCompose(removed -> end(server, meeting, loop))
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).thenApply(all -> {
      long failed = ends.stream().filter(ended -> !ended.join()).count();
      String detail = change.detail() + " ended and forgotten"
          + (failed == 0 ? "" : " (" + failed + " could not be ended on the server)");
      return Outcome.applied(new ServersSyncChange(change.id(), Action.END_MEETINGS, detail));
    });
  }

  private CompletionStage<Outcome> remove(ServersSyncChange change) {
    String id = change.id();
    return meetingsByServer().thenCompose(meetings -> {
      List<MeetingRecord> running = meetings.getOrDefault(id, List.of());
      if (!running.isEmpty()) {
        return CompletableFuture.completedFuture(Outcome.failed("Server id=" + id + " got " + running.size()
            + " new meeting(s) meanwhile (" + running.stream().map(MeetingRecord::id).sorted().limit(5)
            .collect(Collectors.joining(", ")) + "); it was not removed"));
      }
      return stores.servers().remove(id).thenApply(ignored -> Outcome.applied(change));
    });
  }

  private CompletableFuture<Boolean> end(ServerRecord server, MeetingRecord meeting, EventLoop loop) {
    return backend.get(loop, server, "end",
            Params.of().with("meetingID", meeting.id()).with("password", meeting.moderatorPassword()))
        .handle((response, failure) -> {
          if (failure != null) {
            log.warn("admin: sync: end of {} on {} failed: {}", meeting.id(), server.id(), failure.toString());
            return false;
          }
          BbbReply reply = BbbReply.parse(response.body());
          boolean ended = reply.success() || reply.messageKey().filter("notFound"::equals).isPresent();
          if (!ended) {
            log.warn("admin: sync: end of {} on {} answered {}", meeting.id(), server.id(), reply);
          }
          return ended;
        })
        .toCompletableFuture();
  }

  private CompletionStage<Map<String, List<MeetingRecord>>> meetingsByServer() {
    return stores.meetings().all().thenApply(meetings -> meetings.stream()
        .collect(Collectors.groupingBy(MeetingRecord::serverId)));
  }

  private static AdminResponse answer(int status, boolean dryRun, ServersSyncMode mode,
      List<ServersSyncChange> changes, @Nullable String error) {
    ObjectNode json = AdminResponse.MAPPER.createObjectNode();
    if (error != null) {
      json.put("error", error);
    }
    json.put("dry_run", dryRun).put("mode", mode.name());
    ArrayNode list = json.putArray("changes");
    changes.forEach(change -> list.add(change.toJson()));
    return AdminResponse.json(status, json);
  }

  private static CompletionStage<AdminResponse> done(AdminResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
