package io.switchboard.proxy.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.switchboard.routing.xml.BbbXml;
import java.util.concurrent.CompletionStage;

/** {@code getMeetings} with GET_MEETINGS_API_DISABLED: always the empty list, without a checksum (spec §4.2). */
final class NoMeetingsAction implements ApiAction {
  private final ApiResponse noMeetings = ApiResponse.xml(BbbXml.noMeetings());

  @Override
  public CompletionStage<ApiResponse> handle(ApiRequest request) {
    return completedFuture(noMeetings);
  }
}
