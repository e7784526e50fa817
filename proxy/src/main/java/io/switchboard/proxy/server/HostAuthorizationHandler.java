package io.switchboard.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.proxy.health.HealthHandler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Refuses requests addressed to another host than URL_HOST with 403, as Scalelite's Rails host authorization does
 * (spec §3.1), so a DNS name pointed at Switchboard by mistake or malice is not served. Health checks (Scalelite's
 * rule: any path containing {@code health_check}) and the {@code /livez} and {@code /readyz} probes pass whatever their
 * Host, because load balancers and orchestrators probe by address. Installed only when
 * {@code switchboard.api.url-host} is set. Under multitenancy, where each tenant is a subdomain, the domain and every
 * name under it are allowed (Rails' {@code .URL_HOST}).
 */
@Sharable
final class HostAuthorizationHandler extends ChannelInboundHandlerAdapter {
  private final String allowedHost;
  private final @Nullable String allowedSuffix;

  /** @param subdomains whether every subdomain of {@code allowedHost} is allowed too */
  HostAuthorizationHandler(String allowedHost, boolean subdomains) {
    this.allowedHost = allowedHost.toLowerCase(Locale.ROOT);
    this.allowedSuffix = subdomains ? "." + this.allowedHost : null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request) || allowed(request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String host = request.headers().get(HttpHeaderNames.HOST, "");
    ReferenceCountUtil.release(msg);
    byte[] body = ("Blocked host: " + host + "\n").getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
        Unpooled.wrappedBuffer(body));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.writeAndFlush(response);
  }

  private boolean allowed(HttpRequest request) {
    if (request.uri().contains("health_check") || HealthHandler.bypassesHostAuthorization(pathOf(request.uri()))) {
      return true;
    }
    String host = hostName(request.headers().get(HttpHeaderNames.HOST, ""));
    return host.equals(allowedHost)
        || (allowedSuffix != null && host.length() > allowedSuffix.length() && host.endsWith(allowedSuffix));
  }

  private static String pathOf(String uri) {
    int question = uri.indexOf('?');
    return question < 0 ? uri : uri.substring(0, question);
  }

  /** The host of a Host header without its port: {@code example.com:8443} and {@code [::1]:80} have one. */
  static String hostName(String hostHeader) {
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }
}
