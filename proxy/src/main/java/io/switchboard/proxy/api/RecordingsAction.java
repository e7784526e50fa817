package io.switchboard.proxy.api;

import io.switchboard.recordings.api.RecordingsApi;
import io.switchboard.storage.Tenant;
import java.util.concurrent.CompletionStage;

/**
 * The recording calls — {@code getRecordings}, {@code publishRecordings}, {@code updateRecordings},
 * {@code deleteRecordings} and the two text-track calls — answered from Switchboard's own recordings index
 * (spec §9.1–§9.5) by the recordings module, limited to the calling tenant's recordings under multitenancy.
 */
final class RecordingsAction implements ApiAction {
  private final RecordingsApi recordings;

  RecordingsAction(RecordingsApi recordings) {
    this.recordings = recordings;
  }

  @Override
  public CompletionStage<ApiResponse> handle(ApiRequest request) {
    return recordings.handle(request.call().callName(), request.params(), request.body(), request.contentType(),
            request.urlPrefix(), request.tenant().map(Tenant::id).orElse(""))
        .thenApply(answer -> new ApiResponse(answer.status(), answer.contentType(), answer.body(), null));
  }
}
