package io.switchboard.proxy.api;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoop;
import io.switchboard.routing.api.ApiCall;
import io.switchboard.routing.params.Params;
import io.switchboard.storage.Tenant;
import java.util.Optional;

/**
 * One verified BBB API call, detached from Netty's reference-counted request so actions may finish asynchronously.
 *
 * @param params the query parameters merged with a form body's (query first, body values win as Rails merges them)
 * @param body the raw request body (an XML presentation for {@code create}, a document for {@code insertDocument})
 * @param contentType the request's Content-Type header, or {@code ""}
 * @param urlPrefix {@code scheme://host[:port]} the front-end reached Switchboard by, for links in answers
 * @param loop the event loop of the front-end's connection; upstream calls run on it
 * @param tenant the tenant whose secret signed the call (spec §3.4); empty without multitenancy and for the calls that
 *     are not checksummed
 */
public record ApiRequest(ApiCall call, boolean post, Params params, byte[] body, String contentType, String urlPrefix,
    EventLoop loop, Optional<Tenant> tenant) {
  public ApiRequest {
    requireNonNull(call, "call");
    requireNonNull(params, "params");
    requireNonNull(body, "body");
    requireNonNull(contentType, "contentType");
    requireNonNull(urlPrefix, "urlPrefix");
    requireNonNull(loop, "loop");
    requireNonNull(tenant, "tenant");
  }

  /** The host (and port, if any) the front-end addressed, from {@link #urlPrefix()}. */
  public String host() {
    return urlPrefix.substring(urlPrefix.indexOf("://") + 3);
  }

  public String meetingId() {
    return params.get("meetingID").orElse("");
  }
}
