package io.switchboard.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Ends connections that stop halfway: a request whose body stops arriving gets 408 when the connection goes idle, and
 * 400 when the client shuts its side before the body is complete; an idle connection between requests is closed.
 */
final class StalledRequestHandler extends ChannelInboundHandlerAdapter {
  private boolean inRequest;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      inRequest = true;
    }
    if (msg instanceof LastHttpContent) {
      inRequest = false;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      if (inRequest) {
        Rejections.rejectAndClose(ctx, HttpResponseStatus.REQUEST_TIMEOUT);
      } else {
        ctx.close();
      }
      return;
    }
    if (event instanceof ChannelInputShutdownEvent && inRequest) {
      Rejections.rejectAndClose(ctx, HttpResponseStatus.BAD_REQUEST);
      return;
    }
    ctx.fireUserEventTriggered(event);
  }
}
