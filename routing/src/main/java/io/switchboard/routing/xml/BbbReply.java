package io.switchboard.routing.xml;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a BBB backend answered, read as Scalelite's {@code get_post_req} reads it (spec §3.6): the texts of the direct
 * children of {@code <response>}, of which {@code returncode}, {@code messageKey} and {@code message} decide success or
 * failure. Parsing never throws: a body that is not well-formed XML (an HTML error page, a truncated reply, JSON), that
 * declares a DTD, or whose root is not {@code <response>} reads as a reply without a returncode. Texts are exact
 * (not trimmed); for a repeated child the first one counts. Anything after the closing {@code </response>} is ignored.
 */
public final class BbbReply {
  private static final BbbReply EMPTY = new BbbReply(Map.of());

  private final Map<String, String> children;

  BbbReply(Map<String, String> children) {
    this.children = children;
  }

  public static BbbReply parse(byte[] body) {
    if (body.length == 0) {
      return EMPTY;
    }
    XMLStreamReader reader = null;
    try {
      reader = SafeXml.reader(new ByteArrayInputStream(body));
      if (!"response".equals(SafeXml.root(reader))) {
        return EMPTY;
      }
      Map<String, String> children = new HashMap<>();
      while (reader.next() != XMLStreamConstants.END_ELEMENT) {
        if (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
          String name = reader.getLocalName();
          children.putIfAbsent(name, SafeXml.textContent(reader));
        }
      }
      return new BbbReply(Map.copyOf(children));
    } catch (XMLStreamException | RuntimeException garbage) {
      return EMPTY;
    } finally {
      if (reader != null) {
        SafeXml.closeQuietly(reader);
      }
    }
  }

  /** {@code /response/returncode}; empty when the body had none or was not a BBB reply at all. */
  public Optional<String> returncode() {
    return text("returncode");
  }

  public Optional<String> messageKey() {
    return text("messageKey");
  }

  public Optional<String> message() {
    return text("message");
  }

  /** Whether the returncode is exactly {@code SUCCESS}. */
  public boolean success() {
    return "SUCCESS".equals(children.get("returncode"));
  }

  /** The text of the first {@code <response>} child named so (e.g. {@code running}, {@code bbbVersion}). */
  public Optional<String> text(String childOfResponse) {
    return Optional.ofNullable(children.get(childOfResponse));
  }

  /**
   * The error to answer with when this reply is not a success, as Scalelite decides it: {@link BbbError#NO_RETURNCODE}
   * without a returncode; the backend's own {@code messageKey} and {@code message} when it sent both; otherwise
   * {@code fallback}, the calling action's generic error (e.g. {@link BbbError#UNABLE_TO_ACCESS_MEETING}). Empty on
   * success.
   */
  public Optional<BbbError> failure(BbbError fallback) {
    String returncode = children.get("returncode");
    if (returncode == null) {
      return Optional.of(BbbError.NO_RETURNCODE);
    }
    if (returncode.equals("SUCCESS")) {
      return Optional.empty();
    }
    String messageKey = children.get("messageKey");
    String message = children.get("message");
    return Optional.of(messageKey != null && message != null ? new BbbError(messageKey, message) : fallback);
  }

  @Override
  public String toString() {
    return "BbbReply" + children;
  }
}
