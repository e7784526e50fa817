package io.switchboard.proxy.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.switchboard.conf.ServerConfig;
import io.switchboard.conf.ServerState;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.conf.TlsConfig;
import io.switchboard.proxy.admin.AdminHandler;
import io.switchboard.proxy.api.Api;
import io.switchboard.proxy.api.BbbBackend;
import io.switchboard.conf.MetricsConfig;
import io.switchboard.proxy.metrics.BasicAuthentication;
import io.switchboard.proxy.metrics.MetricsHandler;
import io.switchboard.proxy.metrics.SwitchboardMetrics;
import io.switchboard.proxy.dialin.FsapiHandler;
import io.switchboard.proxy.poller.Poller;
import io.switchboard.proxy.status.StatusPageHandler;
import io.switchboard.proxy.upstream.UpstreamClient;
import io.switchboard.proxy.upstream.UpstreamLimits;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import io.switchboard.storage.redis.CachedLoadTable;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Switchboard: the servers of the configuration registered in the stores, one poll done so the first
 * {@code create} finds a server, the poller scheduled, and the API listening. {@link #close()} stops all of it.
 */
public final class SwitchboardServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SwitchboardServer.class);

  private final Transport transport;
  private final UpstreamClient upstream;
  private final Poller poller;
  private final Recordings recordings;
  private final Channel listener;
  private final @Nullable Channel metricsListener;
  private final SwitchboardMetrics metrics;
  private final ExecutorService statusDisk;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SwitchboardServer(Transport transport, UpstreamClient upstream, Poller poller, Recordings recordings,
      Channel listener, @Nullable Channel metricsListener, SwitchboardMetrics metrics, ExecutorService statusDisk) {
    this.transport = transport;
    this.upstream = upstream;
    this.poller = poller;
    this.recordings = recordings;
    this.listener = listener;
    this.metricsListener = metricsListener;
    this.metrics = metrics;
    this.statusDisk = statusDisk;
  }

  /** Starts Switchboard on the configured address; blocks the calling thread (never an event loop) until it listens. */
  public static SwitchboardServer start(SwitchboardConfig config, Stores stores, Clock clock) throws InterruptedException {
    Transport transport = Transport.create(0);
    UpstreamClient upstream = UpstreamClient.create(transport.upstream(),
        UpstreamLimits.of(config.upstream().maxConnectionsPerServer(), config.upstream().connectTimeout()));
    SslContext tls = config.http().tls().isPresent() ? serverTls(config.http().tls().get()) : null;
    Recordings recordings = Recordings.start(config, stores, tls != null, clock);
    SwitchboardMetrics metrics = SwitchboardMetrics.create();
    ExecutorService statusDisk = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "switchboard-status-disk");
      thread.setDaemon(true);
      return thread;
    });
    Channel metricsListener = null;
    try {
      BbbBackend backend = new BbbBackend(upstream, config.upstream(), config.api().outboundAlgorithm(), metrics);
      registerServers(config, stores);
      Poller poller = new Poller(stores, backend, config.poller(), transport.group().next(), clock, Instances.newName(),
          config.redis().leaseTtl(), config.tenants().enabled());
      awaitFirstPoll(poller, config);
      poller.start();
      if (stores.load() instanceof CachedLoadTable cached) {
        metrics.cache("load", cached::stats);
      }
      metrics.gauge("switchboard.upstream.connections.in.use",
          "Pooled connections to BBB servers lent to a call right now", upstream, UpstreamClient::connectionsInUse);
      MetricsHandler metricsHandler = metricsHandler(config.metrics(), metrics);
      StatusPageHandler statusPage = config.statusPage().enabled()
          ? new StatusPageHandler(config.statusPage(), stores,
              config.recordings().enabled() ? Optional.of(config.recordings().failedDir()) : Optional.empty(),
              statusDisk, clock)
          : null;
      boolean metricsOnMainPort = config.metrics().enabled() && config.metrics().port() == 0;
      OperatorPages operatorPages = new OperatorPages(metricsOnMainPort ? metricsHandler : null, statusPage);
      if (config.metrics().enabled() && !metricsOnMainPort) {
        metricsListener = new ServerBootstrap()
            .group(transport.group())
            .channel(transport.serverChannel())
            .childHandler(new MetricsInitializer(config.http(), metricsHandler))
            .bind(new InetSocketAddress(config.http().bindAddress(), config.metrics().port()))
            .sync()
            .channel();
      }
      Channel listener = new ServerBootstrap()
          .group(transport.group())
          .channel(transport.serverChannel())
          .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new SwitchboardInitializer(config.http(), config.api().urlHost(), config.tenants().enabled(),
              AdminHandler.create(config, stores, backend, poller, recordings.api()),
              new FsapiHandler(config.dialIn(), config.api().urlHost(), stores.meetings(), stores.servers()),
              Api.handler(config, stores, backend, recordings.api(), clock), recordings.serving(), tls,
              operatorPages))
          .bind(new InetSocketAddress(config.http().bindAddress(), config.http().port()))
          .sync()
          .channel();
      log.info("Switchboard listening on {} ({} transport, {}, {} servers)", listener.localAddress(),
          transport.nativeEpoll() ? "epoll" : "nio", tls != null ? "TLS" : "plain HTTP", config.servers().size());
      return new SwitchboardServer(transport, upstream, poller, recordings, listener, metricsListener, metrics,
          statusDisk);
    } catch (InterruptedException | RuntimeException failure) {
      if (metricsListener != null) {
        metricsListener.close();
      }
      statusDisk.shutdownNow();
      recordings.close();
      upstream.close();
      transport.group().shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw failure;
    }
  }

  /**
   * Registers the servers of the configuration file. A server the stores already know (shared Redis, where an operator
   * may have cordoned it through the admin API) keeps its state, health and statistics and takes the file's URL, secret,
   * multiplier and tags; a new one starts enabled or disabled as the file says, offline until its first poll.
   */
  private static void registerServers(SwitchboardConfig config, Stores stores) {
    for (ServerConfig server : config.servers()) {
      Set<String> tags = Set.copyOf(server.tags());
      boolean known = stores.servers().update(server.id(), current -> new ServerRecord(current.id(), server.url(),
              server.secret(), current.state(), current.online(), server.loadMultiplier(), tags,
              current.healthyCounter(), current.unhealthyCounter(), current.meetings(), current.users(),
              current.largestMeeting(), current.videos(), current.bbbVersion()))
          .toCompletableFuture().join().isPresent();
      if (!known) {
        stores.servers().save(new ServerRecord(server.id(), server.url(), server.secret(),
            server.enabled() ? ServerState.ENABLED : ServerState.DISABLED, false, server.loadMultiplier(), tags,
            0, 0, 0, 0, 0, 0, "")).toCompletableFuture().join();
      }
    }
  }

  private static void awaitFirstPoll(Poller poller, SwitchboardConfig config) throws InterruptedException {
    try {
      poller.pollOnce().toCompletableFuture().get(config.poller().waitTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException slow) {
      log.warn("first poll did not finish: {}", slow.toString());
    }
  }

  private static MetricsHandler metricsHandler(MetricsConfig config, SwitchboardMetrics metrics) {
    Optional<BasicAuthentication> authentication = config.password()
        .map(password -> new BasicAuthentication(config.username(), password, "Switchboard metrics"));
    return new MetricsHandler(metrics, config.path(), authentication);
  }

  private static SslContext serverTls(TlsConfig tls) {
    try {
      return SslContextBuilder.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile()).build();
    } catch (SSLException | IllegalArgumentException unusable) {
      throw new IllegalStateException("switchboard.http.tls: cannot use " + tls.certificateChain() + " and "
          + tls.privateKey() + ": " + unusable.getMessage(), unusable);
    }
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** The port of the metrics listener, when metrics have a port of their own. */
  public Optional<Integer> metricsPort() {
    return Optional.ofNullable(metricsListener).map(channel -> ((InetSocketAddress) channel.localAddress()).getPort());
  }

  public SwitchboardMetrics metrics() {
    return metrics;
  }

  /** The poller, so operators' tools and tests can poll now instead of waiting for the interval. */
  public Poller poller() {
    return poller;
  }

  /** Blocks until the listener is closed. */
  public void awaitClose() throws InterruptedException {
    listener.closeFuture().sync();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    poller.close();
    listener.close().syncUninterruptibly();
    if (metricsListener != null) {
      metricsListener.close().syncUninterruptibly();
    }
    statusDisk.shutdownNow();
    recordings.close();
    upstream.close();
    transport.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
