package io.switchboard.recordings.serving;

import io.netty.util.AsciiString;
import java.util.Locale;
import java.util.Set;

/**
 * The headers a served file gets beyond its validators: {@code Content-Disposition: attachment} for the recording
 * formats Scalelite does not play in the browser (all but presentation, video and screenshare, spec §9.10), and a
 * modest {@code Cache-Control}. HTML (player shells, format index pages) is revalidated on every use
 * ({@code no-cache}) so a republished or deleted recording is noticed at once; media and other assets may be reused
 * for an hour, a short enough window after an unpublish. Files of protected recordings are {@code private}: no shared
 * cache may hand them to a client without the cookie.
 */
record FilePolicy(boolean attachment, boolean privateCache) {
  /** Player apps and unprotected recordings of formats played in the browser. */
  static final FilePolicy PUBLIC_INLINE = new FilePolicy(false, false);

  private static final Set<String> INLINE_FORMATS = Set.of("presentation", "video", "screenshare");
  private static final AsciiString ATTACHMENT = AsciiString.cached("attachment");
  private static final AsciiString PUBLIC_HTML = AsciiString.cached("no-cache");
  private static final AsciiString PRIVATE_HTML = AsciiString.cached("private, no-cache");
  private static final AsciiString PUBLIC_ASSET = AsciiString.cached("public, max-age=3600");
  private static final AsciiString PRIVATE_ASSET = AsciiString.cached("private, max-age=3600");

  static FilePolicy forRecording(String format, boolean protectedRecording) {
    return new FilePolicy(!INLINE_FORMATS.contains(format), protectedRecording);
  }

  static AsciiString attachmentValue() {
    return ATTACHMENT;
  }

  AsciiString cacheControl(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    boolean html = lower.endsWith(".html") || lower.endsWith(".htm");
    if (html) {
      return privateCache ? PRIVATE_HTML : PUBLIC_HTML;
    }
    return privateCache ? PRIVATE_ASSET : PUBLIC_ASSET;
  }
}
