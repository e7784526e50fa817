package io.switchboard.proxy.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.switchboard.conf.RewriteConfig;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.upstream.UpstreamResponse;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.rewrite.CreateContext;
import io.switchboard.routing.rewrite.CreateRewriter;
import io.switchboard.routing.rewrite.RewrittenCreate;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.selection.TagRequest;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.routing.xml.BbbReply;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code create} (spec §4.5): pins the meeting to a server — the one it already runs on, or the least-loaded eligible
 * one — rewrites the parameters for that server, signs them with its secret and relays its answer.
 *
 * <p>Beyond Scalelite: a meeting whose server is offline, disabled or deleted is placed afresh instead of stranding its
 * users (Scalelite #993, #202, #489), and when the chosen server fails to answer a new meeting is tried on the next one.
 */
final class CreateAction implements ApiAction {
  private static final Logger log = LoggerFactory.getLogger(CreateAction.class);

  private final Stores stores;
  private final MeetingPlacer placer;
  private final BbbBackend backend;
  private final CreateRewriter rewriter;
  private final RewriteConfig rewriteConfig;
  private final MeetingFactory meetingFactory;
  private final boolean notifyRecordingReady;

  /**
   * @param notifyRecordingReady whether Switchboard imports recordings and tells the front-end itself when one is ready;
   *     the recording-ready URL is then kept from the BBB server, which would call it before the import
   */
  CreateAction(Stores stores, MeetingPlacer placer, BbbBackend backend, RewriteConfig rewriteConfig,
      MeetingFactory meetingFactory, boolean notifyRecordingReady) {
    this.stores = stores;
    this.placer = placer;
    this.backend = backend;
    this.rewriter = new CreateRewriter(rewriteConfig);
    this.rewriteConfig = rewriteConfig;
    this.meetingFactory = meetingFactory;
    this.notifyRecordingReady = notifyRecordingReady;
  }

  @Override
  public CompletionStage<ApiResponse> handle(ApiRequest request) {
    String meetingId = request.meetingId();
    if (meetingId.isBlank()) {
      return completedFuture(ApiResponse.error(BbbError.MISSING_MEETING_ID));
    }
    TagRequest tags = TagRequest.parse(CreateRewriter.effectiveServerTag(request.params(), rewriteConfig).orElse(null));
    return stores.meetings().find(meetingId).thenCompose(existing -> existing.isEmpty()
        ? placeNew(request, tags, new HashSet<>())
        : reuseOrReplace(request, tags, existing.get()));
  }

  private CompletionStage<ApiResponse> reuseOrReplace(ApiRequest request, TagRequest tags, MeetingRecord meeting) {
    return stores.servers().find(meeting.serverId()).thenCompose(found -> {
      if (found.isEmpty() || !found.get().online() || found.get().state() == ServerState.DISABLED) {
        return forget(meeting).thenCompose(ignored -> placeNew(request, tags, new HashSet<>()));
      }
      ServerRecord server = found.get();
      if (server.state() != ServerState.CORDONED) {
        return forwardExisting(request, tags, meeting, server);
      }
      // A cordoned server keeps the meetings it still runs; one that has ended there starts afresh elsewhere.
      return backend.get(request.loop(), server, "isMeetingRunning", Params.of().with("meetingID", meeting.id()))
          .handle((reply, failure) -> failure == null
              && "true".equals(BbbReply.parse(reply.body()).text("running").orElse("")))
          .thenCompose(running -> running
              ? forwardExisting(request, tags, meeting, server)
              : forget(meeting).thenCompose(ignored -> placeNew(request, tags, new HashSet<>())));
    });
  }

  private CompletionStage<ApiResponse> forwardExisting(
      ApiRequest request, TagRequest tags, MeetingRecord meeting, ServerRecord server) {
    return attempt(request, tags, meeting, server, false)
        .thenApply(answer -> answer.orElseGet(() -> ApiResponse.error(BbbError.UNABLE_TO_CREATE_MEETING)));
  }

  private CompletionStage<ApiResponse> placeNew(ApiRequest request, TagRequest tags, Set<String> tried) {
    return placer.place(tags, tried).thenCompose(selection -> {
      if (selection instanceof Selection.TagUnavailable unavailable) {
        return completedFuture(ApiResponse.error(BbbError.serverTagUnavailable(unavailable.tags())));
      }
      if (!(selection instanceof Selection.Chosen chosen)) {
        return completedFuture(ApiResponse.error(
            tried.isEmpty() ? BbbError.NO_AVAILABLE_SERVERS : BbbError.UNABLE_TO_CREATE_MEETING));
      }
      String chosenId = chosen.candidate().serverId();
      return meetingFactory.create(request.meetingId(), chosenId, request.params())
          .thenCompose(meeting -> stores.servers().find(meeting.serverId()).thenCompose(server -> {
            if (server.isEmpty()) {
              return completedFuture(ApiResponse.error(BbbError.UNABLE_TO_CREATE_MEETING));
            }
            // A concurrent create of the same meetingID may have won with another server: follow it, never retry it.
            boolean ours = meeting.serverId().equals(chosenId);
            return attempt(request, tags, meeting, server.get(), true).thenCompose(answer -> {
              if (answer.isPresent()) {
                return completedFuture(answer.get());
              }
              if (!ours) {
                return completedFuture(ApiResponse.error(BbbError.UNABLE_TO_CREATE_MEETING));
              }
              log.warn("create {} got no answer from {}, trying another server", request.meetingId(), chosenId);
              tried.add(chosenId);
              return forget(meeting).thenCompose(ignored -> placeNew(request, tags, tried));
            });
          }));
    });
  }

  /** Sends the create; empty when the server did not answer in BBB's language, so another may be tried. */
  private CompletionStage<Optional<ApiResponse>> attempt(
      ApiRequest request, TagRequest tags, MeetingRecord meeting, ServerRecord server, boolean newMeeting) {
    return send(request, tags, meeting, server, newMeeting).handle((response, failure) ->
        failure == null && Replies.isBbbReply(response)
            ? Optional.of(Replies.relay(response, BbbError.UNABLE_TO_CREATE_MEETING))
            : Optional.empty());
  }

  private CompletionStage<UpstreamResponse> send(
      ApiRequest request, TagRequest tags, MeetingRecord meeting, ServerRecord server, boolean newMeeting) {
    // No analytics relay runs here yet, so the analytics callback goes to the BBB server as sent.
    CreateContext context = new CreateContext(meeting.voiceBridge(), meeting.moderatorPassword(),
        ServerTags.forwardedTag(server, tags), newMeeting, "", notifyRecordingReady);
    RewrittenCreate rewritten = rewriter.rewrite(request.params(), context);
    CompletionStage<Void> remembered = rewritten.recordingReadyUrl()
        .map(url -> stores.callbacks().putRecordingReadyUrl(meeting.id(), url))
        .orElseGet(() -> CompletableFuture.completedFuture(null));
    return remembered.thenCompose(ignored -> forward(request, server, rewritten.params()));
  }

  private CompletionStage<UpstreamResponse> forward(ApiRequest request, ServerRecord server, Params params) {
    if (request.post() && request.body().length > 0 && isXml(request.contentType())) {
      return backend.post(request.loop(), server, "create", params, request.body(), "application/xml");
    }
    return backend.get(request.loop(), server, "create", params);
  }

  private CompletionStage<Boolean> forget(MeetingRecord meeting) {
    return stores.meetings().remove(meeting.id());
  }

  private static boolean isXml(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("application/xml") || type.startsWith("text/xml") || type.startsWith("application/x-xml");
  }
}
