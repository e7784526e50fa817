package io.switchboard.proxy.metrics;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Answers Prometheus' scrape of the configured path ({@code GET}/{@code HEAD}) with the registry in the text exposition
 * format, behind HTTP Basic authentication when a password is configured; other paths go on to the next handler.
 * Scraping walks the registry in memory, so it runs on the event loop.
 */
@Sharable
public final class MetricsHandler extends ChannelInboundHandlerAdapter {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final SwitchboardMetrics metrics;
  private final String path;
  private final Optional<BasicAuthentication> authentication;

  public MetricsHandler(SwitchboardMetrics metrics, String path, Optional<BasicAuthentication> authentication) {
    this.metrics = metrics;
    this.path = path;
    this.authentication = authentication;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request) || !pathOf(request.uri()).equals(path)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      FullHttpResponse response;
      if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
        response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Only GET and HEAD are allowed here.\n");
        response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
      } else if (authentication.isPresent() && !authentication.get().accepts(request)) {
        response = text(HttpResponseStatus.UNAUTHORIZED, "Authentication required.\n");
        response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, authentication.get().challenge());
      } else {
        response = text(HttpResponseStatus.OK, metrics.scrape());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        if (request.method().equals(HttpMethod.HEAD)) {
          int length = response.content().readableBytes();
          response.content().clear();
          response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, length);
        }
      }
      HttpUtil.setKeepAlive(response, keepAlive);
      var written = ctx.writeAndFlush(response);
      if (!keepAlive) {
        written.addListener(ChannelFutureListener.CLOSE);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private static FullHttpResponse text(HttpResponseStatus status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return response;
  }

  private static String pathOf(String uri) {
    int question = uri.indexOf('?');
    return question < 0 ? uri : uri.substring(0, question);
  }
}
