package io.switchboard.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The open front-end connections and, for each, how many requests it has received but not yet answered, so a
 * graceful shutdown can {@link #drain()} them: idle connections are closed at once, a busy one once its last answer is
 * written — that answer carries {@code Connection: close} when it can still be added — and a connection accepted
 * while draining is closed after its first answer. Each connection's {@link Tracker} sits between the keep-alive
 * handler and the aggregator ({@link PipelineNames#IN_FLIGHT}) and touches its counts on its own event loop only.
 */
final class Connections {
  private final Set<Tracker> open = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private volatile boolean draining;

  /** A new connection's tracker, for its pipeline. */
  Tracker newTracker() {
    return new Tracker();
  }

  /**
   * Closes every idle connection and every busy one once it has answered what it received; the stage completes once
   * no connection is left open. Call it after the listener is closed, or new connections keep it from completing.
   */
  CompletableFuture<Void> drain() {
    draining = true;
    for (Tracker tracker : open) {
      tracker.drain();
    }
    completeIfDrained();
    return drained;
  }

  /** The connections still open. */
  int size() {
    return open.size();
  }

  /**
   * Cuts every connection still open, answered or not, and waits until they are closed, so nothing is written to them
   * afterwards. Blocks: call it from a thread that is no event loop.
   */
  void closeAll() {
    List<ChannelFuture> closing = new ArrayList<>();
    for (Tracker tracker : open) {
      closing.add(tracker.channel().close());
    }
    closing.forEach(ChannelFuture::syncUninterruptibly);
  }

  private void completeIfDrained() {
    if (draining && open.isEmpty()) {
      drained.complete(null);
    }
  }

  /** One connection's count of requests received and not yet answered. */
  final class Tracker extends ChannelDuplexHandler {
    private @Nullable Channel channel;
    // Touched on the connection's event loop only.
    private int unanswered;
    private boolean closeWhenAnswered;

    private Tracker() {}

    private Channel channel() {
      Channel current = channel;
      if (current == null) {
        throw new IllegalStateException("the tracker is not in a pipeline");
      }
      return current;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      Channel added = ctx.channel();
      channel = added;
      open.add(this);
      added.closeFuture().addListener(closed -> {
        open.remove(this);
        completeIfDrained();
      });
      if (draining) {
        // Accepted just before the listener closed: its client may already have sent a request, so answer that one.
        closeWhenAnswered = true;
      }
    }

    private void drain() {
      Channel current = channel();
      current.eventLoop().execute(() -> {
        closeWhenAnswered = true;
        if (unanswered == 0) {
          current.close();
        }
      });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        unanswered++;
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
        ctx.write(msg, promise);
        return;
      }
      if (msg instanceof HttpResponse response && closeWhenAnswered && unanswered <= 1) {
        // HttpServerKeepAliveHandler, closer to the socket, closes the connection once this answer is written.
        HttpUtil.setKeepAlive(response, false);
      }
      if (msg instanceof LastHttpContent) {
        unanswered = Math.max(0, unanswered - 1);
        if (closeWhenAnswered && unanswered == 0) {
          ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
          return;
        }
      }
      ctx.write(msg, promise);
    }
  }
}
