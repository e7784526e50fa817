package io.switchboard.proxy.metrics;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * HTTP Basic authentication (RFC 7617) of one user: what the metrics endpoint, the status page and the dial-in gateway
 * ({@code /fsapi}) require. Compares in constant time, so the answer's timing tells nothing about the password.
 */
public final class BasicAuthentication {
  private final byte[] expected;
  private final String challenge;

  /** @param realm shown by browsers in the login prompt */
  public BasicAuthentication(String user, String password, String realm) {
    this.expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    this.challenge = "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"";
  }

  /** Whether the request's {@code Authorization} header carries this user and password. */
  public boolean accepts(HttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION, "").trim();
    if (header.length() < 6 || !header.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(header.substring(6).strip());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    return MessageDigest.isEqual(given, expected);
  }

  /** The {@code WWW-Authenticate} value of a 401 answer. */
  public String challenge() {
    return challenge;
  }
}
