package io.switchboard.recordings.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SubtitleConverterTest {

  @ParameterizedTest
  @ValueSource(strings = {"WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n", "\uFEFFWEBVTT - with a title\r\n\r\n",
      "WEBVTT", "WEBVTT\tx\n"})
  void keepsWebVttByteForByte(String vtt) {
    byte[] upload = vtt.getBytes(StandardCharsets.UTF_8);

    assertThat(SubtitleConverter.toWebVtt(upload)).containsSame(upload);
  }

  @Test
  void convertsSubRipToWebVtt() {
    String srt = "\uFEFF1\r\n00:00:01,000 --> 00:00:04,250\r\nHello, world\r\n\r\n"
        + "2\r\n0:01:02,003 --> 10:01:05,400 X1:40 X2:600 Y1:20 Y2:50\r\n<i>Second</i> line\r\n"
        + "with --> arrow and 00:00:01,000 text\r\n";

    assertThat(convert(srt)).contains("WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.250\nHello, world\n\n"
        + "2\n00:01:02.003 --> 10:01:05.400\n<i>Second</i> line\nwith --> arrow and 00:00:01,000 text\n");
  }

  @Test
  void convertsSubRipWithBareCarriageReturnsAndDotTimings() {
    assertThat(convert("1\r00:00:01.500 --> 00:00:02.000\rA\r"))
        .contains("WEBVTT\n\n1\n00:00:01.500 --> 00:00:02.000\nA\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "WEBVTTX\n", "[Script Info]\nTitle: ass\n", "00:01,000 --> 00:02,000\n",
      "1\n00:00:01,0 --> 00:00:02,000\n"})
  void refusesWhatIsNeitherWebVttNorSubRip(String upload) {
    assertThat(convert(upload)).isEmpty();
  }

  private static Optional<String> convert(String upload) {
    return SubtitleConverter.toWebVtt(upload.getBytes(StandardCharsets.UTF_8))
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }
}
