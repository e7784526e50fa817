package io.switchboard.proxy.admin;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A BBB {@code getMeetingInfo} answer read for {@code getMeetingInfo} of the admin API: the texts of the direct children
 * of {@code <response>} and of {@code <response><metadata>}, first occurrence winning. Reading never throws: a body
 * that is not a BBB reply (an HTML error page, a DTD, garbage) reads as a reply with nothing in it. DTDs and external
 * entities are off, as for every backend reply.
 */
record MeetingInfoXml(Map<String, String> fields, Map<String, String> metadata) {
  private static final MeetingInfoXml EMPTY = new MeetingInfoXml(Map.of(), Map.of());
  // The JDK factory builds a fresh reader on every call and is never reconfigured after this, so sharing it is safe.
  private static final XMLInputFactory FACTORY = newFactory();

  static MeetingInfoXml parse(byte[] body) {
    XMLStreamReader reader = null;
    try {
      reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
      if (!"response".equals(root(reader))) {
        return EMPTY;
      }
      Map<String, String> fields = new HashMap<>();
      Map<String, String> metadata = new HashMap<>();
      while (reader.next() != XMLStreamConstants.END_ELEMENT) {
        if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (reader.getLocalName().equals("metadata")) {
          while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (reader.getEventType() == XMLStreamConstants.START_ELEMENT) {
              metadata.putIfAbsent(reader.getLocalName(), text(reader));
            }
          }
        } else {
          fields.putIfAbsent(reader.getLocalName(), text(reader));
        }
      }
      return new MeetingInfoXml(Map.copyOf(fields), Map.copyOf(metadata));
    } catch (XMLStreamException | RuntimeException garbage) {
      return EMPTY;
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // Closing a reader over an in-memory source releases nothing.
        }
      }
    }
  }

  Optional<String> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  boolean success() {
    return "SUCCESS".equals(fields.get("returncode"));
  }

  private static String root(XMLStreamReader reader) throws XMLStreamException {
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new XMLStreamException("a DTD is not allowed");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        return reader.getLocalName();
      }
    }
    return "";
  }

  /** The text of the element the reader is on, descendants included; leaves the reader on its end tag. */
  private static String text(XMLStreamReader reader) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      switch (reader.next()) {
        case XMLStreamConstants.START_ELEMENT -> depth++;
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            text.append(reader.getText());
        default -> { }
      }
    }
    return text.toString();
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }
}
