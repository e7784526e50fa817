package io.switchboard.proxy.api;

import java.nio.charset.StandardCharsets;

/**
 * How an answer went, for the access log and the metrics, read off the answer itself: BBB's {@code messageKey} of a
 * FAILED reply, or {@code ""} for everything else. BBB puts {@code returncode} and {@code messageKey} first in the
 * document, so only the head of a body is looked at — a long getRecordings list is never scanned.
 */
final class ReplyOutcome {
  private static final int HEAD_BYTES = 512;
  private static final String FAILED = "<returncode>FAILED</returncode>";
  private static final String KEY_OPEN = "<messageKey>";
  private static final String KEY_CLOSE = "</messageKey>";
  /** A FAILED reply without a messageKey, as a broken server may send. */
  static final String FAILED_WITHOUT_KEY = "failed";

  private ReplyOutcome() {}

  /** The reply's messageKey when it says FAILED; {@code ""} for a success, a redirect or an empty answer. */
  static String messageKey(ApiResponse reply) {
    byte[] body = reply.body();
    String head = new String(body, 0, Math.min(body.length, HEAD_BYTES), StandardCharsets.ISO_8859_1);
    if (!head.contains(FAILED)) {
      return "";
    }
    int open = head.indexOf(KEY_OPEN);
    int close = open < 0 ? -1 : head.indexOf(KEY_CLOSE, open);
    return close < 0 ? FAILED_WITHOUT_KEY : head.substring(open + KEY_OPEN.length(), close).strip();
  }
}
