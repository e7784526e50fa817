package io.switchboard.proxy.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.switchboard.routing.api.ApiCall;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.routing.xml.BbbXml;
import java.util.concurrent.CompletionStage;

/**
 * The recording calls while Switchboard keeps no recordings: answered as Scalelite answers them with
 * RECORDING_DISABLED=true (spec §4.10) — an empty list for {@code getRecordings}, {@code notFound} for the calls that
 * change a recording — so front-ends show "no recordings" instead of an error.
 */
final class RecordingsUnavailableAction implements ApiAction {
  @Override
  public CompletionStage<ApiResponse> handle(ApiRequest request) {
    return completedFuture(request.call() == ApiCall.GET_RECORDINGS
        ? ApiResponse.xml(BbbXml.noRecordings())
        : ApiResponse.error(BbbError.RECORDINGS_NOT_FOUND));
  }
}
