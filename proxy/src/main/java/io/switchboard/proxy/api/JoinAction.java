package io.switchboard.proxy.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.switchboard.conf.RewriteConfig;
import io.switchboard.conf.ServerState;
import io.switchboard.routing.rewrite.JoinRewriter;
import io.switchboard.routing.rewrite.TenantParams;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code join} (spec §4.7): a 302 to the meeting's server with the parameters re-signed for it. Offline and disabled
 * servers refuse joins ({@code serverUnavailable}); cordoned servers still take them. Each join counts one user of load
 * on an enabled server until the next poll measures the real number. A tenant joins only its own meetings, with its
 * settings merged into the parameters (spec §3.7, §7.3); joins are never refused for a tenant's limits.
 */
final class JoinAction implements ApiAction {
  private final Stores stores;
  private final BbbBackend backend;
  private final JoinRewriter rewriter;

  JoinAction(Stores stores, BbbBackend backend, RewriteConfig rewriteConfig) {
    this.stores = stores;
    this.backend = backend;
    this.rewriter = new JoinRewriter(rewriteConfig);
  }

  @Override
  public CompletionStage<ApiResponse> handle(ApiRequest request) {
    String meetingId = request.meetingId();
    if (meetingId.isBlank()) {
      return completedFuture(ApiResponse.error(BbbError.MISSING_MEETING_ID));
    }
    return TenantScope.find(stores, meetingId, request.tenant()).thenCompose(meeting -> meeting.isEmpty()
        ? completedFuture(ApiResponse.error(BbbError.MEETING_NOT_FOUND))
        : stores.servers().find(meeting.get().serverId()).thenCompose(server -> server.isEmpty()
            ? completedFuture(ApiResponse.error(BbbError.MEETING_NOT_FOUND))
            : join(request, server.get())));
  }

  private CompletionStage<ApiResponse> join(ApiRequest request, ServerRecord server) {
    if (!server.online() || server.state() == ServerState.DISABLED) {
      return completedFuture(ApiResponse.error(BbbError.SERVER_UNAVAILABLE));
    }
    return TenantScope.params(stores, request.tenant()).thenCompose(tenant -> redirect(request, server, tenant));
  }

  private CompletionStage<ApiResponse> redirect(
      ApiRequest request, ServerRecord server, Optional<TenantParams> tenant) {
    String location = backend.url(server, "join", rewriter.rewrite(request.params(), tenant)).toString();
    if (server.state() != ServerState.ENABLED) {
      return completedFuture(ApiResponse.redirect(location).from(server.id()));
    }
    return stores.load().increment(server.id(), server.loadMultiplier())
        .thenApply(ignored -> ApiResponse.redirect(location).from(server.id()));
  }
}
