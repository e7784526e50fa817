package io.switchboard.recordings.api;

import static java.util.Objects.requireNonNull;

/**
 * What {@link RecordingsApi} answers: an HTTP status (200, as BBB answers errors too), a content type and the body
 * (BBB XML, or JSON for the text-track calls). The body array is handed over, not copied.
 */
public record RecordingsResponse(int status, String contentType, byte[] body) {
  static final String XML = "application/xml; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";

  public RecordingsResponse {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status: " + status + " (expected: 100-599)");
    }
  }

  static RecordingsResponse xml(byte[] body) {
    return new RecordingsResponse(200, XML, body);
  }

  static RecordingsResponse json(byte[] body) {
    return new RecordingsResponse(200, JSON, body);
  }
}
