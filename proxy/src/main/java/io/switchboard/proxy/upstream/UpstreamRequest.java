package io.switchboard.proxy.upstream;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One call to a BigBlueButton server, as scalelite-reference §3.6 builds it: the full signed URL, GET or POST (POST
 * carries its body verbatim with {@code contentType}), and the connect and response timeouts for this call (the
 * normal ones, or the shortened ones for a server marked offline). The body array is not copied; callers must not
 * change it after sending.
 *
 * @param uri absolute {@code http} or {@code https} URL, query included, already percent-encoded
 * @param post {@code true} for POST, {@code false} for GET
 * @param body the POST body ({@code null} = empty); always {@code null} for GET
 * @param contentType the POST body's media type; ignored for GET
 * @param connectTimeout how long this call may wait for a connection (pool slot, DNS, TCP, TLS)
 * @param responseTimeout how long this call may wait for the complete response once the request is sent
 */
public record UpstreamRequest(
    URI uri,
    boolean post,
    byte @Nullable [] body,
    String contentType,
    Duration connectTimeout,
    Duration responseTimeout) {

  public UpstreamRequest {
    requireNonNull(uri, "uri");
    requireNonNull(contentType, "contentType");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(responseTimeout, "responseTimeout");
    String scheme = uri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
      throw new IllegalArgumentException("uri: " + uri + " (expected: an absolute http or https URL with a host)");
    }
    if (!post && body != null) {
      throw new IllegalArgumentException("body: " + body.length + " bytes (expected: none for GET)");
    }
    if (contentType.indexOf('\r') >= 0 || contentType.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("contentType: '" + contentType + "' (expected: no line breaks)");
    }
    if (post && contentType.isBlank()) {
      throw new IllegalArgumentException("contentType: '" + contentType + "' (expected: a media type for POST)");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(responseTimeout, "responseTimeout");
  }

  /** A GET of {@code uri}. */
  public static UpstreamRequest get(URI uri, Duration connectTimeout, Duration responseTimeout) {
    return new UpstreamRequest(uri, false, null, "", connectTimeout, responseTimeout);
  }

  /** A POST of {@code body} (sent verbatim, typed {@code contentType}) to {@code uri}. */
  public static UpstreamRequest post(
      URI uri, byte[] body, String contentType, Duration connectTimeout, Duration responseTimeout) {
    return new UpstreamRequest(uri, true, requireNonNull(body, "body"), contentType, connectTimeout, responseTimeout);
  }

  private static void requirePositive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }
}
