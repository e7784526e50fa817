package io.switchboard.recordings.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      webcams.webm      | video/webm
      deskshare.mp4     | video/mp4
      video-0.m4v       | video/mp4
      audio.ogg         | audio/ogg
      shapes.svg        | image/svg+xml
      slide-1.png       | image/png
      thumb-1.JPG       | image/jpeg
      metadata.xml      | application/xml
      captions.json     | application/json
      index.html        | text/html; charset=utf-8
      main.js           | application/javascript
      main.css          | text/css
      notes.pdf         | application/pdf
      captions_en.vtt   | text/vtt
      readme.txt        | text/plain
      archive.tar       | application/octet-stream
      Makefile          | application/octet-stream
      trailing.         | application/octet-stream
      """)
  void typesFollowTheExtension(String fileName, String type) {
    assertThat(ContentTypes.of(fileName).toString()).isEqualTo(type);
  }
}
