package io.switchboard.proxy.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.conf.HttpConfig;
import io.switchboard.proxy.admin.AdminHandler;
import io.switchboard.proxy.api.ApiHandler;
import io.switchboard.proxy.dialin.FsapiHandler;
import io.switchboard.proxy.health.HealthHandler;
import io.switchboard.recordings.serving.RecordingsHandler;
import io.switchboard.recordings.serving.RecordingsServing;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Builds each front-end connection's pipeline in the order {@link PipelineNames} documents. */
final class SwitchboardInitializer extends ChannelInitializer<Channel> {
  private final HttpConfig http;
  private final Connections connections;
  private final HealthHandler health;
  private final ApiHandler api;
  private final @Nullable AdminHandler admin;
  private final @Nullable FsapiHandler dialIn;
  private final @Nullable HostAuthorizationHandler hostAuthorization;
  private final @Nullable RecordingsServing recordings;
  private final @Nullable SslContext tls;
  private final OperatorPages operatorPages;

  /**
   * @param tenantSubdomains whether the subdomains of {@code urlHost} are allowed too (multitenancy)
   * @param connections where each connection is tracked, for a graceful shutdown
   * @param health the health and probe endpoints
   * @param admin the admin API ({@code /scalelite/api/*}), or null for a pipeline without it
   * @param dialIn the FreeSWITCH dial plan API ({@code POST /fsapi}), or null for a pipeline without it
   * @param recordings the recordings' file serving, or null when recordings are disabled
   * @param tls the server's TLS context, or null for plain HTTP
   * @param operatorPages the metrics endpoint and status page this listener serves, if any
   */
  SwitchboardInitializer(HttpConfig http, String urlHost, boolean tenantSubdomains, Connections connections,
      HealthHandler health, @Nullable AdminHandler admin, @Nullable FsapiHandler dialIn, ApiHandler api,
      @Nullable RecordingsServing recordings, @Nullable SslContext tls, OperatorPages operatorPages) {
    this.http = http;
    this.connections = connections;
    this.health = health;
    this.admin = admin;
    this.dialIn = dialIn;
    this.api = api;
    this.hostAuthorization = urlHost.isEmpty() ? null : new HostAuthorizationHandler(urlHost, tenantSubdomains);
    this.recordings = recordings;
    this.tls = tls;
    this.operatorPages = operatorPages;
  }

  @Override
  protected void initChannel(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    addTransportHandlers(channel, pipeline);
    addHttpHandlers(pipeline);
    addApplicationHandlers(pipeline);
  }

  private void addTransportHandlers(Channel channel, ChannelPipeline pipeline) {
    if (tls != null) {
      pipeline.addLast(PipelineNames.TLS, tls.newHandler(channel.alloc()));
    }
    pipeline.addLast(PipelineNames.IDLE,
        new IdleStateHandler(0, 0, http.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
  }

  private void addHttpHandlers(ChannelPipeline pipeline) {
    HttpDecoderConfig decoder = new HttpDecoderConfig()
        .setMaxInitialLineLength(http.maxInitialLineLength())
        .setMaxHeaderSize(http.maxHeaderSize());
    pipeline.addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec(decoder));
    pipeline.addLast(PipelineNames.MALFORMED, new MalformedRequestHandler());
    pipeline.addLast(PipelineNames.STALLED, new StalledRequestHandler());
    pipeline.addLast(PipelineNames.KEEP_ALIVE, new HttpServerKeepAliveHandler());
    pipeline.addLast(PipelineNames.IN_FLIGHT, connections.newTracker());
    pipeline.addLast(PipelineNames.AGGREGATOR, new HttpObjectAggregator(http.maxContentLength()));
    if (tls != null) {
      pipeline.addLast(PipelineNames.CHUNKED_WRITER, new ChunkedWriteHandler());
    }
    pipeline.addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler());
  }

  private void addApplicationHandlers(ChannelPipeline pipeline) {
    // Before host authorization: Prometheus scrapes by IP, and both pages carry their own authentication.
    if (operatorPages.metrics() != null) {
      pipeline.addLast(PipelineNames.METRICS, operatorPages.metrics());
    }
    if (operatorPages.statusPage() != null) {
      pipeline.addLast(PipelineNames.STATUS_PAGE, operatorPages.statusPage());
    }
    if (hostAuthorization != null) {
      pipeline.addLast(PipelineNames.HOST_AUTHORIZATION, hostAuthorization);
    }
    pipeline.addLast(PipelineNames.HEALTH, health);
    if (recordings != null) {
      pipeline.addLast(PipelineNames.RECORDINGS, new RecordingsHandler(recordings));
    }
    if (admin != null) {
      pipeline.addLast(PipelineNames.ADMIN, admin);
    }
    if (dialIn != null) {
      pipeline.addLast(PipelineNames.DIAL_IN, dialIn);
    }
    pipeline.addLast(PipelineNames.API, api);
  }
}
