package io.switchboard.proxy.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.switchboard.conf.RewriteConfig;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.upstream.UpstreamResponse;
import io.switchboard.routing.lrs.LrsPayload;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.rewrite.AnalyticsCallbackUrl;
import io.switchboard.routing.rewrite.CreateContext;
import io.switchboard.routing.rewrite.CreateRewriter;
import io.switchboard.routing.rewrite.LrsPayloadParam;
import io.switchboard.routing.rewrite.RewrittenCreate;
import io.switchboard.routing.rewrite.TenantParams;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.selection.TagRequest;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.routing.xml.BbbReply;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import io.switchboard.storage.Tenant;
import java.security.SecureRandom;
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
 *
 * <p>Under multitenancy a meeting belongs to the tenant that created it (§7.3): the tenant's id and name go to BBB as
 * metadata, its settings are merged into the parameters, and its limits are checked before a new meeting is placed
 * ({@link TenantQuota}). A tenant with an LRS gets its credentials to bbb-webhooks in {@code meta_secret-lrs-payload},
 * encrypted for whichever server the create is sent to ({@link LrsCredentials}).
 */
final class CreateAction implements ApiAction {
  private static final Logger log = LoggerFactory.getLogger(CreateAction.class);

  private final Stores stores;
  private final MeetingPlacer placer;
  private final BbbBackend backend;
  private final CreateRewriter rewriter;
  private final RewriteConfig rewriteConfig;
  private final MeetingFactory meetingFactory;
  private final TenantQuota quota;
  private final LrsCredentials lrs;
  private final SecureRandom random = new SecureRandom();
  private final String urlHost;
  private final boolean notifyRecordingReady;

  /**
   * @param urlHost URL_HOST, the name BBB servers reach Switchboard by for the analytics relay, or {@code ""} to use
   *     the host each create came to
   * @param notifyRecordingReady whether Switchboard imports recordings and tells the front-end itself when one is ready;
   *     the recording-ready URL is then kept from the BBB server, which would call it before the import
   */
  CreateAction(Stores stores, MeetingPlacer placer, BbbBackend backend, RewriteConfig rewriteConfig,
      MeetingFactory meetingFactory, String urlHost, boolean notifyRecordingReady, LrsCredentials lrs) {
    this.stores = stores;
    this.placer = placer;
    this.backend = backend;
    this.rewriter = new CreateRewriter(rewriteConfig);
    this.rewriteConfig = rewriteConfig;
    this.meetingFactory = meetingFactory;
    this.quota = new TenantQuota(stores);
    this.urlHost = urlHost;
    this.notifyRecordingReady = notifyRecordingReady;
    this.lrs = lrs;
  }

  /**
   * One create under way: the request, the tags its server must carry, its tenant with that tenant's settings, and
   * whether the tenant has an LRS with the payload for it (empty when none could be built).
   */
  private record Plan(ApiRequest request, TagRequest tags, Optional<TenantParams> tenant, boolean lrsConfigured,
      Optional<LrsPayload> lrsPayload) {}

  @Override
  public CompletionStage<ApiResponse> handle(ApiRequest request) {
    String meetingId = request.meetingId();
    if (meetingId.isBlank()) {
      return completedFuture(ApiResponse.error(BbbError.MISSING_MEETING_ID));
    }
    boolean lrsConfigured = LrsCredentials.configured(request.tenant());
    CompletionStage<Optional<LrsPayload>> lrsPayload = lrsConfigured
        ? lrs.payload(request.tenant().get())
        : completedFuture(Optional.empty());
    return TenantScope.params(stores, request.tenant()).thenCombine(lrsPayload, (tenant, payload) -> {
      TagRequest tags = TagRequest.parse(
          CreateRewriter.effectiveServerTag(request.params(), rewriteConfig, tenant).orElse(null));
      return new Plan(request, tags, tenant, lrsConfigured, payload);
    }).thenCompose(plan -> {
      return stores.meetings().find(meetingId).thenCompose(existing -> {
        if (existing.isEmpty()) {
          return startNew(plan);
        }
        if (!TenantScope.visible(existing.get(), request.tenant())) {
          return completedFuture(ApiResponse.error(TenantScope.foreignMeeting(meetingId, request.tenant().get())));
        }
        return reuseOrReplace(plan, existing.get());
      });
    });
  }

  /** A meeting that does not exist yet starts only within its tenant's limits. */
  private CompletionStage<ApiResponse> startNew(Plan plan) {
    if (plan.request().tenant().isEmpty()) {
      return placeNew(plan, new HashSet<>());
    }
    return quota.refusal(plan.request().tenant().get()).thenCompose(refusal -> refusal.isPresent()
        ? completedFuture(ApiResponse.error(refusal.get()))
        : placeNew(plan, new HashSet<>()));
  }

  private CompletionStage<ApiResponse> reuseOrReplace(Plan plan, MeetingRecord meeting) {
    return stores.servers().find(meeting.serverId()).thenCompose(found -> {
      if (found.isEmpty() || !found.get().online() || found.get().state() == ServerState.DISABLED) {
        return forget(meeting).thenCompose(ignored -> placeNew(plan, new HashSet<>()));
      }
      ServerRecord server = found.get();
      if (server.state() != ServerState.CORDONED) {
        return forwardExisting(plan, meeting, server);
      }
      // A cordoned server keeps the meetings it still runs; one that has ended there starts afresh elsewhere.
      return backend.get(plan.request().loop(), server, "isMeetingRunning",
              Params.of().with("meetingID", meeting.id()))
          .handle((reply, failure) -> failure == null
              && "true".equals(BbbReply.parse(reply.body()).text("running").orElse("")))
          .thenCompose(running -> running
              ? forwardExisting(plan, meeting, server)
              : forget(meeting).thenCompose(ignored -> placeNew(plan, new HashSet<>())));
    });
  }

