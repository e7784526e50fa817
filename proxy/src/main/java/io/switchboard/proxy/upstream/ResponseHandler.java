package io.switchboard.proxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import org.jspecify.annotations.Nullable;

/**
 * Last handler of an upstream connection: hands the aggregated response, or the failure, to the one
 * {@link Exchange} in flight on the connection. Releases every response it reads.
 */
final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
  private final Endpoint endpoint;
  private @Nullable Exchange exchange;

  ResponseHandler(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  void expect(Exchange next) {
    if (exchange != null) {
      throw new IllegalStateException("exchange: already in flight on this connection (expected: none)");
    }
    exchange = next;
  }

  void forget() {
    exchange = null;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
    Exchange current = exchange;
    if (current == null) {
      // An answer nobody asked for: the connection's state is unknown, so it must not be reused.
      ctx.close();
      return;
    }
    if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL && response.decoderResult().isSuccess()) {
      // An interim answer (such as an unsolicited 100 Continue); the real one follows.
      return;
    }
    exchange = null;
    current.complete(response);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Exchange current = exchange;
    exchange = null;
    if (current != null) {
      current.fail(Exchange.kindOf(cause), "exchange with " + endpoint + " failed: " + cause, cause);
    } else {
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange current = exchange;
    exchange = null;
    if (current != null) {
      current.fail(
          UpstreamException.Kind.CLOSED, endpoint + " closed the connection before the response was complete", null);
    }
    ctx.fireChannelInactive();
  }
}
