package io.switchboard.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How a draining shutdown treats each connection, by what the connection has received and answered. */
class ConnectionsTest {
  private final Connections connections = new Connections();

  private EmbeddedChannel connection() {
    return new EmbeddedChannel(connections.newTracker());
  }

  private static void receive(EmbeddedChannel channel, String uri) {
    channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri));
    channel.<DefaultFullHttpRequest>readInbound().release();
  }

  private static FullHttpResponse answer(HttpResponseStatus status) {
    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer("answer", StandardCharsets.UTF_8));
  }

  /** Writes {@code response} and returns it as it left the tracker. */
  private static FullHttpResponse send(EmbeddedChannel channel, FullHttpResponse response) {
    channel.writeOutbound(response);
    FullHttpResponse sent = channel.readOutbound();
    sent.release();
    return sent;
  }

  @Test
  void idleConnectionsAreClosedAtOnce() {
    EmbeddedChannel idle = connection();
    EmbeddedChannel answered = connection();
    receive(answered, "/readyz");
    send(answered, answer(HttpResponseStatus.OK));

    CompletableFuture<Void> drained = connections.drain();
    idle.runPendingTasks();
    answered.runPendingTasks();

    assertThat(idle.isOpen()).isFalse();
    assertThat(answered.isOpen()).isFalse();
    assertThat(drained).isCompleted();
    assertThat(connections.size()).isZero();
  }

  @Test
  void aBusyConnectionClosesOnceItsLastAnswerIsWrittenAndThatAnswerSaysSo() {
    EmbeddedChannel busy = connection();
    receive(busy, "/bigbluebutton/api/create");
    receive(busy, "/readyz");

    CompletableFuture<Void> drained = connections.drain();
    busy.runPendingTasks();
    assertThat(busy.isOpen()).as("two requests unanswered").isTrue();

    FullHttpResponse first = send(busy, answer(HttpResponseStatus.OK));
    assertThat(first.headers().contains(HttpHeaderNames.CONNECTION)).as("a pipelined answer is still to come")
        .isFalse();
    assertThat(busy.isOpen()).isTrue();
    assertThat(drained).isNotDone();

    FullHttpResponse last = send(busy, answer(HttpResponseStatus.SERVICE_UNAVAILABLE));
    assertThat(last.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo(HttpHeaderValues.CLOSE.toString());
    assertThat(busy.isOpen()).isFalse();
    assertThat(drained).isCompleted();
    assertThat(busy.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aHundredContinueIsNotTheAnswer() {
    EmbeddedChannel busy = connection();
    receive(busy, "/bigbluebutton/api/create");
    connections.drain();
    busy.runPendingTasks();

    FullHttpResponse interim = send(busy, new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));

    assertThat(interim.headers().contains(HttpHeaderNames.CONNECTION)).isFalse();
    assertThat(busy.isOpen()).isTrue();
    send(busy, answer(HttpResponseStatus.OK));
    assertThat(busy.isOpen()).isFalse();
  }

  @Test
  void aConnectionAcceptedWhileDrainingIsClosedAfterItsFirstAnswer() {
    CompletableFuture<Void> drained = connections.drain();
    assertThat(drained).isCompleted();

    EmbeddedChannel late = connection();
    receive(late, "/readyz");
    FullHttpResponse sent = send(late, answer(HttpResponseStatus.SERVICE_UNAVAILABLE));

    assertThat(sent.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo(HttpHeaderValues.CLOSE.toString());
    assertThat(late.isOpen()).isFalse();
  }

  @Test
  void closeAllCutsBusyConnections() {
    EmbeddedChannel busy = connection();
    receive(busy, "/bigbluebutton/api/create");

    connections.closeAll();

    assertThat(busy.isOpen()).isFalse();
    assertThat(connections.size()).isZero();
  }
}
