package io.switchboard.simulator;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request exactly as a {@link SimulatedBbb} received it, in arrival order, whatever the server's mode: method,
 * path, raw (still percent-encoded) query, body bytes and headers with lower-case names (repeated headers joined by
 * {@code ", "}). Tests use it to check what Switchboard forwarded to a backend (bbb-api.md §2.3, §2.4).
 */
public record RecordedRequest(String method, String path, String rawQuery, byte[] body, Map<String, String> headers) {

  public RecordedRequest {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    requireNonNull(rawQuery, "rawQuery");
    body = requireNonNull(body, "body").clone();
    headers = Map.copyOf(requireNonNull(headers, "headers"));
  }

  /** A copy of the body bytes (empty when the request had none). */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The name BBB signs: the last path segment of an API call, {@code ""} for the API root, else the whole path. */
  public String callName() {
    if (path.equals(BbbApi.API_PATH) || path.equals(BbbApi.API_PATH + "/")) {
      return "";
    }
    return path.startsWith(BbbApi.API_PATH + "/") ? path.substring(path.lastIndexOf('/') + 1) : path;
  }

  /** The query parameters, decoded, in order; a repeated name keeps its first value, as a servlet's getParameter does. */
  public Map<String, String> params() {
    return BbbApi.decodeForm(rawQuery);
  }

  /** The value of a header, looked up case-insensitively. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }
}
