package io.switchboard.recordings.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartFormTest {
  static final String BOUNDARY = "----switchboard7MA4YWxkTrZu0gW";
  static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

  /** A multipart body with a plain {@code label} field and the {@code file} part. */
  static byte[] body(String fileName, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"label\"\r\n\r\nEnglish\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void readsTheFilePartByteForByte() {
    byte[] content = new byte[300_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }

    assertThat(MultipartForm.field(body("track.vtt", content), CONTENT_TYPE, "file"))
        .hasValueSatisfying(bytes -> assertThat(Arrays.equals(bytes, content)).isTrue());
  }

  @Test
  void readsAPlainField() {
    assertThat(MultipartForm.field(body("t.srt", new byte[] {1}), CONTENT_TYPE, "label"))
        .hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("English"));
  }

  @Test
  void aMissingFieldIsEmpty() {
    assertThat(MultipartForm.field(body("t.srt", new byte[] {1}), CONTENT_TYPE, "other")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "text/vtt", "application/x-www-form-urlencoded", "multipart/form-data"})
  void refusesBodiesThatAreNotMultipartWithABoundary(String contentType) {
    assertThatThrownBy(() -> MultipartForm.field(body("t.vtt", new byte[] {1}), contentType, "file"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
