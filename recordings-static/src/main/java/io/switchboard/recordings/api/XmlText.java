package io.switchboard.recordings.api;

import java.util.regex.Pattern;

/**
 * Text and element names for the XML Switchboard writes: the same escaping as routing's {@code BbbXml} ({@code < > &
 * " '} as entities, characters XML 1.0 cannot carry as U+FFFD), so every answer is well-formed whatever a client
 * stored in a recording's metadata.
 */
final class XmlText {
  static final String DECLARATION = "<?xml version=\"1.0\"?>\n";
  static final String SUCCESS = DECLARATION + "<response><returncode>SUCCESS</returncode>";

  /** A conservative XML 1.0 name: what BBB's metadata keys look like ({@code gl-listed}, {@code bbb-origin}, …). */
  private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}._-]*");

  private XmlText() {}

  static boolean isName(String name) {
    return NAME.matcher(name).matches();
  }

  /** {@code <name>text</name>}, or {@code <name/>} for empty text as Nokogiri writes it. */
  static void element(String name, String text, StringBuilder out) {
    if (text.isEmpty()) {
      out.append('<').append(name).append("/>");
      return;
    }
    out.append('<').append(name).append('>');
    escape(text, out);
    out.append("</").append(name).append('>');
  }

  static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (allowedInXml(c)) {
            out.append(c);
          } else {
            out.append('\uFFFD');
          }
        }
      }
    }
  }

  private static boolean allowedInXml(char c) {
    return c >= 0x20 ? !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
  }
}
