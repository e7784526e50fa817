package io.switchboard.recordings.serving;

import io.netty.util.AsciiString;
import java.util.Locale;
import java.util.Map;

/**
 * Content-Type of a served file by its extension: the types of the files BBB's recording formats and player apps
 * contain (spec §9.9), {@code application/octet-stream} for anything else.
 */
final class ContentTypes {
  static final AsciiString DEFAULT = AsciiString.cached("application/octet-stream");
  static final AsciiString HTML = AsciiString.cached("text/html; charset=utf-8");

  private static final Map<String, AsciiString> BY_EXTENSION = Map.ofEntries(
      Map.entry("webm", AsciiString.cached("video/webm")),
      Map.entry("mp4", AsciiString.cached("video/mp4")),
      Map.entry("m4v", AsciiString.cached("video/mp4")),
      Map.entry("m4a", AsciiString.cached("audio/mp4")),
      Map.entry("ogg", AsciiString.cached("audio/ogg")),
      Map.entry("mp3", AsciiString.cached("audio/mpeg")),
      Map.entry("svg", AsciiString.cached("image/svg+xml")),
      Map.entry("png", AsciiString.cached("image/png")),
      Map.entry("jpg", AsciiString.cached("image/jpeg")),
      Map.entry("jpeg", AsciiString.cached("image/jpeg")),
      Map.entry("gif", AsciiString.cached("image/gif")),
      Map.entry("ico", AsciiString.cached("image/x-icon")),
      Map.entry("xml", AsciiString.cached("application/xml")),
      Map.entry("json", AsciiString.cached("application/json")),
      Map.entry("map", AsciiString.cached("application/json")),
      Map.entry("html", HTML),
      Map.entry("htm", HTML),
      Map.entry("js", AsciiString.cached("application/javascript")),
      Map.entry("css", AsciiString.cached("text/css")),
      Map.entry("pdf", AsciiString.cached("application/pdf")),
      Map.entry("vtt", AsciiString.cached("text/vtt")),
      Map.entry("txt", AsciiString.cached("text/plain")),
      Map.entry("woff", AsciiString.cached("font/woff")),
      Map.entry("woff2", AsciiString.cached("font/woff2")),
      Map.entry("ttf", AsciiString.cached("font/ttf")));

  private ContentTypes() {}

  /** The type of {@code fileName} by its extension, case-insensitively. */
  static AsciiString of(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0 || dot == fileName.length() - 1) {
      return DEFAULT;
    }
    return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
  }
}
