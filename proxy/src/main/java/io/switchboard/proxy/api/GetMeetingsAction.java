package io.switchboard.proxy.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.switchboard.conf.ServerState;
import io.switchboard.routing.load.MeetingSample;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbXml;
import io.switchboard.routing.xml.MeetingsDocument;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import io.switchboard.storage.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code getMeetings} (spec §4.2): asks every online, non-disabled server at once and merges their meetings into one
 * reply, in server order. Unlike Scalelite, which asks one server after another and fails the whole call when one
 * does not answer, a server that fails is left out (and logged): the poller takes it offline soon enough. Under
 * multitenancy a tenant gets only the meetings whose {@code metadata/tenant-id} is its id.
 */
final class GetMeetingsAction implements ApiAction {
  private static final Logger log = LoggerFactory.getLogger(GetMeetingsAction.class);

  private final Stores stores;
  private final BbbBackend backend;

  GetMeetingsAction(Stores stores, BbbBackend backend) {
    this.stores = stores;
    this.backend = backend;
  }

  @Override
  public CompletionStage<ApiResponse> handle(ApiRequest request) {
    return stores.servers().all().thenCompose(servers -> {
      List<CompletableFuture<List<byte[]>>> replies = new ArrayList<>();
      for (ServerRecord server : servers) {
        if (server.online() && server.state() != ServerState.DISABLED) {
          replies.add(meetingsOf(request, server));
        }
      }
      return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
        List<byte[]> meetings = new ArrayList<>();
        replies.forEach(reply -> meetings.addAll(reply.join()));
        return ApiResponse.xml(meetings.isEmpty() ? BbbXml.noMeetings() : BbbXml.meetings(meetings));
      });
    });
  }

  private CompletableFuture<List<byte[]>> meetingsOf(ApiRequest request, ServerRecord server) {
    return backend.poll(request.loop(), server, "getMeetings", Params.of()).handle((response, failure) -> {
      if (failure != null) {
        log.warn("getMeetings: {} did not answer: {}", server.id(), failure.toString());
        return List.<byte[]>of();
      }
      try {
        List<byte[]> elements = new ArrayList<>();
        for (MeetingSample meeting : MeetingsDocument.parse(response.body()).meetings()) {
          // A tenant sees the meetings BBB tagged with its id; without a tenant, meetings a tenant created stay hidden.
          if (meeting.tenantId().equals(request.tenant().map(Tenant::id).orElse(""))) {
            elements.add(meeting.element());
          }
        }
        return elements;
      } catch (IllegalArgumentException unreadable) {
        log.warn("getMeetings: {} answered something that is not a getMeetings reply: {}", server.id(),
            unreadable.getMessage());
        return List.<byte[]>of();
      }
    }).toCompletableFuture();
  }
}
