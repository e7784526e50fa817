package io.switchboard.proxy.upstream;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Why a call to a BigBlueButton server produced no response: the exceptional completion of
 * {@link UpstreamClient#send}. API handlers map every kind to the BBB error envelope of scalelite-reference §3.5
 * (Scalelite answers a failed backend call with {@code internalError}); the kind exists for logs, metrics and the
 * poller, never for clients to see.
 */
public final class UpstreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The phase that failed. */
  public enum Kind {
    /** No connection within the connect timeout: DNS, TCP connect, TLS handshake or waiting for a pool slot. */
    CONNECT,
    /** Connected and sent, but no complete response within the response timeout. */
    TIMEOUT,
    /** The server closed or reset the connection before the response was complete. */
    CLOSED,
    /** The response (body or headers) exceeded the client's limit. */
    TOO_LARGE,
    /** The server answered something that is not HTTP/1.x, or TLS failed after the handshake. */
    PROTOCOL
  }

  private final Kind kind;

  public UpstreamException(Kind kind, String message, @Nullable Throwable cause) {
    // No stack trace: it would only show event-loop frames; the message and the cause say what happened.
    super(message, cause, false, false);
    this.kind = requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
