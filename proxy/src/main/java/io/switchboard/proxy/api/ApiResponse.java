package io.switchboard.proxy.api;

import static java.util.Objects.requireNonNull;

import io.switchboard.routing.xml.BbbError;
import io.switchboard.routing.xml.BbbXml;
import org.jspecify.annotations.Nullable;

/**
 * What the API answers a front-end: a status, a body with its content type, and for {@code join} a redirect target.
 * BBB answers errors with HTTP 200 and XML, so almost every response here is a 200. {@code serverId} names the BBB
 * server the call went to, for the access log; it is never sent.
 */
public record ApiResponse(int status, String contentType, byte[] body, @Nullable String location,
    @Nullable String serverId) {
  static final String XML = "application/xml; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  public ApiResponse {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
  }

  public ApiResponse(int status, String contentType, byte[] body, @Nullable String location) {
    this(status, contentType, body, location, null);
  }

  /** The same answer, noted as coming from (or sending the client to) {@code server}. */
  public ApiResponse from(String server) {
    return new ApiResponse(status, contentType, body, location, server);
  }

  public static ApiResponse xml(byte[] body) {
    return new ApiResponse(200, XML, body, null);
  }

  public static ApiResponse error(BbbError error) {
    return xml(BbbXml.error(error));
  }

  public static ApiResponse redirect(String location) {
    return new ApiResponse(302, TEXT, new byte[0], location);
  }
}
