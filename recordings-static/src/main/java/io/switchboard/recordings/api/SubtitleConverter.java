package io.switchboard.recordings.api;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an uploaded text track into WebVTT (bbb-api §5.12): a WebVTT file is kept byte for byte; a SubRip (SRT) file
 * gets the {@code WEBVTT} header, its timings written with {@code .} before the milliseconds and two-digit hours, and
 * its SRT-only coordinates dropped; anything else is refused. Pure.
 */
final class SubtitleConverter {
  private static final Pattern SRT_TIMING = Pattern.compile(
      "(?m)^[ \\t]*(\\d{1,3}):(\\d{2}):(\\d{2})[,.](\\d{3})[ \\t]*-->[ \\t]*(\\d{1,3}):(\\d{2}):(\\d{2})[,.](\\d{3})[^\\n]*$");
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private SubtitleConverter() {}

  /** The track as WebVTT; empty when it is neither WebVTT nor SRT (no line with an SRT timing). */
  static Optional<byte[]> toWebVtt(byte[] upload) {
    String text = new String(upload, StandardCharsets.UTF_8);
    if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
      text = text.substring(1);
    }
    if (isWebVtt(text)) {
      return Optional.of(upload);
    }
    text = text.replace("\r\n", "\n").replace('\r', '\n');
    Matcher timing = SRT_TIMING.matcher(text);
    StringBuilder body = new StringBuilder(text.length() + 16);
    boolean found = false;
    while (timing.find()) {
      found = true;
      timing.appendReplacement(body, Matcher.quoteReplacement(
          timestamp(timing, 1) + " --> " + timestamp(timing, 5)));
    }
    if (!found) {
      return Optional.empty();
    }
    timing.appendTail(body);
    String cues = body.toString().strip();
    return Optional.of(("WEBVTT\n\n" + cues + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The WebVTT signature: {@code WEBVTT} alone on its line or followed by a space or tab. */
  private static boolean isWebVtt(String text) {
    if (!text.startsWith("WEBVTT")) {
      return false;
    }
    if (text.length() == 6) {
      return true;
    }
    char next = text.charAt(6);
    return next == ' ' || next == '\t' || next == '\n' || next == '\r';
  }

  private static String timestamp(Matcher timing, int firstGroup) {
    String hours = timing.group(firstGroup);
    return (hours.length() == 1 ? "0" + hours : hours) + ":" + timing.group(firstGroup + 1) + ":"
        + timing.group(firstGroup + 2) + "." + timing.group(firstGroup + 3);
  }
}
