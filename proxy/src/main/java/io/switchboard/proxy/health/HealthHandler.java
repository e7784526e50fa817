package io.switchboard.proxy.health;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the health endpoints before any recording route or API call can claim their paths, in plain text:
 * <ul>
 *   <li>{@code /health_check} and {@code /}, any method — Scalelite's check (spec §11.1): always HTTP 200,
 *       {@code success}, or {@code Health Check Failure: <message>} when the stores do not answer their check within
 *       {@link Readiness#TIMEOUT}; monitors read the body;</li>
 *   <li>{@code GET /livez} — 200 {@code ok} while every event loop runs a task ({@link Liveness}), else 503 and
 *       which one did not;</li>
 *   <li>{@code GET /readyz} — 200 {@code ready}, or 503 with the one-line reason ({@link Readiness}), {@code draining}
 *       once shutdown started.</li>
 * </ul>
 * HEAD is answered like GET without the body. Every other request goes on to the next handler. The connection reads
 * nothing more until the answer is written, as with the API's answers, so pipelined answers leave in order.
 */
@Sharable
public final class HealthHandler extends ChannelInboundHandlerAdapter {
  /** Scalelite's health check path. */
  public static final String HEALTH_CHECK_PATH = "/health_check";
  /** The liveness probe's path. */
  public static final String LIVENESS_PATH = "/livez";
  /** The readiness probe's path. */
  public static final String READINESS_PATH = "/readyz";
  static final String HEALTHY = "success";
  static final String FAILURE_PREFIX = "Health Check Failure: ";
  static final String LIVE = "ok";
  static final String READY = "ready";

  private static final Set<String> PROBE_PATHS = Set.of(LIVENESS_PATH, READINESS_PATH);
  private static final Set<String> HEALTH_CHECK_PATHS = Set.of(HEALTH_CHECK_PATH, HEALTH_CHECK_PATH + "/", "/");

  private final Readiness readiness;
  private final Liveness liveness;

  public HealthHandler(Readiness readiness, Liveness liveness) {
    this.readiness = readiness;
    this.liveness = liveness;
  }

  /**
   * Whether host authorization lets a request for {@code path} (no query) through whatever its Host header: the
   * probes of an orchestrator or load balancer address the instance by IP.
   */
  public static boolean bypassesHostAuthorization(String path) {
    return PROBE_PATHS.contains(path);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String path = pathOf(request.uri());
    boolean read = HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method());
    CompletableFuture<Answer> answer;
    if (HEALTH_CHECK_PATHS.contains(path)) {
      answer = readiness.storesHealth().thenApply(HealthHandler::healthCheck);
    } else if (read && path.equals(LIVENESS_PATH)) {
      answer = liveness.check().thenApply(reason -> probe(reason, LIVE));
    } else if (read && path.equals(READINESS_PATH)) {
      answer = readiness.check().thenApply(reason -> probe(reason, READY));
    } else {
      ctx.fireChannelRead(msg);
      return;
    }
    boolean head = HttpMethod.HEAD.equals(request.method());
    ReferenceCountUtil.release(request);
    ctx.channel().config().setAutoRead(false);
    answer.thenAccept(reply -> {
      if (ctx.executor().inEventLoop()) {
        write(ctx, reply, head);
      } else {
        ctx.executor().execute(() -> write(ctx, reply, head));
      }
    });
  }

  private static Answer healthCheck(Optional<String> reason) {
    return new Answer(HttpResponseStatus.OK, reason.map(why -> FAILURE_PREFIX + why).orElse(HEALTHY));
  }

  private static Answer probe(Optional<String> reason, String healthy) {
    return reason.map(why -> new Answer(HttpResponseStatus.SERVICE_UNAVAILABLE, why))
        .orElseGet(() -> new Answer(HttpResponseStatus.OK, healthy));
  }

  private static String pathOf(String uri) {
    int question = uri.indexOf('?');
    return question < 0 ? uri : uri.substring(0, question);
  }

  private static void write(ChannelHandlerContext ctx, Answer answer, boolean head) {
    if (!ctx.channel().isActive()) {
      return;
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.writeAndFlush(response).addListener(written -> {
      if (written.isSuccess()) {
        ctx.channel().config().setAutoRead(true);
      }
    });
  }

  private record Answer(HttpResponseStatus status, String body) {}
}
