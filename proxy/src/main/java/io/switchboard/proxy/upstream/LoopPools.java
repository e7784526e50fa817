package io.switchboard.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetSocketAddress;

/**
 * The connection pools of one event loop, one {@link FixedChannelPool} per endpoint. Every pool bootstraps on that
 * loop, so the pool, its channels and the exchanges using them share one thread and need no locks.
 */
final class LoopPools extends AbstractChannelPoolMap<Endpoint, FixedChannelPool> {
  private final EventLoop loop;
  private final UpstreamTransport transport;
  private final UpstreamLimits limits;
  private final SslContext sslContext;
  private final AddressResolverGroup<InetSocketAddress> resolver;

  LoopPools(
      EventLoop loop,
      UpstreamTransport transport,
      UpstreamLimits limits,
      SslContext sslContext,
      AddressResolverGroup<InetSocketAddress> resolver) {
    this.loop = loop;
    this.transport = transport;
    this.limits = limits;
    this.sslContext = sslContext;
    this.resolver = resolver;
  }

  @Override
  protected FixedChannelPool newPool(Endpoint endpoint) {
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(transport.socketChannelType())
        .resolver(resolver)
        .remoteAddress(InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port()))
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) limits.maxConnectTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true);
    return new FixedChannelPool(
        bootstrap,
        new PooledConnectionHandler(endpoint, sslContext, limits),
        ChannelHealthChecker.ACTIVE,
        FixedChannelPool.AcquireTimeoutAction.FAIL,
        limits.maxConnectTimeout().toMillis(),
        limits.maxConnectionsPerServer(),
        limits.maxPendingAcquiresPerServer(),
        true,
        // Most recently used first, so surplus connections stay idle and time out.
        true);
  }
}
