package io.switchboard.proxy.api;

import java.util.concurrent.CompletionStage;

/** The work behind one BBB API call, after routing and checksum verification. */
interface ApiAction {
  /** Never completes exceptionally for a failure a client could cause or a backend could produce: those are BBB XML. */
  CompletionStage<ApiResponse> handle(ApiRequest request);
}
