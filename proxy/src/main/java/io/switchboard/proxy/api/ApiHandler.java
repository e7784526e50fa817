package io.switchboard.proxy.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import io.switchboard.proxy.logging.AccessLog;
import io.switchboard.proxy.metrics.SwitchboardMetrics;
import io.switchboard.routing.api.ApiCall;
import io.switchboard.routing.api.HttpMethodName;
import io.switchboard.routing.checksum.ChecksumVerifier;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.xml.BbbError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BBB API front door: routes {@code /bigbluebutton/api/*} and everything else the way Scalelite's route table
 * does (spec §2; the health paths are answered before, by {@code io.switchboard.proxy.health.HealthHandler}), checks
 * the Content-Type (§3.2) and the checksum (§3.3) — under multitenancy with the secrets of the tenant the Host names
 * (§3.4) — and hands the call to its {@link ApiAction}. Every outcome a client can cause is BBB XML with HTTP 200; the
 * action's answer is written on the connection's event loop whatever thread completed it.
 */
@Sharable
public final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final String API_PREFIX = "/bigbluebutton/api";
  private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
  private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
  private static final BbbError UNEXPECTED = BbbError.internalError("Switchboard could not answer this request.");
  /** The access-log and metrics name of the API root, whose BBB call name is empty. */
  private static final String INDEX = "index";
  /** The access-log and metrics name of a path or method the API does not route. */
  private static final String UNSUPPORTED = "unsupported";
  private static final ApiResponse NO_CONTENT = new ApiResponse(204, ApiResponse.TEXT, new byte[0], null);

  private final ChecksumVerifier verifier;
  private final List<String> secrets;
  private final boolean getMeetingsDisabled;
  private final Map<ApiCall, ApiAction> actions;
  private final AnalyticsCallbackAction analytics;
  private final @Nullable TenantResolver tenants;
  private final @Nullable SwitchboardMetrics metrics;

  /**
   * @param secrets the load balancer's secrets, which sign every call without multitenancy
   * @param tenants where the tenant of a request is found under multitenancy, whose secrets then sign its calls; null
   *     without multitenancy
   * @param metrics where every answered call is counted and timed, or null
   */
  ApiHandler(ChecksumVerifier verifier, List<String> secrets, boolean getMeetingsDisabled,
      Map<ApiCall, ApiAction> actions, AnalyticsCallbackAction analytics, @Nullable TenantResolver tenants,
      @Nullable SwitchboardMetrics metrics) {
    this.verifier = verifier;
    this.secrets = List.copyOf(secrets);
    this.getMeetingsDisabled = getMeetingsDisabled;
    this.actions = Map.copyOf(actions);
    this.analytics = analytics;
    this.tenants = tenants;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    // One request at a time: pipelined requests wait in the FlowControlHandler until this one is answered, so answers
    // leave in the order the requests came.
    ctx.channel().config().setAutoRead(false);
    long start = System.nanoTime();
    String uri = utf8(request.uri());
    int question = uri.indexOf('?');
    String path = question < 0 ? uri : uri.substring(0, question);
    String rawQuery = question < 0 ? "" : uri.substring(question + 1);

    @Nullable HttpMethodName method = methodOf(request.method());
    @Nullable String callName = callName(path);
    @Nullable ApiCall call = method == null || callName == null ? null : ApiCall.byName(callName).orElse(null);
    if (call == null || !call.methods().contains(method)
        || !actions.containsKey(call) && call != ApiCall.ANALYTICS_CALLBACK) {
      respond(ctx, ApiResponse.error(BbbError.UNSUPPORTED_REQUEST), UNSUPPORTED, null, start);
      return;
    }
    String label = call.callName().isEmpty() ? INDEX : call.callName();
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    boolean post = method == HttpMethodName.POST;
    if (post && request.content().isReadable() && !call.contentTypeRule().accepts(contentType)) {
      respond(ctx, ApiResponse.error(BbbError.UNSUPPORTED_CONTENT_TYPE), label, null, start);
      return;
    }
    byte[] body = ByteBufUtil.getBytes(request.content());
    @Nullable String formBody = post && isForm(contentType) ? new String(body, StandardCharsets.UTF_8) : null;
    Params params = merge(Params.parse(rawQuery), Params.parse(formBody));
    @Nullable String meetingId = params.get("meetingID").orElse(null);
    if (call == ApiCall.ANALYTICS_CALLBACK) {
      // BBB hears 204 at once whatever becomes of the relay, which runs off the event loop (spec §4.9).
      analytics.relay(request.headers().get(HttpHeaderNames.AUTHORIZATION), host(request, ""), params, body,
          contentType);
      respond(ctx, NO_CONTENT, label, meetingId, start);
      return;
    }

    String prefix = urlPrefix(ctx, request);
    if (checksumApplies(call) && tenants != null) {
      // Multitenancy: the Host names the tenant, whose secrets sign the call (spec §3.4).
      tenants.resolve(request.headers().get(HttpHeaderNames.HOST, "")).whenComplete((tenant, failure) ->
          onEventLoop(ctx, () -> {
            if (failure != null) {
              log.warn("{}: tenant lookup failed: {}", call.callName(), failure.toString());
              respond(ctx, ApiResponse.error(UNEXPECTED), label, meetingId, start);
            } else if (tenant.isEmpty()
                || verifier.verify(call.callName(), rawQuery, formBody, tenant.get().secrets()).isEmpty()) {
              respond(ctx, ApiResponse.error(BbbError.CHECKSUM_ERROR), label, meetingId, start);
            } else {
              dispatch(ctx, new ApiRequest(call, post, params, body, contentType, prefix, ctx.channel().eventLoop(),
                  tenant), label, start);
            }
          }));
      return;
    }
    if (checksumApplies(call) && verifier.verify(call.callName(), rawQuery, formBody, secrets).isEmpty()) {
      respond(ctx, ApiResponse.error(BbbError.CHECKSUM_ERROR), label, meetingId, start);
      return;
    }
    dispatch(ctx, new ApiRequest(call, post, params, body, contentType, prefix, ctx.channel().eventLoop(),
        Optional.empty()), label, start);
  }

  /** Runs the call's action and writes its answer on the connection's event loop, whatever thread completes it. */
  private void dispatch(ChannelHandlerContext ctx, ApiRequest apiRequest, String label, long start) {
    ApiCall call = apiRequest.call();
    @Nullable String meetingId = apiRequest.params().get("meetingID").orElse(null);
    CompletionStage<ApiResponse> answer;
    try {
      answer = actions.get(call).handle(apiRequest);
    } catch (RuntimeException bug) {
      log.error("{} failed before answering", call.callName(), bug);
      respond(ctx, ApiResponse.error(UNEXPECTED), label, meetingId, start);
      return;
    }
    answer.whenComplete((response, failure) -> {
      ApiResponse reply = response;
      if (failure != null) {
        // A store that is down (Redis restarting) fails every call: one line each, the stack only when debugging.
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
        log.warn("{} failed: {}", call.callName(), cause.toString());
        log.debug("{} failed", call.callName(), failure);
        reply = ApiResponse.error(UNEXPECTED);
      }
      ApiResponse finalReply = reply;
      onEventLoop(ctx, () -> respond(ctx, finalReply, label, meetingId, start));
    });
  }

  /** Writes the answer and accounts for it: one access line, and the call's count and time by outcome. */
  private void respond(ChannelHandlerContext ctx, ApiResponse reply, String call, @Nullable String meetingId,
      long start) {
    long nanos = System.nanoTime() - start;
    String messageKey = ReplyOutcome.messageKey(reply);
    if (metrics != null) {
      metrics.apiCall(call, messageKey, nanos);
    }
    AccessLog.apiCall(call, meetingId, reply.serverId(), messageKey.isEmpty() ? "success" : messageKey,
        reply.status(), nanos);
    write(ctx, reply);
  }

  private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
    if (ctx.executor().inEventLoop()) {
      task.run();
    } else {
      ctx.executor().execute(task);
    }
  }

  /** A connection that failed under us (reset, closed mid-body) has nobody left to answer: close it quietly. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing {}: {}", ctx.channel(), cause.toString());
    ctx.close();
  }

  private boolean checksumApplies(ApiCall call) {
    return call.checksumRequired() && !(call == ApiCall.GET_MEETINGS && getMeetingsDisabled);
  }

  /** The call name of an API path — {@code ""} for the API root — or null for a path outside the API. */
  static @Nullable String callName(String path) {
    if (!path.startsWith(API_PREFIX)) {
      return null;
    }
    String rest = path.substring(API_PREFIX.length());
    if (rest.isEmpty() || rest.equals("/")) {
      return "";
    }
    if (rest.charAt(0) != '/') {
      return null;
    }
    String name = rest.endsWith("/") ? rest.substring(1, rest.length() - 1) : rest.substring(1);
    return name.isEmpty() || name.indexOf('/') >= 0 ? null : name;
  }

  /**
   * {@code scheme://host[:port]} as the front-end sees Switchboard, for links in answers (spec §9.1): the scheme from
   * {@code X-Forwarded-Proto} (TLS terminated in front of us) or from our own TLS, the host from
   * {@code X-Forwarded-Host} or {@code Host}.
   */
  static String urlPrefix(ChannelHandlerContext ctx, HttpRequest request) {
    String scheme = firstValue(request.headers().get(X_FORWARDED_PROTO));
    if (scheme.isEmpty()) {
      scheme = ctx.pipeline().get(SslHandler.class) != null ? "https" : "http";
    }
    return scheme.toLowerCase(Locale.ROOT) + "://" + host(request, "localhost");
  }

  /** The host the client addressed: the first {@code X-Forwarded-Host}, else {@code Host}, else {@code absent}. */
  private static String host(HttpRequest request, String absent) {
    String host = firstValue(request.headers().get(X_FORWARDED_HOST));
    return host.isEmpty() ? request.headers().get(HttpHeaderNames.HOST, absent) : host;
  }

  private static String firstValue(@Nullable String header) {
    if (header == null) {
      return "";
    }
    int comma = header.indexOf(',');
    return (comma < 0 ? header : header.substring(0, comma)).trim();
  }

  /**
   * The request target as the client's UTF-8. Netty reads the request line byte by byte as ISO-8859-1, so a client that
   * sends raw (unescaped) UTF-8 in the query — browsers and some front-ends do — must be decoded again, or the checksum
   * it computed over those UTF-8 bytes would not match.
   */
  static String utf8(String requestTarget) {
    for (int i = 0; i < requestTarget.length(); i++) {
      if (requestTarget.charAt(i) > 0x7F) {
        return new String(requestTarget.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
    }
    return requestTarget;
  }

  private static @Nullable HttpMethodName methodOf(HttpMethod method) {
    if (HttpMethod.GET.equals(method)) {
      return HttpMethodName.GET;
    }
    return HttpMethod.POST.equals(method) ? HttpMethodName.POST : null;
  }

  private static boolean isForm(String contentType) {
    return contentType.toLowerCase(Locale.ROOT).startsWith(HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.toString());
  }

  /** Query and form parameters as Rails merges them: the body's values win, names keep their first position. */
  private static Params merge(Params query, Params form) {
    return form.isEmpty() ? query : query.withAll(form.asMap());
  }

  private static void write(ChannelHandlerContext ctx, ApiResponse reply) {
    if (!ctx.channel().isActive()) {
      return;
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
    if (reply.status() != HttpResponseStatus.NO_CONTENT.code()) {
      // A 204 has no body, and RFC 9110 forbids it a Content-Length.
      response.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
          .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    }
    if (reply.location() != null) {
      response.headers().set(HttpHeaderNames.LOCATION, reply.location());
    }
    // HttpServerKeepAliveHandler, earlier in the pipeline, closes the connection when the request asked for it.
    ctx.writeAndFlush(response).addListener(written -> {
      if (written.isSuccess()) {
        ctx.channel().config().setAutoRead(true);
      }
    });
  }
}
