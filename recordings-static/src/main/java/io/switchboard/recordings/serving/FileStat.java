package io.switchboard.recordings.serving;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;

/**
 * The size and modification time of a file about to be served, and the validators derived from them: a strong ETag
 * in NGINX's format ({@code "<hex mtime seconds>-<hex size>"}) and the {@code Last-Modified} date (RFC 9110 §8.8).
 */
record FileStat(long size, long lastModifiedMillis) {
  FileStat {
    if (size < 0) {
      throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
    }
  }

  /** Modification time in whole seconds, the precision of HTTP dates. */
  long lastModifiedSeconds() {
    return Math.floorDiv(lastModifiedMillis, 1000);
  }

  String etag() {
    return '"' + Long.toHexString(lastModifiedSeconds()) + '-' + Long.toHexString(size) + '"';
  }

  String lastModified() {
    return DateFormatter.format(new Date(lastModifiedSeconds() * 1000));
  }
}
