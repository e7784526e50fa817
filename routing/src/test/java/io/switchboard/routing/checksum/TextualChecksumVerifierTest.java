package io.switchboard.routing.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextualChecksumVerifierTest {

  @ParameterizedTest(name = "[{0}] minus {1} = [{2}]")
  @CsvSource(delimiter = '|', nullValues = "NULL", emptyValue = "", value = {
      "a=1&checksum=C&b=2             | C | a=1&b=2",
      "checksum=C&a=1                 | C | a=1",
      "a=1&checksum=C                 | C | a=1",
      "checksum=C                     | C | ''",
      "checksum=C&checksum=C          | C | ''",
      "a=1&checksum=C&b=2&checksum=C  | C | a=1&b=2",
      "a=1&checksum=CD                | C | a=1D",
      "a=1&checksum=D                 | C | a=1&checksum=D",
      "xchecksum=C&a=1                | C | xa=1",
      "checks&checksum=Cum=C&         | C | ''",
      "a=1                            | C | a=1"})
  void deletesThePairWithBbbWebsThreeReplaceAllPasses(String query, String checksum, String expected) {
    String bbbWeb = query.replace("&checksum=" + checksum, "")
        .replace("checksum=" + checksum + "&", "")
        .replace("checksum=" + checksum, "");

    assertThat(TextualChecksumVerifier.withoutChecksum(query, checksum)).isEqualTo(expected).isEqualTo(bbbWeb);
  }

  @ParameterizedTest(name = "first checksum of [{0}] is [{1}]")
  @CsvSource(delimiter = '|', nullValues = "NULL", emptyValue = "", value = {
      "a=1&checksum=abc&checksum=def | abc",
      "checksum=abc                  | abc",
      "a=1&checksum                  | ''",
      "a=1&checksum=                 | ''",
      "a=1&checksums=abc             | NULL",
      "a=1&xchecksum=abc             | NULL",
      "''                            | NULL"})
  void findsTheFirstChecksumPair(String encoded, String expected) {
    assertThat(TextualChecksumVerifier.firstChecksum(encoded)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}] rebuilds as [{1}]")
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "b=2&a=1&checksum=x            | a=1&b=2",
      "name=A+B&meetingID=m          | meetingID=m&name=A+B",
      "name=%C3%A9%28%29*~           | name=%C3%A9%28%29*%7E",
      "bare&z=&=nameless             | bare=&z=",
      "k=2&k=1                       | k=2&k=1",
      "''                            | ''"})
  void rebuildsTheBodyAsBbb24Did(String body, String expected) {
    assertThat(TextualChecksumVerifier.sortedRebuild(body)).isEqualTo(expected);
  }
}
