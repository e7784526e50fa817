package io.switchboard.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.proxy.upstream.UpstreamException.Kind;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * One call in flight: acquire a pooled connection, wait for TLS, write the request, wait for the aggregated response.
 * Everything runs on {@code loop} (the pool and the connection live there too), so the fields need no
 * synchronisation. {@code done} makes the result complete exactly once and the connection go back exactly once:
 * to the pool after a complete keep-alive response, closed otherwise.
 */
final class Exchange {
  private static final AsciiString USER_AGENT = AsciiString.cached("Switchboard");
  // Bounds the walk down a cause chain, which a misbehaving library could make circular.
  private static final int MAX_CAUSE_DEPTH = 8;

  private final EventLoop loop;
  private final UpstreamRequest request;
  private final Endpoint endpoint;
  private final ChannelPool pool;
  private final CompletableFuture<UpstreamResponse> result;
  private @Nullable Channel channel;
  private @Nullable ScheduledFuture<?> timer;
  private boolean done;

  Exchange(
      EventLoop loop,
      UpstreamRequest request,
      Endpoint endpoint,
      ChannelPool pool,
      CompletableFuture<UpstreamResponse> result) {
    this.loop = loop;
    this.request = request;
    this.endpoint = endpoint;
    this.pool = pool;
    this.result = result;
  }

  void start() {
    // The request's connect timeout covers the whole acquisition (pool slot, DNS, TCP, TLS); the pool's bootstrap is
    // shared by every request to the endpoint, so it cannot carry a per-request CONNECT_TIMEOUT_MILLIS.
    Duration connectTimeout = request.connectTimeout();
    timer = loop.schedule(
        () -> fail(Kind.CONNECT, "no connection to " + endpoint + " within " + connectTimeout.toMillis() + " ms", null),
        connectTimeout.toNanos(),
        TimeUnit.NANOSECONDS);
    Promise<Channel> acquired = loop.newPromise();
    acquired.addListener(f -> onAcquired(acquired));
    pool.acquire(acquired);
  }

  private void onAcquired(Future<Channel> acquired) {
    if (!acquired.isSuccess()) {
      Throwable cause = acquired.cause();
      fail(Kind.CONNECT, "no connection to " + endpoint + ": " + cause, cause);
      return;
    }
    Channel ch = acquired.getNow();
    if (done) {
      // Timed out while waiting; the connection is sound, so it serves the next caller.
      pool.release(ch);
      return;
    }
    channel = ch;
    SslHandler tls = ch.pipeline().get(SslHandler.class);
    if (tls == null) {
      write(ch);
      return;
    }
    tls.handshakeFuture().addListener(handshake -> {
      if (handshake.isSuccess()) {
        write(ch);
      } else {
        Throwable cause = handshake.cause();
        fail(Kind.CONNECT, "TLS handshake with " + endpoint + " failed: " + cause, cause);
      }
    });
  }

  private void write(Channel ch) {
    if (done) {
      return;
    }
    ResponseHandler handler = ch.pipeline().get(ResponseHandler.class);
    if (handler == null) {
      // The pipeline is torn down once a channel closes, e.g. right after its TLS handshake.
      fail(Kind.CLOSED, endpoint + " closed the connection before the request was sent", null);
      return;
    }
    cancelTimer();
    Duration responseTimeout = request.responseTimeout();
    timer = loop.schedule(
        () -> fail(
            Kind.TIMEOUT,
            "no complete response from " + endpoint + " within " + responseTimeout.toMillis() + " ms",
            null),
        responseTimeout.toNanos(),
        TimeUnit.NANOSECONDS);
    handler.expect(this);
    ch.writeAndFlush(newHttpRequest()).addListener(written -> {
      if (!written.isSuccess()) {
        Throwable cause = written.cause();
        fail(kindOf(cause), "cannot send the request to " + endpoint + ": " + cause, cause);
      }
    });
  }

  /** Takes the aggregated response; the caller releases it. */
  void complete(FullHttpResponse response) {
    if (done) {
      return;
    }
    if (response.decoderResult().isFailure()) {
      Throwable cause = response.decoderResult().cause();
      fail(kindOf(cause), endpoint + " sent a malformed response: " + cause, cause);
      return;
    }
    UpstreamResponse answer = new UpstreamResponse(
        response.status().code(), headers(response.headers()), ByteBufUtil.getBytes(response.content()));
    done = true;
    cancelTimer();
    Channel ch = channel;
    if (ch != null) {
      if (HttpUtil.isKeepAlive(response)) {
        pool.release(ch);
      } else {
        closeAndRelease(ch);
      }
    }
    result.complete(answer);
  }

  void fail(Kind kind, String message, @Nullable Throwable cause) {
    if (done) {
      return;
    }
    done = true;
    cancelTimer();
    Channel ch = channel;
    if (ch != null) {
      ResponseHandler handler = ch.pipeline().get(ResponseHandler.class);
      if (handler != null) {
        handler.forget();
      }
      closeAndRelease(ch);
    }
    result.completeExceptionally(new UpstreamException(kind, message, cause));
  }

  /** What a failure on an established connection means for the caller. */
  static Kind kindOf(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof TooLongFrameException) {
        return Kind.TOO_LARGE;
      }
      if (t instanceof SSLException) {
        return Kind.PROTOCOL;
      }
      if (t instanceof PrematureChannelClosureException || t instanceof IOException) {
        return Kind.CLOSED;
      }
    }
    return Kind.PROTOCOL;
  }

  private void closeAndRelease(Channel ch) {
    // Release only once closed: TLS closes after its close_notify, and an open channel would pass the health check.
    ch.close().addListener(closed -> pool.release(ch));
  }

  private void cancelTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
      timer = null;
    }
  }

  private FullHttpRequest newHttpRequest() {
    URI uri = request.uri();
    String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    byte[] body = request.body();
    ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    FullHttpRequest httpRequest = new DefaultFullHttpRequest(
        HttpVersion.HTTP_1_1, request.post() ? HttpMethod.POST : HttpMethod.GET, target, content);
    HttpHeaders headers = httpRequest.headers();
    headers.set(HttpHeaderNames.HOST, uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
    headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    headers.set(HttpHeaderNames.USER_AGENT, USER_AGENT);
    if (request.post()) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, request.contentType());
      headers.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    }
    return httpRequest;
  }

  private static Map<String, String> headers(HttpHeaders headers) {
    Map<String, String> byName = new HashMap<>();
    for (Map.Entry<String, String> header : headers) {
      byName.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (first, next) -> first + ", " + next);
    }
    return byName;
  }
}
