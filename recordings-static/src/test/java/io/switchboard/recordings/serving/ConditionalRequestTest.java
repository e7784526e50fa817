package io.switchboard.recordings.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ConditionalRequestTest {
  private static final long MTIME = 1_700_000_000_000L;
  private static final FileStat STAT = new FileStat(1000, MTIME + 123);
  private static final String ETAG = STAT.etag();
  private static final String LAST_MODIFIED = DateFormatter.format(new Date(MTIME));
  private static final String EARLIER = DateFormatter.format(new Date(MTIME - 1000));
  private static final String LATER = DateFormatter.format(new Date(MTIME + 60_000));

  @Test
  void etagAndLastModifiedFollowNginxFromSizeAndMtimeSeconds() {
    assertThat(ETAG).isEqualTo("\"" + Long.toHexString(1_700_000_000L) + "-3e8\"");
    assertThat(STAT.lastModified()).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
  }

  @Test
  void noValidatorsSendTheWholeFile() {
    assertThat(conditions(null, null, null, null).plan(STAT)).isEqualTo(FilePlan.WHOLE);
  }

  @Test
  void aMatchingEtagIsNotModified() {
    assertThat(conditions(ETAG, null, null, null).plan(STAT)).isEqualTo(FilePlan.NOT_MODIFIED);
    assertThat(conditions("\"x\", W/" + ETAG, null, null, null).plan(STAT)).isEqualTo(FilePlan.NOT_MODIFIED);
    assertThat(conditions("*", null, null, null).plan(STAT)).isEqualTo(FilePlan.NOT_MODIFIED);
  }

  @Test
  void anotherEtagSendsTheFile() {
    assertThat(conditions("\"other\"", null, null, null).plan(STAT)).isEqualTo(FilePlan.WHOLE);
  }

  @Test
  void ifModifiedSinceAtOrAfterTheMtimeIsNotModified() {
    assertThat(conditions(null, LAST_MODIFIED, null, null).plan(STAT)).isEqualTo(FilePlan.NOT_MODIFIED);
    assertThat(conditions(null, LATER, null, null).plan(STAT)).isEqualTo(FilePlan.NOT_MODIFIED);
    assertThat(conditions(null, EARLIER, null, null).plan(STAT)).isEqualTo(FilePlan.WHOLE);
    assertThat(conditions(null, "yesterday", null, null).plan(STAT)).isEqualTo(FilePlan.WHOLE);
  }

  @Test
  void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
    assertThat(conditions("\"other\"", LATER, null, null).plan(STAT)).isEqualTo(FilePlan.WHOLE);
    assertThat(conditions(ETAG, EARLIER, null, null).plan(STAT)).isEqualTo(FilePlan.NOT_MODIFIED);
  }

  @Test
  void aRangeIsHonouredWhenIfRangeStillMatches() {
    FilePlan partial = new FilePlan.Partial(new RangeHeader.Slice(0, 10));
    assertThat(conditions(null, null, "bytes=0-9", null).plan(STAT)).isEqualTo(partial);
    assertThat(conditions(null, null, "bytes=0-9", ETAG).plan(STAT)).isEqualTo(partial);
    assertThat(conditions(null, null, "bytes=0-9", LAST_MODIFIED).plan(STAT)).isEqualTo(partial);
  }

  @Test
  void aStaleIfRangeSendsTheWholeFile() {
    assertThat(conditions(null, null, "bytes=0-9", "\"old\"").plan(STAT)).isEqualTo(FilePlan.WHOLE);
    assertThat(conditions(null, null, "bytes=0-9", "W/" + ETAG).plan(STAT)).as("weak tags never match If-Range")
        .isEqualTo(FilePlan.WHOLE);
    assertThat(conditions(null, null, "bytes=0-9", LATER).plan(STAT)).isEqualTo(FilePlan.WHOLE);
  }

  @Test
  void anUnsatisfiableRangeIs416() {
    assertThat(conditions(null, null, "bytes=1000-", null).plan(STAT)).isEqualTo(FilePlan.UNSATISFIABLE);
  }

  private static ConditionalRequest conditions(@Nullable String ifNoneMatch, @Nullable String ifModifiedSince,
      @Nullable String range, @Nullable String ifRange) {
    return new ConditionalRequest(ifNoneMatch, ifModifiedSince, range, ifRange);
  }
}
