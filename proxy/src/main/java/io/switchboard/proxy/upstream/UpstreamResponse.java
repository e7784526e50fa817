package io.switchboard.proxy.upstream;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A complete answer from a BigBlueButton server, aggregated in memory. Scalelite ignores the HTTP status and parses
 * the body (scalelite-reference §3.6); the status and headers are kept for relaying and logs. The body array is not
 * copied; callers must not change it.
 *
 * @param status the HTTP status code
 * @param headers header names in lower case; a repeated header's values joined with {@code ", "}
 * @param body the response body, exactly as received (after de-chunking)
 */
public record UpstreamResponse(int status, Map<String, String> headers, byte[] body) {

  public UpstreamResponse {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status: " + status + " (expected: 100-999)");
    }
    headers = Map.copyOf(requireNonNull(headers, "headers"));
    requireNonNull(body, "body");
  }
}
