package io.switchboard.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

class StalledRequestHandlerTest {

  private static EmbeddedChannel startedRequest() {
    EmbeddedChannel channel = new EmbeddedChannel(new StalledRequestHandler());
    channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/bigbluebutton/api/create"));
    channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[] {'<'})));
    drainInbound(channel);
    return channel;
  }

  private static void drainInbound(EmbeddedChannel channel) {
    for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
      ReferenceCountUtil.release(msg);
    }
  }

  @Test
  void idleInTheMiddleOfABodyIs408AndClose() {
    EmbeddedChannel channel = startedRequest();

    channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.REQUEST_TIMEOUT);
    assertThat(channel.isOpen()).isFalse();
    response.release();
  }

  @Test
  void clientShuttingItsSideMidBodyIs400AndClose() {
    EmbeddedChannel channel = startedRequest();

    channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(channel.isOpen()).isFalse();
    response.release();
  }

  @Test
  void idleBetweenRequestsClosesQuietly() {
    EmbeddedChannel channel = startedRequest();
    channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
    drainInbound(channel);

    channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

    assertThat(channel.<Object>readOutbound()).isNull();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void completeRequestsPassUntouched() {
    EmbeddedChannel channel = startedRequest();
    channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
    drainInbound(channel);

    channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

    assertThat(channel.<Object>readOutbound()).isNull();
    assertThat(channel.isOpen()).isTrue();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }
}
