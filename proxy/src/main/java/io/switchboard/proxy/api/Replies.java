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
   * broken reverse proxy, say) becomes Scalelite's {@code internalError}, never a relayed 5xx; a FAILED reply without
   * its messageKey and message becomes {@code fallback}, the call's own error.
   */
  static ApiResponse relay(UpstreamResponse response, BbbError fallback) {
    if (isJson(response)) {
      return new ApiResponse(200, "application/json; charset=utf-8", response.body(), null);
    }
    BbbReply reply = BbbReply.parse(response.body());
    if (reply.returncode().isEmpty()) {
      return ApiResponse.error(BbbError.NO_RETURNCODE);
    }
    // Scalelite re-raises a FAILED reply as its messageKey and message; lacking either, it falls to the call's error.
    if (!reply.success() && (reply.messageKey().isEmpty() || reply.message().isEmpty())) {
      return ApiResponse.error(fallback);
    }
    return ApiResponse.xml(response.body());
  }

  private static boolean isJson(UpstreamResponse response) {
    String type = response.headers().getOrDefault("content-type", "");
    return type.toLowerCase(Locale.ROOT).startsWith("application/json");
  }
}
