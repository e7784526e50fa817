package io.switchboard.proxy.api;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoop;
import io.switchboard.routing.api.ApiCall;
import io.switchboard.routing.params.Params;

/**
 * One verified BBB API call, detached from Netty's reference-counted request so actions may finish asynchronously.
 *
 * @param params the query parameters merged with a form body's (query first, body values win as Rails merges them)
 * @param body the raw request body (an XML presentation for {@code create}, a document for {@code insertDocument})
 * @param contentType the request's Content-Type header, or {@code ""}
 * @param urlPrefix {@code scheme://host[:port]} the front-end reached Switchboard by, for links in answers
 * @param loop the event loop of the front-end's connection; upstream calls run on it
 */
public record ApiRequest(
    ApiCall call, boolean post, Params params, byte[] body, String contentType, String urlPrefix, EventLoop loop) {
  public ApiRequest {
    requireNonNull(call, "call");
    requireNonNull(params, "params");
    requireNonNull(body, "body");
    requireNonNull(contentType, "contentType");
    requireNonNull(urlPrefix, "urlPrefix");
    requireNonNull(loop, "loop");
  }

  public String meetingId() {
    return params.get("meetingID").orElse("");
  }
}
