package io.switchboard.routing.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the exact source text of every element at one path of a document that a StAX parser has already accepted as
 * well-formed. The JDK's StAX locations drift once its read buffer has been refilled, so the offsets come from this
 * small tokenizer instead; it only needs to tell markup apart (comments, CDATA, processing instructions, tags with
 * quoted attribute values), because well-formedness was checked before.
 */
final class ElementSpans {

  private ElementSpans() {}

  /** The source text of each element whose local-name path from the root is {@code path}, in document order. */
  static List<String> find(String xml, List<String> path) {
    List<String> found = new ArrayList<>();
    List<String> open = new ArrayList<>();
    int matchStart = -1;
    int at = 0;
    while ((at = xml.indexOf('<', at)) >= 0) {
      if (xml.startsWith("<!--", at)) {
        at = after(xml, "-->", at + 4);
      } else if (xml.startsWith("<![CDATA[", at)) {
        at = after(xml, "]]>", at + 9);
      } else if (xml.startsWith("<?", at) || xml.startsWith("<!", at)) {
        at = after(xml, ">", at + 2);
      } else if (xml.startsWith("</", at)) {
        int end = after(xml, ">", at + 2);
        if (matchStart >= 0 && open.size() == path.size()) {
          found.add(xml.substring(matchStart, end));
          matchStart = -1;
        }
        open.remove(open.size() - 1);
        if (open.isEmpty()) {
          break;
        }
        at = end;
      } else {
        int end = endOfStartTag(xml, at + 1);
        open.add(localName(xml, at + 1));
        boolean matches = open.equals(path);
        if (xml.charAt(end - 2) == '/') {
          if (matches) {
            found.add(xml.substring(at, end));
          }
          open.remove(open.size() - 1);
          if (open.isEmpty()) {
            break;
          }
        } else if (matches) {
          matchStart = at;
        }
        at = end;
      }
    }
    return found;
  }

  private static int after(String xml, String terminator, int from) {
    int at = xml.indexOf(terminator, from);
    if (at < 0) {
      throw new IllegalArgumentException("markup not closed by " + terminator + " after offset " + from);
    }
    return at + terminator.length();
  }

  private static int endOfStartTag(String xml, int from) {
    char quote = 0;
    for (int i = from; i < xml.length(); i++) {
      char c = xml.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("start tag not closed after offset " + from);
  }

  private static String localName(String xml, int from) {
    int end = from;
    int colon = -1;
    while (end < xml.length()) {
      char c = xml.charAt(end);
      if (c == '>' || c == '/' || Character.isWhitespace(c)) {
        break;
      }
      if (c == ':') {
        colon = end;
      }
      end++;
    }
    return xml.substring(colon < 0 ? from : colon + 1, end);
  }
}
