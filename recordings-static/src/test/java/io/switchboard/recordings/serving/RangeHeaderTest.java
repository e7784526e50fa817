package io.switchboard.recordings.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeHeaderTest {
  private static final long LENGTH = 1000;

  @ParameterizedTest(name = "{0} of 1000 bytes → bytes {1}+{2}")
  @CsvSource(delimiter = '|', textBlock = """
      bytes=0-99          | 0   | 100
      bytes=500-599       | 500 | 100
      bytes=990-          | 990 | 10
      bytes=0-            | 0   | 1000
      bytes=-10           | 990 | 10
      bytes=-5000         | 0   | 1000
      bytes=900-5000      | 900 | 100
      bytes=999-999       | 999 | 1
      BYTES=1-2           | 1   | 2
      bytes= 3 - 4        | 3   | 2
      bytes=10-99999999999999999999999 | 10 | 990
      """)
  void singleRangesBecomeSlicesClampedToTheFile(String header, long start, long length) {
    assertThat(RangeHeader.parse(header, LENGTH)).isEqualTo(new RangeHeader.Slice(start, length));
  }

  @ParameterizedTest(name = "{0} → whole file")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      NULL
      ''
      bytes=
      bytes=-
      bytes=abc
      bytes=5-1
      bytes=1-2-3
      bytes=0x10-20
      bytes=+1-2
      bytes=0-1,5-6
      bytes=-1,
      items=0-10
      bytes 0-10
      """)
  void multipleMalformedOrForeignRangesAreIgnored(@Nullable String header) {
    assertThat(RangeHeader.parse(header, LENGTH)).isEqualTo(RangeHeader.WHOLE);
  }

  @ParameterizedTest(name = "{0} → 416")
  @CsvSource(delimiter = '|', textBlock = """
      bytes=1000-
      bytes=1000-1000
      bytes=5000-6000
      bytes=-0
      bytes=99999999999999999999-
      """)
  void rangesStartingPastTheEndAreUnsatisfiable(String header) {
    assertThat(RangeHeader.parse(header, LENGTH)).isEqualTo(RangeHeader.UNSATISFIABLE);
  }

  @ParameterizedTest(name = "{0} of an empty file → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      bytes=0-    | UNSATISFIABLE
      bytes=0-0   | UNSATISFIABLE
      bytes=-1    | WHOLE
      """)
  void anEmptyFileHasNoSliceToSend(String header, String expected) {
    RangeHeader range = RangeHeader.parse(header, 0);
    assertThat(range).isEqualTo(expected.equals("WHOLE") ? RangeHeader.WHOLE : RangeHeader.UNSATISFIABLE);
  }

  @ParameterizedTest(name = "slice {0}+{1} ends at {2}")
  @CsvSource({"0, 1, 0", "10, 90, 99"})
  void aSliceKnowsItsLastByte(long start, long length, long end) {
    assertThat(new RangeHeader.Slice(start, length).end()).isEqualTo(end);
  }
}
