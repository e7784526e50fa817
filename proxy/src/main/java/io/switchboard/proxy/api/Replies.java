package io.switchboard.proxy.api;

import io.switchboard.proxy.upstream.UpstreamResponse;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.routing.xml.BbbReply;
import java.util.Locale;

/** How a backend's answer becomes the front-end's: relayed verbatim when it is a BBB reply, an error XML otherwise. */
final class Replies {
  private Replies() {}

  /** True when the backend answered at all in BBB's language (a FAILED reply counts: it is BBB's to give). */
  static boolean isBbbReply(UpstreamResponse response) {
    return isJson(response) || BbbReply.parse(response.body()).returncode().isPresent();
  }

  /**
   * The backend's body as is, with BBB's content type. A body without {@code returncode} (an HTML error page from a
   * broken reverse proxy, say) becomes Scalelite's {@code internalError}, never a relayed 5xx.
   */
  static ApiResponse relay(UpstreamResponse response) {
    if (isJson(response)) {
      return new ApiResponse(200, "application/json; charset=utf-8", response.body(), null);
    }
    if (BbbReply.parse(response.body()).returncode().isEmpty()) {
      return ApiResponse.error(BbbError.NO_RETURNCODE);
    }
    return ApiResponse.xml(response.body());
  }

  private static boolean isJson(UpstreamResponse response) {
    String type = response.headers().getOrDefault("content-type", "");
    return type.toLowerCase(Locale.ROOT).startsWith("application/json");
  }
}
