package io.switchboard.routing.xml;

import java.io.InputStream;
import java.io.Reader;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one StAX factory every parser here uses: the JDK's own implementation (never whatever is on the classpath),
 * with DTDs and external entities switched off, so a reply from a compromised or misconfigured backend cannot read
 * local files or expand entities (XXE, billion laughs). A document that declares a DTD at all is refused.
 */
final class SafeXml {
  // The JDK factory builds a fresh reader on every call and is never reconfigured after this, so sharing it is safe.
  private static final XMLInputFactory FACTORY = newFactory();

  private SafeXml() {}

  static XMLStreamReader reader(InputStream body) throws XMLStreamException {
    return FACTORY.createXMLStreamReader(body);
  }

  static XMLStreamReader reader(Reader body) throws XMLStreamException {
    return FACTORY.createXMLStreamReader(body);
  }

  /** Advances to the root element and returns its local name; throws if a DTD comes first or there is no element. */
  static String root(XMLStreamReader reader) throws XMLStreamException {
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new XMLStreamException("a DTD is not allowed", reader.getLocation());
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        return reader.getLocalName();
      }
    }
    throw new XMLStreamException("no root element");
  }

  /**
   * The text of the element the reader is on, descendants included (Nokogiri's {@code content}); leaves the reader on
   * the element's end tag.
   */
  static String textContent(XMLStreamReader reader) throws XMLStreamException {
    StringBuilder text = null;
    String only = "";
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> depth++;
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (text != null) {
            text.append(reader.getText());
          } else if (only.isEmpty()) {
            only = reader.getText();
          } else {
            text = new StringBuilder(only).append(reader.getText());
          }
        }
        default -> { }
      }
    }
    return text == null ? only : text.toString();
  }

  static void closeQuietly(XMLStreamReader reader) {
    try {
      reader.close();
    } catch (XMLStreamException ignored) {
      // Closing a reader over an in-memory source releases nothing that could fail in a way worth reporting.
    }
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
