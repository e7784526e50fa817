package io.switchboard.storage.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one JSON shape the Redis keys hold: a flat object of string values, such as the protected-recording token
 * {@code {"record_id":"…","format":"…"}} Scalelite writes with Ruby's {@code to_json} (spec §7.7).
 */
final class FlatJson {
  private FlatJson() {}

  static String write(Map<String, String> object) {
    StringBuilder json = new StringBuilder("{");
    object.forEach((key, value) -> {
      if (json.length() > 1) {
        json.append(',');
      }
      quote(json, key).append(':');
      quote(json, value);
    });
    return json.append('}').toString();
  }

  private static StringBuilder quote(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }

  /** The object's string members; empty when the text is not a flat object of strings. */
  static Optional<Map<String, String>> read(String text) {
    try {
      Parser parser = new Parser(text);
      Map<String, String> object = parser.object();
      parser.skipSpace();
      return parser.atEnd() ? Optional.of(object) : Optional.empty();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Map<String, String> object() {
      Map<String, String> object = new LinkedHashMap<>();
      expect('{');
      skipSpace();
      if (peek() == '}') {
        pos++;
        return object;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        object.put(key, string());
        skipSpace();
        char next = text.charAt(pos++);
        if (next == '}') {
          return object;
        }
        if (next != ',') {
          throw new IllegalArgumentException("expected , or }");
        }
      }
    }

    String string() {
      expect('"');
      StringBuilder value = new StringBuilder();
      while (true) {
        char c = text.charAt(pos++);
        if (c == '"') {
          return value.toString();
        }
        if (c != '\\') {
          value.append(c);
          continue;
        }
        char escape = text.charAt(pos++);
        switch (escape) {
          case '"', '\\', '/' -> value.append(escape);
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> throw new IllegalArgumentException("bad escape");
        }
      }
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    boolean atEnd() {
      return pos == text.length();
    }

    private char peek() {
      return text.charAt(pos);
    }

    private void expect(char c) {
      if (text.charAt(pos++) != c) {
        throw new IllegalArgumentException("expected " + c);
      }
    }
  }
}
