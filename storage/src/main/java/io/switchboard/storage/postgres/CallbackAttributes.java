package io.switchboard.storage.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Scalelite's {@code callback_data.callback_attributes} (spec §8, §11.3): a Ruby Hash with symbol keys serialized by
 * ActiveRecord as YAML, e.g. {@code ---\n:recording_ready_url: https://lms.example.com/ready\n}. Only its two keys,
 * {@code :recording_ready_url} and {@code :analytics_callback_url}, matter; this is not a YAML parser but a tolerant
 * reader of the block mappings Psych writes.
 *
 * <p>Reading: a line {@code :key: value} (or {@code key: value}, as a HashWithIndifferentAccess is dumped) starts an
 * entry; indented lines continue it. A value may be plain (a trailing {@code  #comment} dropped, {@code ~} and
 * {@code null} meaning none), single-quoted ({@code ''} is a quote), double-quoted (with YAML's escapes), or a block
 * scalar ({@code |}, {@code >}); multi-line values are folded as YAML folds them. Anything else is skipped.
 *
 * <p>Writing: {@link #withRecordingReadyUrl} replaces the {@code :recording_ready_url:} entry (appending it when
 * absent) and keeps every other entry's lines as they were, so an {@code :analytics_callback_url:} survives, as with
 * Scalelite's {@code callback_attributes.merge!(recording_ready_url: url)}; {@link #ofAnalyticsCallbackUrl} is a whole
 * new document, as Scalelite's analytics handler replaces the hash. Values are written as Psych writes a URL: plain when
 * that is unambiguous, else single-quoted, else (control characters) double-quoted.
 */
final class CallbackAttributes {
  static final String RECORDING_READY_URL = "recording_ready_url";
  static final String ANALYTICS_CALLBACK_URL = "analytics_callback_url";

  private static final Pattern KEY_LINE = Pattern.compile("^(:?)([A-Za-z_][A-Za-z0-9_]*):(?:[ \\t]+(.*?))?[ \\t]*$");
  /** A URL Psych writes without quotes: a scheme, no whitespace or control characters, not ending in ':'. */
  private static final Pattern PLAIN_URL =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[\\x21-\\x7E]*[\\x21-\\x39\\x3B-\\x7E]");

  private CallbackAttributes() {}

  /** One top-level entry of the mapping: its key (null for a line this reader does not understand) and its lines. */
  private record Entry(@Nullable String key, boolean symbol, List<String> lines) {}

  /** The value of {@code key} ({@link #RECORDING_READY_URL}, …) in a stored document, unless absent or null. */
  static Optional<String> get(@Nullable String yaml, String key) {
    for (Entry entry : entries(yaml)) {
      if (key.equals(entry.key())) {
        return Optional.ofNullable(value(entry.lines()));
      }
    }
    return Optional.empty();
  }

  /** Every key this reader understood, with its value (null when the value is missing or null). */
  static Map<String, @Nullable String> parse(@Nullable String yaml) {
    Map<String, @Nullable String> values = new LinkedHashMap<>();
    for (Entry entry : entries(yaml)) {
      if (entry.key() != null && !values.containsKey(entry.key())) {
        values.put(entry.key(), value(entry.lines()));
      }
    }
    return values;
  }

  /**
   * {@code yaml} (a stored document, or null for a new row) with {@code :recording_ready_url:} set to {@code url};
   * every other entry kept line for line, the two known keys written as symbols.
   */
  static String withRecordingReadyUrl(@Nullable String yaml, String url) {
    StringBuilder out = new StringBuilder("---\n");
    boolean written = false;
    for (Entry entry : entries(yaml)) {
      if (RECORDING_READY_URL.equals(entry.key())) {
        if (!written) {
          out.append(':').append(RECORDING_READY_URL).append(": ").append(scalar(url)).append('\n');
          written = true;
        }
        continue;
      }
      List<String> lines = entry.lines();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (i == 0 && !entry.symbol() && ANALYTICS_CALLBACK_URL.equals(entry.key())) {
          line = ":" + line;
        }
        out.append(line).append('\n');
      }
    }
    if (!written) {
      out.append(':').append(RECORDING_READY_URL).append(": ").append(scalar(url)).append('\n');
    }
    return out.toString();
  }

  /** A new document holding just {@code :recording_ready_url: url}. */
  static String ofRecordingReadyUrl(String url) {
    return withRecordingReadyUrl(null, url);
  }

  /**
   * A new document holding just {@code :analytics_callback_url: url}: what Scalelite's analytics handler stores at
   * create, replacing whatever the row held ({@code callback_attributes = {analytics_callback_url: url}}).
   */
  static String ofAnalyticsCallbackUrl(String url) {
    return "---\n:" + ANALYTICS_CALLBACK_URL + ": " + scalar(url) + "\n";
  }

  // --- reading -------------------------------------------------------------------------------------------------------

  private static List<Entry> entries(@Nullable String yaml) {
    List<Entry> entries = new ArrayList<>();
    if (yaml == null) {
      return entries;
    }
    List<String> current = null;
    for (String raw : yaml.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.startsWith("---") || line.equals("...")) {
        // Document markers, possibly with a tag (--- !ruby/hash:...) or an empty flow mapping (--- {}).
        current = null;
        continue;
      }
      boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
      if (continuation || line.isBlank()) {
        if (current != null) {
          current.add(line);
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      current = new ArrayList<>();
      current.add(line);
      Matcher key = KEY_LINE.matcher(line);
      if (key.matches()) {
        entries.add(new Entry(key.group(2), !key.group(1).isEmpty(), current));
      } else {
        entries.add(new Entry(null, false, current));
      }
    }
    // Blank lines after an entry belong to the document, not to the entry's value.
    for (Entry entry : entries) {
      List<String> lines = entry.lines();
      while (lines.size() > 1 && lines.get(lines.size() - 1).isBlank()) {
        lines.remove(lines.size() - 1);
      }
    }
    return entries;
  }

  /** The scalar of an entry: what follows {@code key:} on its first line, continued on its other lines. */
  static @Nullable String value(List<String> lines) {
    Matcher key = KEY_LINE.matcher(lines.get(0));
    if (!key.matches()) {
      return null;
    }
    String first = key.group(3) == null ? "" : key.group(3);
    List<String> rest = lines.subList(1, lines.size());
    if (first.startsWith("'")) {
      return singleQuoted(fold(first, rest, false));
    }
    if (first.startsWith("\"")) {
      return doubleQuoted(fold(first, rest, true));
    }
    if (first.startsWith("|") || first.startsWith(">")) {
      return block(first, rest);
    }
    if (first.startsWith("!")) {
      // A tag (!ruby/object:..., !binary): not a string this reader understands.
      return null;
    }
    String plain = fold(stripComment(first), rest.stream().map(CallbackAttributes::stripComment).toList(), false)
        .trim();
    if (plain.isEmpty() || plain.equals("~") || plain.equalsIgnoreCase("null")) {
      return null;
    }
    return plain;
  }

  /** Joins a multi-line scalar as YAML folds it: a line break is a space, an empty line a newline. */
  private static String fold(String first, List<String> rest, boolean doubleQuoted) {
    StringBuilder text = new StringBuilder(first.stripTrailing());
    boolean afterEmpty = false;
    for (String line : rest) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        text.append('\n');
        afterEmpty = true;
        continue;
      }
      if (doubleQuoted && endsWithEscape(text)) {
        // An escaped line break: the lines join without a space.
        text.setLength(text.length() - 1);
      } else if (!afterEmpty) {
        text.append(' ');
      }
      text.append(trimmed);
      afterEmpty = false;
    }
    return text.toString();
  }

  private static boolean endsWithEscape(CharSequence text) {
    int backslashes = 0;
    for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static String stripComment(String plain) {
    int hash = plain.indexOf(" #");
    int tab = plain.indexOf("\t#");
    int cut = hash < 0 ? tab : tab < 0 ? hash : Math.min(hash, tab);
    return cut < 0 ? plain : plain.substring(0, cut);
  }

  private static String singleQuoted(String text) {
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          value.append('\'');
          i++;
          continue;
        }
        break;
      }
      value.append(c);
    }
    return value.toString();
  }

  private static String doubleQuoted(String text) {
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        break;
      }
      if (c != '\\' || i + 1 >= text.length()) {
        value.append(c);
        continue;
      }
      char escape = text.charAt(++i);
      switch (escape) {
        case '0' -> value.append('\0');
        case 'a' -> value.append('\u0007');
        case 'b' -> value.append('\b');
        case 't', '\t' -> value.append('\t');
        case 'n' -> value.append('\n');
        case 'v' -> value.append('\u000B');
        case 'f' -> value.append('\f');
        case 'r' -> value.append('\r');
        case 'e' -> value.append('\u001B');
        case ' ' -> value.append(' ');
        case '"' -> value.append('"');
        case '/' -> value.append('/');
        case '\\' -> value.append('\\');
        case 'N' -> value.append('\u0085');
        case '_' -> value.append('\u00A0');
        case 'L' -> value.append('\u2028');
        case 'P' -> value.append('\u2029');
        case 'x', 'u', 'U' -> {
          int digits = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
          if (i + digits < text.length()) {
            try {
              value.appendCodePoint(Integer.parseInt(text, i + 1, i + 1 + digits, 16));
              i += digits;
              break;
            } catch (IllegalArgumentException e) {
              // Not hex digits: keep the escape as written.
            }
          }
          value.append('\\').append(escape);
        }
        default -> value.append('\\').append(escape);
      }
    }
    return value.toString();
  }

  /** A literal ({@code |}) or folded ({@code >}) block scalar, with its chomping indicator. */
  private static String block(String header, List<String> lines) {
    boolean literal = header.startsWith("|");
    char chomping = header.contains("-") ? '-' : header.contains("+") ? '+' : ' ';
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        int spaces = 0;
        while (spaces < line.length() && line.charAt(spaces) == ' ') {
          spaces++;
        }
        indent = Math.min(indent, spaces);
      }
    }
    StringBuilder text = new StringBuilder();
    boolean previousContent = false;
    for (String line : lines) {
      String content = line.isBlank() ? "" : line.substring(Math.min(indent, line.length()));
      if (literal) {
        text.append(content).append('\n');
      } else if (content.isEmpty()) {
        text.append('\n');
        previousContent = false;
      } else {
        if (previousContent) {
          text.setCharAt(text.length() - 1, ' ');
        }
        text.append(content).append('\n');
        previousContent = true;
      }
    }
    String value = text.toString();
    if (chomping == '-') {
      return value.replaceAll("\n+$", "");
    }
    if (chomping == ' ') {
      return value.replaceAll("\n+$", "\n");
    }
    return value;
  }

  // --- writing -------------------------------------------------------------------------------------------------------

  /** {@code value} as a YAML scalar that Psych loads back as the same string. */
  static String scalar(String value) {
    if (PLAIN_URL.matcher(value).matches()) {
      return value;
    }
    boolean printable = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
          || Character.isSurrogate(c) && !validSurrogate(value, i)) {
        printable = false;
        break;
      }
    }
    if (printable) {
      return "'" + value.replace("'", "''") + "'";
    }
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        case '\r' -> quoted.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
              || Character.isSurrogate(c) && !validSurrogate(value, i)) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  private static boolean validSurrogate(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }
}
