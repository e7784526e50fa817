package io.switchboard.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MalformedRequestHandlerTest {

  private static EmbeddedChannel channel() {
    return new EmbeddedChannel(
        new HttpServerCodec(new HttpDecoderConfig().setMaxInitialLineLength(100).setMaxHeaderSize(200)),
        new MalformedRequestHandler());
  }

  private static FullHttpResponse send(EmbeddedChannel channel, String raw) {
    channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    // The codec encodes the response on the way out; decode it back with a client-side view of the bytes.
    EmbeddedChannel client = new EmbeddedChannel(new io.netty.handler.codec.http.HttpClientCodec(),
        new io.netty.handler.codec.http.HttpObjectAggregator(1024));
    Object bytes;
    while ((bytes = channel.readOutbound()) != null) {
      client.writeInbound(bytes);
    }
    FullHttpResponse response = client.readInbound();
    client.finishAndReleaseAll();
    return response;
  }

  @Test
  void goodRequestsPassThrough() {
    EmbeddedChannel channel = channel();

    channel.writeInbound(Unpooled.copiedBuffer("GET /health_check HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));

    HttpRequest request = channel.readInbound();
    assertThat(request.uri()).isEqualTo("/health_check");
    ReferenceCountUtil.release(channel.readInbound());
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void garbageGets400AndNothingPassesOn() {
    EmbeddedChannel channel = channel();

    FullHttpResponse response = send(channel, "NOT HTTP AT ALL\r\n\r\n");

    assertThat(response.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
    assertThat(channel.<Object>readInbound()).isNull();
    response.release();
    channel.finishAndReleaseAll();
  }

  @Test
  void overlongRequestLineGets414() {
    EmbeddedChannel channel = channel();

    FullHttpResponse response = send(channel, "GET /" + "a".repeat(500) + " HTTP/1.1\r\n\r\n");

    assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_URI_TOO_LONG);
    response.release();
    channel.finishAndReleaseAll();
  }

  @Test
  void overlongHeadersGet431() {
    EmbeddedChannel channel = channel();

    FullHttpResponse response = send(channel, "GET / HTTP/1.1\r\nX-A: " + "b".repeat(500) + "\r\n\r\n");

    assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
    response.release();
    channel.finishAndReleaseAll();
  }

  @Test
  void theConnectionClosesAfterTheAnswer() {
    EmbeddedChannel channel = channel();

    send(channel, "NOT HTTP\r\n\r\n").release();

    assertThat(channel.isOpen()).as("EmbeddedChannel cannot half-close, so the handler closes at once").isFalse();
    channel.finishAndReleaseAll();
  }
}
