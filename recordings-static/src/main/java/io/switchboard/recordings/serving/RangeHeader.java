package io.switchboard.recordings.serving;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code Range} request header asks of a file of a known length (RFC 9110 §14.2): the whole file, one slice of
 * it, or nothing it has. Only single byte ranges are honoured ({@code bytes=a-b}, {@code bytes=a-},
 * {@code bytes=-n}); a header with several ranges, another unit or bad syntax is ignored — the whole file is sent,
 * which RFC 9110 allows — so that no request can make the server build multipart bodies.
 */
sealed interface RangeHeader permits RangeHeader.Whole, RangeHeader.Slice, RangeHeader.Unsatisfiable {
  Whole WHOLE = new Whole();
  Unsatisfiable UNSATISFIABLE = new Unsatisfiable();

  /** Send the whole file with 200. */
  record Whole() implements RangeHeader {}

  /** Send {@code length} bytes from {@code start} with 206; never empty, never past the end of the file. */
  record Slice(long start, long length) implements RangeHeader {
    public Slice {
      if (start < 0 || length < 1) {
        throw new IllegalArgumentException("slice: " + start + "+" + length + " (expected: start >= 0, length >= 1)");
      }
    }

    /** The last byte's position, as {@code Content-Range} writes it. */
    long end() {
      return start + length - 1;
    }
  }

  /** Answer 416 with {@code Content-Range: bytes *}{@code /<length>}: no byte of the file is in the range. */
  record Unsatisfiable() implements RangeHeader {}

  /** What {@code header} (absent = null) asks of a file of {@code length} bytes. */
  static RangeHeader parse(@Nullable String header, long length) {
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
      return WHOLE;
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0 || spec.indexOf(',') >= 0) {
      return WHOLE;
    }
    String first = spec.substring(0, dash).trim();
    String last = spec.substring(dash + 1).trim();
    if (first.isEmpty()) {
      return suffix(digits(last), length);
    }
    long start = digits(first);
    long end = last.isEmpty() ? Long.MAX_VALUE : digits(last);
    if (start < 0 || end < 0 || end < start) {
      return WHOLE;
    }
    if (start >= length) {
      return UNSATISFIABLE;
    }
    return new Slice(start, Math.min(end, length - 1) - start + 1);
  }

  private static RangeHeader suffix(long suffixLength, long length) {
    if (suffixLength < 0) {
      return WHOLE;
    }
    if (suffixLength == 0) {
      return UNSATISFIABLE;
    }
    // An empty file has no last n bytes to slice; RFC 9110 counts a non-zero suffix as satisfiable, so send it whole.
    if (length == 0) {
      return WHOLE;
    }
    long start = Math.max(0, length - suffixLength);
    return new Slice(start, length - start);
  }

  /** The decimal value of {@code text}; -1 when it is not only digits; {@code Long.MAX_VALUE} when it overflows. */
  private static long digits(String text) {
    if (text.isEmpty()) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
        value = Long.MAX_VALUE;
      } else {
        value = value * 10 + (c - '0');
      }
    }
    return value;
  }
}
