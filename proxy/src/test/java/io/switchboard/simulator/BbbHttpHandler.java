package io.switchboard.simulator;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.simulator.BbbApi.Reply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of a simulated server's pipeline: records each aggregated request, then answers it according to
 * the server's {@link SimulatedBbb.Mode}. The aggregated request is released by {@link SimpleChannelInboundHandler}
 * after this returns, so only copied bytes outlive it; SLOW replies are scheduled on the channel's own event loop.
 */
@Sharable
final class BbbHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Reply FAILURE = Reply.text(500, "text/html;charset=utf-8",
      "<html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>");
  private static final Reply BAD_REQUEST = Reply.text(400, "text/plain;charset=utf-8", "Bad Request");

  private final SimulatedBbb server;

  BbbHttpHandler(SimulatedBbb server) {
    this.server = server;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      write(ctx, BAD_REQUEST, false);
      return;
    }
    String uri = request.uri();
    int mark = uri.indexOf('?');
    byte[] body = ByteBufUtil.getBytes(request.content());
    Map<String, String> headers = new LinkedHashMap<>();
    request.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b));
    server.record(new RecordedRequest(request.method().name(), mark < 0 ? uri : uri.substring(0, mark),
        mark < 0 ? "" : uri.substring(mark + 1), body, headers));

    SimulatedBbb.Mode mode = server.mode();
    if (mode == SimulatedBbb.Mode.HANGING) {
      return;
    }
    Reply reply = mode == SimulatedBbb.Mode.FAILING
        ? FAILURE
        : server.api().handle(request.method().name(), uri, request.headers().get(HttpHeaderNames.CONTENT_TYPE), body);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (mode == SimulatedBbb.Mode.SLOW) {
      Duration delay = server.slowDelay();
      ctx.executor().schedule(() -> write(ctx, reply, keepAlive), delay.toNanos(), TimeUnit.NANOSECONDS);
    } else {
      write(ctx, reply, keepAlive);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private static void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    if (!reply.location().isEmpty()) {
      response.headers().set(HttpHeaderNames.LOCATION, reply.location());
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
