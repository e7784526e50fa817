package io.switchboard.recordings.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON answers of getRecordingTextTracks and putRecordingTextTrack (bbb-api §3, §5.11, §5.12):
 * {@code {"response":{"returncode":…,…}}} with the fields in BBB's order. Pure.
 */
final class TextTrackJson {
  private static final JsonFactory JSON = new JsonFactory();

  /** One entry of {@code tracks}: a WebVTT file's link and how a player should offer it. */
  record Track(String href, String kind, String label, String lang, String source) {
    Track {
      requireNonNull(href, "href");
      requireNonNull(kind, "kind");
      requireNonNull(label, "label");
      requireNonNull(lang, "lang");
      requireNonNull(source, "source");
    }
  }

  private TextTrackJson() {}

  static byte[] tracks(List<Track> tracks) {
    return write(json -> {
      json.writeStringField("returncode", "SUCCESS");
      json.writeArrayFieldStart("tracks");
      for (Track track : tracks) {
        json.writeStartObject();
        json.writeStringField("href", track.href());
        json.writeStringField("kind", track.kind());
        json.writeStringField("label", track.label());
        json.writeStringField("lang", track.lang());
        json.writeStringField("source", track.source());
        json.writeEndObject();
      }
      json.writeEndArray();
    });
  }

  static byte[] uploaded(String recordId) {
    return write(json -> {
      json.writeStringField("messageKey", "upload_text_track_success");
      json.writeStringField("message", "Text track uploaded successfully");
      json.writeStringField("recordId", recordId);
      json.writeStringField("returncode", "SUCCESS");
    });
  }

  static byte[] failed(String messageKey, String message) {
    return write(json -> {
      json.writeStringField("returncode", "FAILED");
      json.writeStringField("messageKey", messageKey);
      json.writeStringField("message", message);
    });
  }

  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  private static byte[] write(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("response");
      fields.write(json);
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
