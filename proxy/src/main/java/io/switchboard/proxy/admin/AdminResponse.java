package io.switchboard.proxy.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.routing.xml.BbbXml;

/**
 * What the admin API answers: JSON with the status Scalelite uses, or — for checksum, content-type, routing and
 * missing-envelope failures — the BBB XML error with HTTP 200, as Scalelite renders them (spec §10.1).
 */
public record AdminResponse(int status, String contentType, byte[] body) {
  static final String JSON = "application/json; charset=utf-8";
  static final String XML = "application/xml; charset=utf-8";
  static final ObjectMapper MAPPER = new ObjectMapper();

  public AdminResponse {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
  }

  static AdminResponse json(int status, JsonNode body) {
    try {
      return new AdminResponse(status, JSON, MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** {@code {"error": message}} with {@code status}. */
  static AdminResponse error(int status, String message) {
    return json(status, MAPPER.createObjectNode().put("error", message));
  }

  static AdminResponse success(String message) {
    return json(200, MAPPER.createObjectNode().put("success", message));
  }

  static AdminResponse message(int status, String message) {
    ObjectNode body = MAPPER.createObjectNode().put("message", message);
    return json(status, body);
  }

  static AdminResponse xml(BbbError error) {
    return new AdminResponse(200, XML, BbbXml.error(error));
  }
}
