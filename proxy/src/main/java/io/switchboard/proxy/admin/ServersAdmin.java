package io.switchboard.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netty.channel.EventLoop;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.api.BbbBackend;
import io.switchboard.proxy.poller.Poller;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.routing.xml.BbbReply;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server endpoints of Scalelite's admin API (spec §10.1, §6.4), over the stores: the same requests, JSON and status
 * codes as {@code Api::ServersController}, plus {@code pollServers} (a Switchboard addition for {@code switchboard poll}).
 * Every method answers; a store failure completes the stage exceptionally.
 */
final class ServersAdmin {
  private static final Logger log = LoggerFactory.getLogger(ServersAdmin.class);
  static final String INVALID_MULTIPLIER = "Load-multiplier must be a non-zero number";

  private final Stores stores;
  private final BbbBackend backend;
  private final Poller poller;
  private final boolean serverIdIsHostname;

  ServersAdmin(Stores stores, BbbBackend backend, Poller poller, boolean serverIdIsHostname) {
    this.stores = stores;
    this.backend = backend;
    this.poller = poller;
    this.serverIdIsHostname = serverIdIsHostname;
  }

  CompletionStage<AdminResponse> getServers(boolean verbose) {
    return stores.servers().all().thenCombine(stores.load().snapshot(), (servers, loads) -> {
      if (servers.isEmpty()) {
        return AdminResponse.error(404, "No servers are configured");
      }
      ArrayNode list = AdminResponse.MAPPER.createArrayNode();
      for (ServerRecord server : servers) {
        list.add(ServerJson.of(server, loads.get(server.id()), verbose));
      }
      return AdminResponse.json(200, list);
    });
  }

  CompletionStage<AdminResponse> getServerInfo(String id, boolean verbose) {
    return withServer(id, server -> answer(200, server, verbose));
  }

  CompletionStage<AdminResponse> addServer(JsonNode server) {
    String url = text(server, "url");
    String secret = text(server, "secret");
    if (url == null || url.isBlank() || secret == null || secret.isBlank()) {
      return done(AdminResponse.error(400, "Server needs a URL and a secret"));
    }
    Optional<URI> uri = httpUrl(url);
    if (uri.isEmpty()) {
      return done(AdminResponse.error(400, "Server URL must be an http:// or https:// URL with a host: " + url));
    }
    double multiplier;
    try {
      multiplier = addMultiplier(server.get("load_multiplier"));
    } catch (IllegalArgumentException invalid) {
      return done(AdminResponse.error(400, INVALID_MULTIPLIER));
    }
    String tag = text(server, "tag");
    Set<String> tags = tag == null || tag.isBlank() ? Set.of() : Set.of(tag.strip());
    String id = serverIdIsHostname ? uri.get().getHost().toLowerCase(Locale.ROOT) : UUID.randomUUID().toString();
    ServerRecord record = new ServerRecord(id, uri.get(), secret, ServerState.DISABLED, false, multiplier, tags,
        0, 0, 0, 0, 0, 0, "");
    CompletionStage<Boolean> taken = serverIdIsHostname
        ? stores.servers().find(id).thenApply(Optional::isPresent)
        : CompletableFuture.completedFuture(false);
    return taken.thenCompose(exists -> {
      if (exists) {
        return done(AdminResponse.error(400, "Server with id=" + id + " already exists"));
      }
      log.info("admin: added server {} ({}), disabled", id, uri.get());
      return stores.servers().save(record).thenApply(ignored -> AdminResponse.json(201,
          ServerJson.of(record, null, false)));
    });
  }

  /** updateServer: 404 for an unknown id, then Rails' missing-parameter error when there is nothing to update. */
  CompletionStage<AdminResponse> updateServerOrMissing(String id, @Nullable JsonNode params) {
    return withServer(id, found -> params == null ? done(missingEnvelope("server")) : updateServer(found, params));
  }

  private CompletionStage<AdminResponse> updateServer(ServerRecord found, JsonNode params) {
    String id = found.id();
    {
      Change change;
      try {
        change = Change.of(params);
      } catch (IllegalArgumentException invalid) {
        return done(AdminResponse.error(400, invalid.getMessage()));
      }
      return stores.servers().update(id, change::apply).thenCompose(updated -> {
        if (updated.isEmpty()) {
          return done(notFound(id));
        }
        if (updated.get().state() != found.state()) {
          log.info("admin: server {} is now {}", id, updated.get().state().wireName());
        }
        return answer(200, updated.get(), false);
      });
    }
  }

  CompletionStage<AdminResponse> deleteServer(String id) {
    return withServer(id, server -> stores.servers().remove(id).thenApply(removed -> {
      if (!removed) {
        return notFound(id);
      }
      log.info("admin: removed server {}", id);
      return AdminResponse.success("Server id=" + id + " was destroyed");
    }));
  }

  /**
   * Forgets every meeting of the server and asks the server to end each, then disables it unless {@code keepState}. A
   * server that cannot be reached for an {@code end} makes the answer a 400 and leaves the state as it was, as in
   * Scalelite; an {@code end} BBB answers with {@code notFound} (the meeting had already ended) is not a failure. With
   * {@code skipEndCalls} (rake's {@code servers:panic[id,keep_state,skip_end_calls]}) no {@code end} is sent: for a
   * server that is gone for good, whose meetings only need forgetting.
   */
  CompletionStage<AdminResponse> panicServer(String id, boolean keepState, boolean skipEndCalls, EventLoop loop) {
    return withServer(id, server -> stores.meetings().removeAllOnServer(id).thenCompose(meetings -> {
      List<CompletableFuture<Boolean>> ends = new ArrayList<>(meetings.size());
      if (!skipEndCalls) {
        for (MeetingRecord meeting : meetings) {
          ends.add(end(server, meeting, loop));
        }
      }
      log.info("admin: panic on server {}: forgot {} meetings{}", id, meetings.size(),
          skipEndCalls ? " without ending them on BBB" : "");
      return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
          .thenCompose(all -> {
            if (ends.stream().anyMatch(ended -> !ended.join())) {
              return done(AdminResponse.error(400, "Couldn't disable server id=" + id));
            }
            CompletionStage<?> state = keepState
                ? CompletableFuture.completedFuture(null)
                : stores.servers().update(id, current -> current.withState(ServerState.DISABLED));
            return state.thenApply(ignored -> AdminResponse.success(
                "Server id=" + id + " has been disabled and the meetings have been destroyed"));
          });
    }));
  }

