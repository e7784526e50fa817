package io.switchboard.proxy.status;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.conf.StatusPageConfig;
import io.switchboard.proxy.metrics.BasicAuthentication;
import io.switchboard.storage.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page: {@code GET /status} is the page, {@code GET /status/data} the JSON snapshot its script polls. Both
 * require HTTP Basic authentication as {@code admin}; the page is only installed when a password is configured. The
 * snapshot reads the stores asynchronously and the failed directory on {@code disk}, so the event loop never waits.
 */
@Sharable
public final class StatusPageHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(StatusPageHandler.class);
  static final String PAGE = "/status";
  static final String DATA = "/status/data";
  private static final int FAILURES_SHOWN = 20;

  private final BasicAuthentication authentication;
  private final Stores stores;
  private final ImportFailures failures;
  private final Executor disk;
  private final Clock clock;
  private final byte[] page;

  /**
   * @param failedDir the importer's failed directory, or empty when recordings are disabled
   * @param disk where the failed directory is read
   */
  public StatusPageHandler(StatusPageConfig config, Stores stores, Optional<Path> failedDir, Executor disk,
      Clock clock) {
    this.authentication = new BasicAuthentication(StatusPageConfig.USER,
        config.password().orElseThrow(() -> new IllegalArgumentException("the status page needs a password")),
        "Switchboard status");
    this.stores = stores;
    this.failures = new ImportFailures(failedDir, FAILURES_SHOWN);
    this.disk = disk;
    this.clock = clock;
    this.page = resource("status.html");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String path = pathOf(request.uri());
    if (!path.equals(PAGE) && !path.equals(PAGE + "/") && !path.equals(DATA)) {
      ctx.fireChannelRead(msg);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    ReferenceCountUtil.release(msg);
    if (!request.method().equals(HttpMethod.GET)) {
      FullHttpResponse refused = response(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
          "Only GET is allowed here.\n".getBytes(StandardCharsets.UTF_8));
      refused.headers().set(HttpHeaderNames.ALLOW, "GET");
      write(ctx, refused, keepAlive);
      return;
    }
    if (!authentication.accepts(request)) {
      FullHttpResponse challenge = response(HttpResponseStatus.UNAUTHORIZED, "text/plain; charset=utf-8",
          "Authentication required.\n".getBytes(StandardCharsets.UTF_8));
      challenge.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, authentication.challenge());
      write(ctx, challenge, keepAlive);
      return;
    }
    if (!path.equals(DATA)) {
      write(ctx, response(HttpResponseStatus.OK, "text/html; charset=utf-8", page), keepAlive);
      return;
    }
    ctx.channel().config().setAutoRead(false);
    snapshot().whenComplete((json, failure) -> ctx.executor().execute(() -> {
      ctx.channel().config().setAutoRead(true);
      if (failure != null) {
        log.warn("status snapshot failed: {}", failure.toString());
        write(ctx, response(HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json",
            "{\"error\":\"the status could not be read\"}".getBytes(StandardCharsets.UTF_8)), keepAlive);
      } else {
        write(ctx, response(HttpResponseStatus.OK, "application/json", json), keepAlive);
      }
    }));
  }

  private CompletionStage<byte[]> snapshot() {
    CompletableFuture<List<ImportFailures.Failure>> recentFailures = CompletableFuture.supplyAsync(() -> {
      try {
        return failures.recent();
      } catch (IOException unreadable) {
        throw new UncheckedIOException(unreadable);
      }
    }, disk);
    return stores.servers().all().thenCompose(servers -> stores.load().snapshot().thenCompose(loads ->
        stores.meetings().all().thenCombine(recentFailures, (meetings, failed) ->
            StatusSnapshot.json(StatusSnapshot.of(clock.instant(), servers, loads, meetings, failed)))));
  }

  private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
        .set("X-Content-Type-Options", "nosniff")
        .set("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
            + "connect-src 'self'; frame-ancestors 'none'")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }

  private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    if (!ctx.channel().isActive()) {
      response.release();
      return;
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = StatusPageHandler.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  private static String pathOf(String uri) {
    int question = uri.indexOf('?');
    return question < 0 ? uri : uri.substring(0, question);
  }
}
