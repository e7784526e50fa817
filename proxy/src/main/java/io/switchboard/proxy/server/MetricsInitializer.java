package io.switchboard.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.conf.HttpConfig;
import io.switchboard.proxy.metrics.MetricsHandler;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of the metrics listener ({@code switchboard.metrics.port} other than 0): plain HTTP with the main
 * listener's limits, the scrape endpoint, and 404 for everything else — nothing of the BBB API is reachable there.
 */
final class MetricsInitializer extends ChannelInitializer<Channel> {
  private static final int MAX_SCRAPE_REQUEST = 8192;
  private static final String NOT_FOUND = "not-found";

  private final HttpConfig http;
  private final MetricsHandler metrics;

  MetricsInitializer(HttpConfig http, MetricsHandler metrics) {
    this.http = http;
    this.metrics = metrics;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline()
        .addLast(PipelineNames.IDLE, new IdleStateHandler(0, 0, http.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec(new HttpDecoderConfig()
            .setMaxInitialLineLength(http.maxInitialLineLength())
            .setMaxHeaderSize(http.maxHeaderSize())))
        .addLast(PipelineNames.MALFORMED, new MalformedRequestHandler())
        .addLast(PipelineNames.KEEP_ALIVE, new HttpServerKeepAliveHandler())
        .addLast(PipelineNames.AGGREGATOR, new HttpObjectAggregator(MAX_SCRAPE_REQUEST))
        .addLast(PipelineNames.METRICS, metrics)
        .addLast(NOT_FOUND, NotFound.INSTANCE);
  }

  /** Whatever is not a scrape. */
  @Sharable
  private static final class NotFound extends ChannelInboundHandlerAdapter {
    static final NotFound INSTANCE = new NotFound();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
      Rejections.rejectAndClose(ctx, HttpResponseStatus.NOT_FOUND);
    }
  }
}
