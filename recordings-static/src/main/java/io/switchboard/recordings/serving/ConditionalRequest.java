package io.switchboard.recordings.serving;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Date;
import org.jspecify.annotations.Nullable;

/**
 * The validator and range headers of a file request, copied off the request so it can be released, and the pure
 * decision they lead to for a given file (RFC 9110 §13.2.2): {@code If-None-Match} (weak comparison, takes precedence)
 * or else {@code If-Modified-Since} may answer 304; otherwise {@code Range} selects a slice when {@code If-Range} is
 * absent or still matches (strong ETag comparison, or the exact {@code Last-Modified} date).
 */
record ConditionalRequest(
    @Nullable String ifNoneMatch, @Nullable String ifModifiedSince, @Nullable String range, @Nullable String ifRange) {

  static ConditionalRequest of(HttpHeaders headers) {
    return new ConditionalRequest(headers.get(HttpHeaderNames.IF_NONE_MATCH),
        headers.get(HttpHeaderNames.IF_MODIFIED_SINCE), headers.get(HttpHeaderNames.RANGE),
        headers.get(HttpHeaderNames.IF_RANGE));
  }

  /** The answer to these headers for a file with {@code stat}. */
  FilePlan plan(FileStat stat) {
    if (ifNoneMatch != null) {
      if (anyTagMatches(ifNoneMatch, stat.etag())) {
        return FilePlan.NOT_MODIFIED;
      }
    } else if (ifModifiedSince != null) {
      @Nullable Date since = DateFormatter.parseHttpDate(ifModifiedSince);
      if (since != null && stat.lastModifiedSeconds() <= Math.floorDiv(since.getTime(), 1000)) {
        return FilePlan.NOT_MODIFIED;
      }
    }
    if (range == null || (ifRange != null && !ifRangeMatches(ifRange, stat))) {
      return FilePlan.WHOLE;
    }
    return FilePlan.of(RangeHeader.parse(range, stat.size()));
  }

  /** Weak comparison against a comma-separated list of entity tags, or {@code *} (RFC 9110 §13.1.2). */
  private static boolean anyTagMatches(String header, String etag) {
    String opaque = opaque(etag);
    for (String candidate : header.split(",", -1)) {
      String tag = candidate.trim();
      if (tag.equals("*") || opaque(tag).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  /** Strong comparison for an entity tag (a weak one never matches), exact equality for a date (RFC 9110 §13.1.5). */
  private static boolean ifRangeMatches(String header, FileStat stat) {
    String value = header.trim();
    if (value.startsWith("\"") || value.startsWith("W/")) {
      return value.equals(stat.etag());
    }
    @Nullable Date date = DateFormatter.parseHttpDate(value);
    return date != null && date.getTime() == stat.lastModifiedSeconds() * 1000;
  }
}
