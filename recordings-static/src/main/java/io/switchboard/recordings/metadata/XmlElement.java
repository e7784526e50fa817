package io.switchboard.recordings.metadata;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A read-only element tree of a small XML document, built by the JDK's StAX parser with DTDs and external entities
 * off; a document that declares a DTD at all is refused, so no entity can read a file or expand (XXE, billion laughs).
 * Each element keeps its attributes, its child elements and its text content with descendants included (what
 * Nokogiri's {@code text} returns).
 */
final class XmlElement {
  // The JDK factory builds a fresh reader on every call and is never reconfigured after this, so sharing it is safe.
  private static final XMLInputFactory FACTORY = newFactory();
  private static final int MAX_DEPTH = 64;

  private final String name;
  private final Map<String, String> attributes;
  private final List<XmlElement> children = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  private XmlElement(String name, Map<String, String> attributes) {
    this.name = name;
    this.attributes = attributes;
  }

  /** The document's root element; throws with the parser's message for anything that is not well-formed XML. */
  static XmlElement parse(byte[] document) throws XMLStreamException {
    XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
    try {
      Deque<XmlElement> open = new ArrayDeque<>();
      XmlElement root = null;
      while (reader.hasNext()) {
        switch (reader.next()) {
          case XMLStreamConstants.DTD -> throw new XMLStreamException("a DTD is not allowed", reader.getLocation());
          case XMLStreamConstants.START_ELEMENT -> {
            if (open.size() == MAX_DEPTH) {
              throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH, reader.getLocation());
            }
            XmlElement element = new XmlElement(reader.getLocalName(), attributes(reader));
            if (open.isEmpty()) {
              root = element;
            } else {
              open.peek().children.add(element);
            }
            open.push(element);
          }
          case XMLStreamConstants.END_ELEMENT -> {
            XmlElement closed = open.pop();
            if (!open.isEmpty()) {
              open.peek().text.append(closed.text);
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (!open.isEmpty()) {
              open.peek().text.append(reader.getText());
            }
          }
          default -> { }
        }
      }
      if (root == null) {
        throw new XMLStreamException("no root element");
      }
      return root;
    } finally {
      reader.close();
    }
  }

  String name() {
    return name;
  }

  /** The text of this element and all its descendants, in document order, untrimmed. */
  String text() {
    return text.toString();
  }

  /** The attribute's value, or {@code ""} when the element has none by that name. */
  String attribute(String localName) {
    return attributes.getOrDefault(localName, "");
  }

  List<XmlElement> children() {
    return children;
  }

  /** The first child element called {@code childName}, as Nokogiri's {@code at_xpath(childName)}. */
  Optional<XmlElement> child(String childName) {
    for (XmlElement child : children) {
      if (child.name.equals(childName)) {
        return Optional.of(child);
      }
    }
    return Optional.empty();
  }

  /** The text of the first child called {@code childName}, if it exists and is not blank (Rails' {@code present?}). */
  Optional<String> presentText(String childName) {
    return child(childName).map(XmlElement::text).filter(value -> !value.isBlank());
  }

  private static Map<String, String> attributes(XMLStreamReader reader) {
    int count = reader.getAttributeCount();
    if (count == 0) {
      return Map.of();
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      attributes.putIfAbsent(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
    }
    return attributes;
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return factory;
  }
}
