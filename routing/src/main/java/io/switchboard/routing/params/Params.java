package io.switchboard.routing.params;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of a BBB API call as an immutable, ordered map, decoded from a query string or a form body and
 * re-encoded for the backend exactly as Scalelite does it (Ruby's {@code URI.encode_www_form}, spec §3.6 step 3).
 *
 * <p>A repeated name keeps its first position and its last value, as Rails' parameter parsing does. A {@code null} value
 * is a bare name without {@code =}, which is how Scalelite sends {@code end} without a password.
 */
public final class Params {
  private static final Params EMPTY = new Params(Collections.emptyMap());

  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  public static Params of() {
    return EMPTY;
  }

  /**
   * Decodes an {@code application/x-www-form-urlencoded} string. Never throws: a malformed {@code %} escape is kept
   * literally, because a front-end's odd encoding must not turn into a 500.
   */
  public static Params parse(@Nullable String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return EMPTY;
    }
    Map<String, String> values = new LinkedHashMap<>();
    int start = 0;
    while (start <= encoded.length()) {
      int end = encoded.indexOf('&', start);
      if (end < 0) {
        end = encoded.length();
      }
      if (end > start) {
        String pair = encoded.substring(start, end);
        int equals = pair.indexOf('=');
        String name = equals < 0 ? decode(pair) : decode(pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        if (!name.isEmpty()) {
          values.put(name, value);
        }
      }
      start = end + 1;
    }
    return new Params(Collections.unmodifiableMap(values));
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The value, or empty when the parameter is absent, bare or blank. */
  public Optional<String> nonBlank(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  public boolean contains(String name) {
    return values.containsKey(name);
  }

  public Set<String> names() {
    return values.keySet();
  }

  /** Entries in order; a bare name has a {@code null} value. */
  public Map<String, String> asMap() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** A copy with {@code name} set; an existing name keeps its position. */
  public Params with(String name, @Nullable String value) {
    requireNonNull(name, "name");
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return new Params(Collections.unmodifiableMap(copy));
  }

  public Params without(String name) {
    if (!values.containsKey(name)) {
      return this;
    }
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.remove(name);
    return new Params(Collections.unmodifiableMap(copy));
  }

  public Params withoutAll(Collection<String> names) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.keySet().removeAll(names);
    return copy.size() == values.size() ? this : new Params(Collections.unmodifiableMap(copy));
  }

  /** A copy with every entry set in order, as Ruby's {@code Hash#merge}: existing names keep their position. */
  public Params withAll(Map<String, ? extends @Nullable String> entries) {
    if (entries.isEmpty()) {
      return this;
    }
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.putAll(entries);
    return new Params(Collections.unmodifiableMap(copy));
  }

  /** Ruby {@code URI.encode_www_form}: {@code A-Z a-z 0-9 * - . _} kept, space as {@code +}, other bytes {@code %XX}. */
  public String encode() {
    StringBuilder out = new StringBuilder(values.size() * 24);
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (out.length() > 0) {
        out.append('&');
      }
      encodeComponent(entry.getKey(), out);
      if (entry.getValue() != null) {
        out.append('=');
        encodeComponent(entry.getValue(), out);
      }
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Params params && values.equals(params.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return encode();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static void encodeComponent(String text, StringBuilder out) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '*' || c == '-' || c == '.' || c == '_') {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
  }

  /**
   * Decodes one {@code application/x-www-form-urlencoded} name or value: {@code +} is a space, {@code %XX} a UTF-8 byte,
   * and a malformed escape stays as it is.
   */
  public static String decode(String text) {
    if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
        bytes.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
