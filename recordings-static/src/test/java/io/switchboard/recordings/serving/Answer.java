package io.switchboard.recordings.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One response read off an EmbeddedChannel's outbound queue, whatever shape it was written in — a full response, a
 * head with a {@link FileRegion} and the last content (sendfile), or a head with chunks (TLS) — with every message
 * released and the region's bytes transferred out as sendfile would.
 */
record Answer(int status, HttpHeaders headers, byte[] body, Body kind) {
  enum Body { FULL, FILE_REGION, CHUNKS }

  static FullHttpRequest request(HttpMethod method, String target, String... headerPairs) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target, Unpooled.buffer(0));
    for (int i = 0; i < headerPairs.length; i += 2) {
      request.headers().add(headerPairs[i], headerPairs[i + 1]);
    }
    return request;
  }

  static FullHttpRequest get(String target, String... headerPairs) {
    return request(HttpMethod.GET, target, headerPairs);
  }

  static Answer read(EmbeddedChannel channel) {
    Object first = channel.readOutbound();
    assertThat(first).as("a response was written").isInstanceOf(HttpResponse.class);
    if (first instanceof FullHttpResponse full) {
      try {
        return new Answer(full.status().code(), full.headers(), ByteBufUtil.getBytes(full.content()), Body.FULL);
      } finally {
        full.release();
      }
    }
    HttpResponse head = (HttpResponse) first;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Body kind = null;
    for (Object next = channel.readOutbound(); ; next = channel.readOutbound()) {
      assertThat(next).as("the response was completed").isNotNull();
      if (next instanceof FileRegion region) {
        kind = Body.FILE_REGION;
        transfer(region, bytes);
        continue;
      }
      HttpContent content = (HttpContent) next;
      try {
        if (content.content().isReadable()) {
          kind = kind == null ? Body.CHUNKS : kind;
          bytes.writeBytes(ByteBufUtil.getBytes(content.content()));
        }
      } finally {
        content.release();
      }
      if (content instanceof LastHttpContent) {
        return new Answer(head.status().code(), head.headers(), bytes.toByteArray(), kind == null ? Body.FULL : kind);
      }
    }
  }

  private static void transfer(FileRegion region, ByteArrayOutputStream bytes) {
    try (WritableByteChannel sink = Channels.newChannel(bytes)) {
      while (region.transferred() < region.count()) {
        region.transferTo(sink, region.transferred());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      region.release();
    }
  }

  @Nullable String header(CharSequence name) {
    return headers.get(name);
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
