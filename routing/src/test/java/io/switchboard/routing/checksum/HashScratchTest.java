package io.switchboard.routing.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conf.ChecksumAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashScratchTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "ascii", "é", "€", "😀", "a\uD800b", "\uDC00", "x\uD83D", "mixed é€😀 text"})
  void encodesUtf8ExactlyAsTheJdkDoes(String text) throws Exception {
    MessageDigest reference = MessageDigest.getInstance("SHA-256");
    String expected = HexFormat.of().formatHex(reference.digest(text.getBytes(StandardCharsets.UTF_8)));

    assertThat(HashScratch.current().clear().append(text).hexString(ChecksumAlgorithm.SHA256)).isEqualTo(expected);
  }
}
