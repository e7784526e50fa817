package io.switchboard.proxy.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Answers a request the HTTP codec could not decode — a malformed request line, a request line or headers over the
 * limits — with 400, 414 or 431, and ends the connection without passing a half-decoded request on.
 *
 * <p>The close lingers, as NGINX's does: the answer goes out, our side shuts, and what the client is still sending is
 * read and dropped for a moment. Closing a socket with unread bytes makes the kernel reset the connection, and the
 * client would see the reset instead of the answer.
 */
final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {
  static final long LINGER_MILLIS = 2_000;

  private boolean rejected;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (rejected) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!(msg instanceof HttpObject object) || object.decoderResult().isSuccess()) {
      ctx.fireChannelRead(msg);
      return;
    }
    Throwable cause = object.decoderResult().cause();
    ReferenceCountUtil.release(msg);
    rejected = true;
    Rejections.respond(ctx, statusFor(cause)).addListener((ChannelFutureListener) written -> linger(ctx));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (rejected && event instanceof ChannelInputShutdownEvent) {
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  private static void linger(ChannelHandlerContext ctx) {
    if (!(ctx.channel() instanceof DuplexChannel duplex) || !ctx.channel().isActive()) {
      ctx.close();
      return;
    }
    duplex.shutdownOutput().addListener(shut -> {
      ctx.channel().config().setAutoRead(true);
      ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    });
  }

  static HttpResponseStatus statusFor(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return HttpResponseStatus.REQUEST_URI_TOO_LONG;
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    if (cause instanceof TooLongFrameException) {
      return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
    }
    return HttpResponseStatus.BAD_REQUEST;
  }
}
