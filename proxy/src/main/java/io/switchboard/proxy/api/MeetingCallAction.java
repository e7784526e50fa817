package io.switchboard.proxy.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.switchboard.proxy.upstream.UpstreamResponse;
import io.switchboard.routing.api.ApiCall;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.routing.xml.BbbXml;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.util.concurrent.CompletionStage;

/**
 * The meeting-scoped calls — {@code end}, {@code isMeetingRunning}, {@code getMeetingInfo}, {@code insertDocument} and
 * the newer {@code sendChatMessage} that Scalelite drops — forwarded to the meeting's server with
 * every parameter the client sent, re-signed for that server (spec §4.3, §4.4, §4.6, §4.8). Another tenant's meeting is
 * answered as a meeting that does not exist (§7.3).
 */
final class MeetingCallAction implements ApiAction {
  private final Stores stores;
  private final BbbBackend backend;

  MeetingCallAction(Stores stores, BbbBackend backend) {
    this.stores = stores;
    this.backend = backend;
  }

  @Override
  public CompletionStage<ApiResponse> handle(ApiRequest request) {
    String meetingId = request.meetingId();
    if (meetingId.isBlank()) {
      return completedFuture(ApiResponse.error(BbbError.MISSING_MEETING_ID));
    }
    return TenantScope.find(stores, meetingId, request.tenant()).thenCompose(meeting -> meeting.isEmpty()
        ? completedFuture(unknownMeeting(request.call()))
        // A meeting whose server record was deleted is as gone as the server (Scalelite answers HTTP 500 here).
        : stores.servers().find(meeting.get().serverId()).thenCompose(server -> server.isEmpty()
            ? completedFuture(unknownMeeting(request.call()))
            : forward(request, meeting.get(), server.get())));
  }

  private CompletionStage<ApiResponse> forward(ApiRequest request, MeetingRecord meeting, ServerRecord server) {
    Params params = request.params().without("checksum");
    BbbError failure = request.call() == ApiCall.INSERT_DOCUMENT
        ? BbbError.UNABLE_TO_INSERT_DOCUMENT
        : BbbError.UNABLE_TO_ACCESS_MEETING;
    CompletionStage<Boolean> before = request.call() == ApiCall.END
        // Scalelite forgets the meeting before asking BBB to end it, so a dead server cannot keep it alive.
        ? stores.meetings().remove(meeting.id())
        : completedFuture(true);
    return before.thenCompose(ignored -> send(request, server, params)).handle((response, error) ->
        (error == null ? Replies.relay(response, failure) : ApiResponse.error(failure)).from(server.id()));
  }

  private CompletionStage<UpstreamResponse> send(ApiRequest request, ServerRecord server, Params params) {
    String call = request.call().callName();
    if (request.call() == ApiCall.INSERT_DOCUMENT && request.body().length > 0) {
      return backend.post(request.loop(), server, call, params, request.body(), "application/xml");
    }
    return backend.get(request.loop(), server, call, params);
  }

  private static ApiResponse unknownMeeting(ApiCall call) {
    return call == ApiCall.IS_MEETING_RUNNING
        ? ApiResponse.xml(BbbXml.notRunning())
        : ApiResponse.error(BbbError.MEETING_NOT_FOUND);
  }
}
