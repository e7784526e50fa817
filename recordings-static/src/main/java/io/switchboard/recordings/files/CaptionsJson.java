package io.switchboard.recordings.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a presentation's {@code captions.json}: an array of {@code {"localeName":…,"locale":…}} objects as
 * BBB writes it, optionally with {@code kind} and {@code source} when they differ from {@code subtitles} and
 * {@code upload}, so a file Switchboard rewrites still looks like BBB's to the player. Pure: bytes in, bytes out.
 */
final class CaptionsJson {
  private static final JsonFactory JSON = new JsonFactory();

  private CaptionsJson() {}

  /**
   * The tracks of a captions.json, in file order; entries without a usable {@code locale} are skipped (the file came
   * from a BBB server inside a tarball, so it is not trusted to name files).
   *
   * @throws IOException when the bytes are not a JSON array
   */
  static List<TextTrack> parse(byte[] json) throws IOException {
    List<TextTrack> tracks = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("captions.json: not a JSON array");
      }
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        if (token == null) {
          throw new IOException("captions.json: the array is not closed");
        }
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          continue;
        }
        TextTrack track = entry(parser);
        if (track != null) {
          tracks.add(track);
        }
      }
    }
    return tracks;
  }

  static byte[] write(List<TextTrack> tracks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 64 * tracks.size());
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      for (TextTrack track : tracks) {
        json.writeStartObject();
        json.writeStringField("localeName", track.label());
        json.writeStringField("locale", track.locale());
        if (!track.kind().equals(TextTrack.SUBTITLES)) {
          json.writeStringField("kind", track.kind());
        }
        if (!track.source().equals(TextTrack.UPLOAD)) {
          json.writeStringField("source", track.source());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static @Nullable TextTrack entry(JsonParser parser) throws IOException {
    String locale = null;
    String label = null;
    String kind = TextTrack.SUBTITLES;
    String source = TextTrack.UPLOAD;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value != JsonToken.VALUE_STRING) {
        parser.skipChildren();
        continue;
      }
      switch (field) {
        case "locale" -> locale = parser.getText();
        case "localeName" -> label = parser.getText();
        case "kind" -> kind = parser.getText();
        case "source" -> source = parser.getText();
        default -> { }
      }
    }
    if (locale == null || !TextTrack.LANGUAGE_TAG.matcher(locale).matches()) {
      return null;
    }
    return new TextTrack(locale, label == null ? locale : label, kind, source);
  }
}
