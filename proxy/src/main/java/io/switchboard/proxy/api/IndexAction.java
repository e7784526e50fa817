package io.switchboard.proxy.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.switchboard.routing.xml.BbbXml;
import java.util.concurrent.CompletionStage;

/** The API root (spec §4.1): the version reply front-ends use to test their connection; no checksum. */
final class IndexAction implements ApiAction {
  private final ApiResponse version;

  IndexAction(String buildNumber) {
    this.version = ApiResponse.xml(BbbXml.version(buildNumber));
  }

  @Override
  public CompletionStage<ApiResponse> handle(ApiRequest request) {
    return completedFuture(version);
  }
}
