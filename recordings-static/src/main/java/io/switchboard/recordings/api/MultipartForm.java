package io.switchboard.recordings.api;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpData;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one field of a {@code multipart/form-data} body that is already in memory (putRecordingTextTrack's
 * {@code file}) with Netty's multipart decoder, keeping every part in memory and releasing every buffer it made.
 */
final class MultipartForm {
  private MultipartForm() {}

  /**
   * The bytes of the first field called {@code name} (a file or a plain value); empty when there is none.
   *
   * @throws IllegalArgumentException when {@code contentType} is not multipart/form-data with a boundary, or the
   *     body is not valid multipart
   */
  static Optional<byte[]> field(byte[] body, String contentType, String name) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", Unpooled.wrappedBuffer(body));
    HttpPostRequestDecoder decoder = null;
    try {
      request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
      if (!HttpPostRequestDecoder.isMultipart(request)) {
        throw new IllegalArgumentException("Content-Type: '" + contentType + "' (expected: multipart/form-data)");
      }
      decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request, StandardCharsets.UTF_8);
      InterfaceHttpData data = decoder.getBodyHttpData(name);
      if (data instanceof HttpData field) {
        return Optional.of(field.get());
      }
      return Optional.empty();
    } catch (DecoderException | IOException e) {
      throw new IllegalArgumentException("multipart body: " + e.getMessage() + " (expected: multipart/form-data)", e);
    } finally {
      if (decoder != null) {
        decoder.destroy();
      }
      request.release();
    }
  }
}
