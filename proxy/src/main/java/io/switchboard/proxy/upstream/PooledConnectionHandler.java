package io.switchboard.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.pool.ChannelPoolHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of a new upstream connection (TLS for https, HTTP codec, aggregator with the response cap,
 * {@link ResponseHandler}) and closes connections that stay idle in the pool longer than the idle timeout.
 */
final class PooledConnectionHandler implements ChannelPoolHandler {
  private static final String TLS = "tls";
  private static final String CODEC = "codec";
  private static final String AGGREGATOR = "aggregator";
  private static final String RESPONSE = "response";

  private static final AttributeKey<ScheduledFuture<?>> IDLE_CLOSE =
      AttributeKey.valueOf(PooledConnectionHandler.class, "idleClose");

  private final Endpoint endpoint;
  private final SslContext sslContext;
  private final UpstreamLimits limits;

  PooledConnectionHandler(Endpoint endpoint, SslContext sslContext, UpstreamLimits limits) {
    this.endpoint = endpoint;
    this.sslContext = sslContext;
    this.limits = limits;
  }

  @Override
  public void channelCreated(Channel ch) {
    ChannelPipeline pipeline = ch.pipeline();
    if (endpoint.https()) {
      // Host and port give SNI and let the TLS engine verify the certificate against the host name.
      pipeline.addLast(TLS, sslContext.newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
    }
    pipeline.addLast(CODEC, new HttpClientCodec());
    pipeline.addLast(AGGREGATOR, new HttpObjectAggregator(limits.maxResponseBytes()));
    pipeline.addLast(RESPONSE, new ResponseHandler(endpoint));
  }

  @Override
  public void channelAcquired(Channel ch) {
    ScheduledFuture<?> idleClose = ch.attr(IDLE_CLOSE).getAndSet(null);
    if (idleClose != null) {
      idleClose.cancel(false);
    }
  }

  @Override
  public void channelReleased(Channel ch) {
    if (ch.isActive()) {
      ch.attr(IDLE_CLOSE).set(
          ch.eventLoop().schedule(() -> ch.close(), limits.idleTimeout().toNanos(), TimeUnit.NANOSECONDS));
    }
  }
}