  private CompletionStage<ApiResponse> forwardExisting(Plan plan, MeetingRecord meeting, ServerRecord server) {
    return attempt(plan, meeting, server, false)
        .thenApply(answer -> answer.orElseGet(() -> ApiResponse.error(BbbError.UNABLE_TO_CREATE_MEETING)));
  }

  private CompletionStage<ApiResponse> placeNew(Plan plan, Set<String> tried) {
    ApiRequest request = plan.request();
    return placer.place(plan.tags(), tried).thenCompose(selection -> {
      if (selection instanceof Selection.TagUnavailable unavailable) {
        return completedFuture(ApiResponse.error(BbbError.serverTagUnavailable(unavailable.tags())));
      }
      if (!(selection instanceof Selection.Chosen chosen)) {
        return completedFuture(ApiResponse.error(
            tried.isEmpty() ? BbbError.NO_AVAILABLE_SERVERS : BbbError.UNABLE_TO_CREATE_MEETING));
      }
      String chosenId = chosen.candidate().serverId();
      String tenantId = request.tenant().map(Tenant::id).orElse("");
      return meetingFactory.create(request.meetingId(), chosenId, tenantId, request.params())
          .thenCompose(meeting -> {
            // A concurrent create of the same meetingID through another tenant won the id.
            if (!TenantScope.visible(meeting, request.tenant())) {
              return completedFuture(ApiResponse.error(
                  TenantScope.foreignMeeting(request.meetingId(), request.tenant().get())));
            }
            return stores.servers().find(meeting.serverId()).thenCompose(server -> {
              if (server.isEmpty()) {
                return completedFuture(ApiResponse.error(BbbError.UNABLE_TO_CREATE_MEETING));
              }
              // A concurrent create of the same meetingID may have won with another server: follow it, never retry it.
              boolean ours = meeting.serverId().equals(chosenId);
              return attempt(plan, meeting, server.get(), true).thenCompose(answer -> {
                if (answer.isPresent()) {
                  return completedFuture(answer.get());
                }
                if (!ours) {
                  return completedFuture(ApiResponse.error(BbbError.UNABLE_TO_CREATE_MEETING));
                }
                log.warn("create {} got no answer from {}, trying another server", request.meetingId(), chosenId);
                tried.add(chosenId);
                return forget(meeting).thenCompose(ignored -> placeNew(plan, tried));
              });
            });
          });
    });
  }

  /** Sends the create; empty when the server did not answer in BBB's language, so another may be tried. */
  private CompletionStage<Optional<ApiResponse>> attempt(
      Plan plan, MeetingRecord meeting, ServerRecord server, boolean newMeeting) {
    return send(plan, meeting, server, newMeeting).handle((response, failure) ->
        failure == null && Replies.isBbbReply(response)
            ? Optional.of(Replies.relay(response, BbbError.UNABLE_TO_CREATE_MEETING).from(server.id()))
            : Optional.empty());
  }

  /** Sends the create with the tenant's LRS payload encrypted for this server. */
  private CompletionStage<UpstreamResponse> send(
      Plan plan, MeetingRecord meeting, ServerRecord server, boolean newMeeting) {
    return lrsParam(plan, server).thenCompose(lrsParam -> send(plan, meeting, server, newMeeting, lrsParam));
  }

  /**
   * Rewrites and sends the create. The client's callback URLs are stored first: the analytics URL replaces the
   * meeting's callbacks, then the recording-ready URL is added to them, as Scalelite's handlers run.
   */
  private CompletionStage<UpstreamResponse> send(Plan plan, MeetingRecord meeting, ServerRecord server,
      boolean newMeeting, LrsPayloadParam lrsParam) {
    ApiRequest request = plan.request();
    String analyticsUrl = AnalyticsCallbackUrl.of(urlHost, request.host(), request.tenant().map(Tenant::name));
    CreateContext context = new CreateContext(meeting.voiceBridge(), meeting.moderatorPassword(),
        ServerTags.forwardedTag(server, plan.tags()), newMeeting, analyticsUrl, notifyRecordingReady, plan.tenant(),
        lrsParam);
    RewrittenCreate rewritten = rewriter.rewrite(request.params(), context);
    CompletionStage<Void> analytics = rewritten.analyticsCallbackUrl()
        .map(url -> stores.callbacks().putAnalyticsCallbackUrl(meeting.id(), url))
        .orElseGet(() -> CompletableFuture.completedFuture(null));
    return analytics
        .thenCompose(ignored -> rewritten.recordingReadyUrl()
            .map(url -> stores.callbacks().putRecordingReadyUrl(meeting.id(), url))
            .orElseGet(() -> CompletableFuture.completedFuture(null)))
        .thenCompose(ignored -> forward(request, server, rewritten.params()));
  }

  /**
   * The tenant's LRS payload encrypted with this server's secret. The key derivation costs milliseconds of CPU, so it
   * runs on the common pool rather than on an event loop.
   */
  private CompletionStage<LrsPayloadParam> lrsParam(Plan plan, ServerRecord server) {
    if (!plan.lrsConfigured()) {
      return completedFuture(LrsPayloadParam.UNTOUCHED);
    }
    if (plan.lrsPayload().isEmpty()) {
      return completedFuture(LrsPayloadParam.WITHHELD);
    }
    LrsPayload payload = plan.lrsPayload().get();
    return CompletableFuture.supplyAsync(() -> LrsPayloadParam.of(payload.encrypted(server.secret(), random)));
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
