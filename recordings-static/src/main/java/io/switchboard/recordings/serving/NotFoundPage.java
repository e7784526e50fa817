package io.switchboard.recordings.serving;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Scalelite's recording-not-found page (app/views/errors/recording_not_found.html.erb with the English texts of
 * config/locales/en.yml, spec §9.10): every playback refusal answers it with 404, whatever the reason, so a client
 * cannot tell a protected recording from a deleted one.
 */
final class NotFoundPage {
  private static final byte[] BODY = ("<!DOCTYPE html>\n"
      + "<html lang=\"en\">\n"
      + "  <head>\n"
      + "    <title>Recording Not Found</title>\n"
      + "  </head>\n"
      + "  <body>\n"
      + "    <h1 style=\"text-align: center;\">Recording Not Found</h1>\n"
      + "    <h3 style=\"text-align: center;\">The recording URL is invalid. This recording may have been either"
      + " protected or deleted.</h3>\n"
      + "    <hr>\n"
      + "  </body>\n"
      + "</html>\n").getBytes(StandardCharsets.UTF_8);

  private static final ByteBuf SHARED = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(BODY).asReadOnly());

  private NotFoundPage() {}

  /** The page as a buffer of its own indices over shared, read-only, unreleasable bytes. */
  static ByteBuf content() {
    return SHARED.duplicate();
  }

  static int length() {
    return BODY.length;
  }
}
