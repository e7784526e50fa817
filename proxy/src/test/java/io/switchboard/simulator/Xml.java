package io.switchboard.simulator;

import java.nio.charset.StandardCharsets;

/** Builds one compact {@code <response>} document the way bbb-web's templates shape it, escaping all text. */
final class Xml {
  private final StringBuilder out = new StringBuilder(512).append("<response>");

  private Xml() {}

  static Xml response(String returncode) {
    return new Xml().el("returncode", returncode);
  }

  static byte[] error(String messageKey, String message) {
    return response("FAILED").el("messageKey", messageKey).el("message", message).bytes();
  }

  Xml el(String name, Object value) {
    out.append('<').append(name).append('>');
    escape(String.valueOf(value));
    out.append("</").append(name).append('>');
    return this;
  }

  Xml empty(String name) {
    out.append('<').append(name).append("/>");
    return this;
  }

  Xml open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  Xml close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  byte[] bytes() {
    return out.append("</response>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          // Control characters are not allowed in XML 1.0 even when escaped; BBB strips them from input.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            out.append(c);
          }
        }
      }
    }
  }
}