  CompletionStage<AdminResponse> pollServers() {
    return poller.pollOnce().thenApply(ignored -> AdminResponse.success("All servers were polled"));
  }

  private CompletableFuture<Boolean> end(ServerRecord server, MeetingRecord meeting, EventLoop loop) {
    return backend.get(loop, server, "end",
            Params.of().with("meetingID", meeting.id()).with("password", meeting.moderatorPassword()))
        .handle((response, failure) -> {
          if (failure != null) {
            log.warn("admin: panic: end of {} on {} failed: {}", meeting.id(), server.id(), failure.toString());
            return false;
          }
          BbbReply reply = BbbReply.parse(response.body());
          boolean ended = reply.success() || reply.messageKey().filter("notFound"::equals).isPresent();
          if (!ended) {
            log.warn("admin: panic: end of {} on {} answered {}", meeting.id(), server.id(), reply);
          }
          return ended;
        })
        .toCompletableFuture();
  }

  private CompletionStage<AdminResponse> withServer(String id,
      java.util.function.Function<ServerRecord, CompletionStage<AdminResponse>> then) {
    return stores.servers().find(id).thenCompose(found -> found.isPresent() ? then.apply(found.get()) : done(notFound(id)));
  }

  private CompletionStage<AdminResponse> answer(int status, ServerRecord server, boolean verbose) {
    return stores.load().snapshot()
        .thenApply((Map<String, Double> loads) -> AdminResponse.json(status,
            ServerJson.of(server, loads.get(server.id()), verbose)));
  }

  static AdminResponse notFound(String id) {
    return AdminResponse.error(404, "Couldn't find server with id=" + id);
  }

  static AdminResponse missingEnvelope(String key) {
    return AdminResponse.xml(BbbError.internalError("param is missing or the value is empty: " + key));
  }

  private static CompletionStage<AdminResponse> done(AdminResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  /** A JSON value as text: strings as they are, numbers and booleans as written; null when absent or null. */
  static @Nullable String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    return value.asText();
  }

  static Optional<URI> httpUrl(String text) {
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty()) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException invalid) {
      // Reported by the caller.
    }
    return Optional.empty();
  }

  /** addServer's multiplier: missing, 0 or unreadable is 1.0 (Scalelite); negative or infinite is refused. */
  private static double addMultiplier(@Nullable JsonNode value) {
    if (value == null || value.isNull() || value.asText().isBlank()) {
      return 1.0;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(value.asText().strip());
    } catch (NumberFormatException unreadable) {
      return 1.0;
    }
    if (parsed == 0) {
      return 1.0;
    }
    if (!(parsed > 0 && Double.isFinite(parsed))) {
      throw new IllegalArgumentException(INVALID_MULTIPLIER);
    }
    return parsed;
  }

  /** What an updateServer asks for, validated before anything is written. */
  private record Change(@Nullable ServerState state, @Nullable Double multiplier, @Nullable String secret,
      @Nullable Set<String> tags, @Nullable URI url) {

    static Change of(JsonNode params) {
      ServerState state = null;
      String stateText = text(params, "state");
      if (stateText != null) {
        state = switch (stateText) {
          case "enable" -> ServerState.ENABLED;
          case "cordon" -> ServerState.CORDONED;
          case "disable" -> ServerState.DISABLED;
          default -> throw new IllegalArgumentException("Invalid state parameter: " + stateText);
        };
      }
      Double multiplier = null;
      String multiplierText = text(params, "load_multiplier");
      if (multiplierText != null) {
        try {
          multiplier = Double.parseDouble(multiplierText.strip());
        } catch (NumberFormatException unreadable) {
          throw new IllegalArgumentException(INVALID_MULTIPLIER);
        }
        if (!(multiplier > 0 && Double.isFinite(multiplier))) {
          throw new IllegalArgumentException(INVALID_MULTIPLIER);
        }
      }
      String secret = text(params, "secret");
      if (secret != null && secret.isBlank()) {
        secret = null;
      }
      Set<String> tags = null;
      String tag = text(params, "tag");
      if (tag != null) {
        tags = tag.isBlank() ? Set.of() : Set.of(tag.strip());
      }
      URI url = null;
      String urlText = text(params, "url");
      if (urlText != null && !urlText.isBlank()) {
        url = httpUrl(urlText).orElseThrow(() -> new IllegalArgumentException(
            "Server URL must be an http:// or https:// URL with a host: " + urlText));
      }
      return new Change(state, multiplier, secret, tags, url);
    }

    ServerRecord apply(ServerRecord current) {
      ServerRecord changed = new ServerRecord(current.id(), url != null ? url : current.url(),
          secret != null ? secret : current.secret(), state != null ? state : current.state(), current.online(),
          multiplier != null ? multiplier : current.loadMultiplier(), tags != null ? tags : current.tags(),
          current.healthyCounter(), current.unhealthyCounter(), current.meetings(), current.users(),
          current.largestMeeting(), current.videos(), current.bbbVersion());
      return changed;
    }
  }
}
