package io.switchboard.routing.rewrite;

import static java.util.Objects.requireNonNull;

import io.switchboard.routing.params.Params;
import java.util.Optional;

/**
 * The result of {@link CreateRewriter#rewrite}: the parameters to sign and send to the BBB server, and the client's
 * callback URLs that the create handler must store for the meeting (Scalelite's {@code callback_data}, spec §4.5 step 10).
 *
 * @param params the parameters for the backend {@code create}, without a checksum
 * @param analyticsCallbackUrl the client's {@code meta_analytics-callback-url}, present when it was replaced by
 *     Switchboard's own endpoint; the analytics relay (§4.9) posts to it later
 * @param recordingReadyUrl the client's {@code meta_bn-recording-ready-url}, else {@code meta_bbb-recording-ready-url},
 *     present when found (both were then removed from {@code params}, together with
 *     {@code meta_canvas-recording-ready-url})
 */
public record RewrittenCreate(Params params, Optional<String> analyticsCallbackUrl, Optional<String> recordingReadyUrl) {

  public RewrittenCreate {
    requireNonNull(params, "params");
    requireNonNull(analyticsCallbackUrl, "analyticsCallbackUrl");
    requireNonNull(recordingReadyUrl, "recordingReadyUrl");
  }
}
