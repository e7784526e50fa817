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
import io.switchboard.proxy.health.HealthHandler;
import io.switchboard.proxy.health.Liveness;
import io.switchboard.proxy.health.Readiness;
import io.switchboard.proxy.poller.Poller;
import io.switchboard.proxy.status.StatusPageHandler;
import io.switchboard.proxy.upstream.UpstreamClient;
import io.switchboard.proxy.upstream.UpstreamLimits;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import io.switchboard.storage.redis.CachedLoadTable;
import io.switchboard.storage.redis.CachedServerStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Switchboard: the servers of the configuration registered in the stores, one poll done so the first
 * {@code create} finds a server, the poller scheduled, and the API listening. {@link #shutdown} stops all of it
 * gracefully — {@code /readyz} answers draining, the listener closes, idle connections close, requests already
 * received are answered within the grace period, then the poller and the importer stop and release their leases —
 * and {@link #close()} at once.
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
  private final Connections connections;
  private final Readiness readiness;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  private SwitchboardServer(Transport transport, UpstreamClient upstream, Poller poller, Recordings recordings,
      Channel listener, Connections connections, Readiness readiness, @Nullable Channel metricsListener,
      SwitchboardMetrics metrics, ExecutorService statusDisk) {
    this.transport = transport;
    this.upstream = upstream;
    this.poller = poller;
    this.recordings = recordings;
    this.listener = listener;
    this.connections = connections;
    this.readiness = readiness;
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
    SwitchboardMetrics metrics = SwitchboardMetrics.create();
    Recordings recordings = Recordings.start(config, stores, tls != null, clock, metrics);
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
          config.redis().leaseTtl(), config.tenants().enabled(), metrics);
      awaitFirstPoll(poller, config);
      poller.start();
      Connections connections = new Connections();
      Readiness readiness = new Readiness(stores,
          config.recordings().enabled() ? config.recordings().publishDir() : null, recordings.blocking());
      HealthHandler health = new HealthHandler(readiness, new Liveness(transport.group()));
      if (stores.load() instanceof CachedLoadTable cached) {
        metrics.cache("load", cached::stats);
      }
      if (stores.servers() instanceof CachedServerStore cached) {
        metrics.cache("servers", cached::stats);
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
              connections, health, AdminHandler.create(config, stores, backend, poller, recordings.api()),
              new FsapiHandler(config.dialIn(), config.api().urlHost(), stores.meetings(), stores.servers()),
              Api.handler(config, stores, backend, recordings.api(), clock, metrics), recordings.serving(), tls,
              operatorPages))
          .bind(new InetSocketAddress(config.http().bindAddress(), config.http().port()))
          .sync()
          .channel();
      log.info("Switchboard listening on {} ({} transport, {}, {} servers)", listener.localAddress(),
          transport.nativeEpoll() ? "epoll" : "nio", tls != null ? "TLS" : "plain HTTP", config.servers().size());
      return new SwitchboardServer(transport, upstream, poller, recordings, listener, connections, readiness,
          metricsListener, metrics, statusDisk);
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
    } catch (ExecutionException | TimeoutException slow) {
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

  /** Blocks until the server has stopped ({@link #shutdown} or {@link #close()} returned). */
  public void awaitClose() throws InterruptedException {
    try {
      terminated.get();
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * Stops gracefully, blocking the caller (never an event loop) until done: {@code /readyz} answers draining, the
   * listener closes so new connections are refused, idle keep-alive connections are closed, and busy ones close once
   * they have answered what they received — those still busy after {@code gracePeriod} are cut. Then the poller and
   * the recording importer stop (releasing their leases to another instance) and the event loops end. The stores stay
   * open: their owner closes them afterwards. Idempotent; a second call waits for the first.
   */
  public void shutdown(Duration gracePeriod) {
    if (!closed.compareAndSet(false, true)) {
      terminated.join();
      return;
    }
    try {
      readiness.startDraining();
      listener.close().syncUninterruptibly();
      int open = connections.size();
      if (!gracePeriod.isZero()) {
        log.info("shutting down: listener closed, {} connections to finish within {} s", open,
            gracePeriod.toMillis() / 1000.0);
      }
      awaitDrained(gracePeriod);
      connections.closeAll();
      if (metricsListener != null) {
        metricsListener.close().syncUninterruptibly();
      }
      statusDisk.shutdownNow();
      poller.close();
      recordings.close();
      upstream.close();
      transport.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    } finally {
      terminated.complete(null);
    }
  }

  private void awaitDrained(Duration gracePeriod) {
    CompletableFuture<Void> drained = connections.drain();
    if (gracePeriod.isZero()) {
      return;
    }
    try {
      drained.get(gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
      log.info("shutting down: every request answered");
    } catch (TimeoutException late) {
      log.warn("shutting down: {} connections still busy after the grace period of {} s are cut", connections.size(),
          gracePeriod.toMillis() / 1000.0);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Stops at once: {@link #shutdown} without a grace period, cutting requests under way. */
  @Override
  public void close() {
    shutdown(Duration.ZERO);
  }
}
