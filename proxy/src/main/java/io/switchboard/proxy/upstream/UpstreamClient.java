package io.switchboard.proxy.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoop;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.dns.DefaultDnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.switchboard.proxy.upstream.UpstreamException.Kind;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;

/**
 * The HTTP/1.1 client for calls to BigBlueButton servers (scalelite-reference §3.6): API calls proxied by the
 * handlers and the poller's probes. Unlike Scalelite, which opens a connection per call, it keeps keep-alive
 * connections in Netty {@code FixedChannelPool}s, one per (event loop, scheme, host, port), bootstrapped on the
 * caller's event loop so a call never leaves the thread of the channel that made it. DNS is Netty's non-blocking
 * resolver (the hosts file first, then the system's name servers); TLS verifies certificates and host names unless
 * the {@link SslContext} given says otherwise. Responses are aggregated up to {@link UpstreamLimits#maxResponseBytes()}.
 *
 * <p>{@link #send} completes its stage exactly once, on the event loop given, either with the response or with an
 * {@link UpstreamException}; nothing is retried. A request's connect timeout bounds its whole wait for a connection
 * (pool slot, DNS, TCP, TLS) with a timer on the loop: the pool's bootstrap, whose {@code CONNECT_TIMEOUT_MILLIS} is
 * {@link UpstreamLimits#maxConnectTimeout()}, is shared by every request to a server, and one pool per distinct
 * timeout would split the per-server connection limit and keep-alive reuse between Scalelite's normal and offline
 * timeouts. The response timeout runs from sending the request to the complete response, and closes the connection
 * when it fires.
 */
public final class UpstreamClient implements AutoCloseable {
  private final UpstreamTransport transport;
  private final UpstreamLimits limits;
  private final SslContext sslContext;
  private final DnsAddressResolverGroup resolver;
  private final ConcurrentMap<EventLoop, LoopPools> poolsByLoop = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * A client for event loops of {@code transport}'s kind. {@code sslContext} must be a client context; tests may pass
   * one with an insecure trust manager.
   */
  public UpstreamClient(UpstreamTransport transport, UpstreamLimits limits, SslContext sslContext) {
    this.transport = requireNonNull(transport, "transport");
    this.limits = requireNonNull(limits, "limits");
    this.sslContext = requireNonNull(sslContext, "sslContext");
    if (!sslContext.isClient()) {
      throw new IllegalArgumentException("sslContext: a server context (expected: a client context)");
    }
    this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
        .datagramChannelType(transport.datagramChannelType())
        .socketChannelType(transport.socketChannelType())
        .nameServerProvider(DefaultDnsServerAddressStreamProvider.INSTANCE));
  }

  /** A client whose TLS trusts the JDK's CA certificates and checks host names, as Scalelite does by default. */
  public static UpstreamClient create(UpstreamTransport transport, UpstreamLimits limits) {
    return new UpstreamClient(transport, limits, verifyingSslContext());
  }

  /** The default TLS context: JDK trust store, HTTPS host-name verification. */
  public static SslContext verifyingSslContext() {
    try {
      return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot initialise TLS: " + e.getMessage(), e);
    }
  }

  /**
   * Sends {@code request} over a pooled connection of {@code loop} (which must belong to a group of this client's
   * transport). The stage completes on {@code loop}, so callbacks attached on that loop, or before completion, run
   * there; only when {@code loop} has already shut down does it complete at once, on the calling thread, with
   * {@code CLOSED}.
   */
  public CompletionStage<UpstreamResponse> send(EventLoop loop, UpstreamRequest request) {
    requireNonNull(loop, "loop");
    requireNonNull(request, "request");
    CompletableFuture<UpstreamResponse> result = new CompletableFuture<>();
    if (loop.inEventLoop()) {
      start(loop, request, result);
    } else {
      try {
        loop.execute(() -> start(loop, request, result));
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(new UpstreamException(Kind.CLOSED, "event loop " + loop + " is shut down", e));
      }
    }
    return result;
  }

  private void start(EventLoop loop, UpstreamRequest request, CompletableFuture<UpstreamResponse> result) {
    if (closed) {
      result.completeExceptionally(new UpstreamException(Kind.CLOSED, "the upstream client is closed", null));
      return;
    }
    try {
      Endpoint endpoint = Endpoint.of(request.uri());
      new Exchange(loop, request, endpoint, poolsOf(loop).get(endpoint), result).start();
    } catch (RuntimeException e) {
      result.completeExceptionally(
          new UpstreamException(Kind.CONNECT, "cannot start a call to " + request.uri() + ": " + e, e));
    }
  }

  /** Pooled connections to BBB servers lent to an exchange right now, over every loop and server; for metrics. */
  public int connectionsInUse() {
    int inUse = 0;
    for (LoopPools pools : poolsByLoop.values()) {
      for (Map.Entry<Endpoint, FixedChannelPool> pool : pools) {
        inUse += pool.getValue().acquiredChannelCount();
      }
    }
    return inUse;
  }

  private LoopPools poolsOf(EventLoop loop) {
    LoopPools pools = poolsByLoop.get(loop);
    return pools != null
        ? pools
        : poolsByLoop.computeIfAbsent(loop, l -> new LoopPools(l, transport, limits, sslContext, resolver));
  }

  /**
   * Closes the idle pooled connections and the DNS resolvers; calls in flight finish and then close their
   * connections. Blocks until the pools are closed, so call it from outside the event loops, and before their group
   * shuts down.
   */
  @Override
  public void close() {
    closed = true;
    for (Map.Entry<EventLoop, LoopPools> entry : poolsByLoop.entrySet()) {
      // A loop that is shutting down closes its channels itself and accepts no more tasks.
      if (!entry.getKey().isShuttingDown()) {
        entry.getValue().close();
      }
    }
    poolsByLoop.clear();
    resolver.close();
  }
}
