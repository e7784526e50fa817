package io.switchboard.proxy.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.conf.HttpConfig;
import io.switchboard.proxy.api.ApiHandler;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Builds each front-end connection's pipeline in the order {@link PipelineNames} documents. */
final class SwitchboardInitializer extends ChannelInitializer<Channel> {
  private final HttpConfig http;
  private final ApiHandler api;
  private final @Nullable HostAuthorizationHandler hostAuthorization;

  SwitchboardInitializer(HttpConfig http, String urlHost, ApiHandler api) {
    this.http = http;
    this.api = api;
    this.hostAuthorization = urlHost.isEmpty() ? null : new HostAuthorizationHandler(urlHost);
  }

  @Override
  protected void initChannel(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    addTransportHandlers(pipeline);
    addHttpHandlers(pipeline);
    pipeline.addLast(PipelineNames.API, api);
  }

  private void addTransportHandlers(ChannelPipeline pipeline) {
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
    pipeline.addLast(PipelineNames.AGGREGATOR, new HttpObjectAggregator(http.maxContentLength()));
    pipeline.addLast(PipelineNames.FLOW_CONTROL, new FlowControlHandler());
    if (hostAuthorization != null) {
      pipeline.addLast(PipelineNames.HOST_AUTHORIZATION, hostAuthorization);
    }
  }
}
