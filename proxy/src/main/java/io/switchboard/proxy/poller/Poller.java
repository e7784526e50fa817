package io.switchboard.proxy.poller;

import io.netty.channel.EventLoop;
import io.switchboard.conf.PollerConfig;
import io.switchboard.conf.ServerState;
import io.switchboard.proxy.api.BbbBackend;
import io.switchboard.proxy.metrics.SwitchboardMetrics;
import io.switchboard.routing.load.LoadFormula;
import io.switchboard.routing.load.MeetingSample;
import io.switchboard.routing.load.ServerStats;
import io.switchboard.routing.params.Params;
import io.switchboard.routing.poller.HealthTracker;
import io.switchboard.routing.poller.DrainRule;
import io.switchboard.routing.poller.Health;
import io.switchboard.routing.poller.PollVerdict;
import io.switchboard.routing.xml.BbbReply;
import io.switchboard.routing.xml.MeetingsDocument;
import io.switchboard.storage.Leases;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every BBB server once per interval, all at once and without blocking (Scalelite uses four threads): each
 * server's {@code getMeetings} decides its health (spec §6.1), its load and statistics (§5.3), which meetings ended and
 * — after a restart — which meetings run where. A server that stops answering is declared offline after the unhealthy
 * threshold and its meetings are forgotten, so their next {@code create} lands on a healthy server.
 */
public final class Poller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);
  private static final String LEASE = "poller";

  private final Stores stores;
  private final BbbBackend backend;
  private final PollerConfig config;
  private final EventLoop loop;
  private final Clock clock;
  private final Leases leases;
  private final String instance;
  private final Duration leaseTtl;
  private final boolean countTenantAttendees;
  private final @Nullable SwitchboardMetrics metrics;
  private volatile boolean closed;
  // Touched only on the poller's event loop.
  private boolean holding;
  private long lastPollNanos;
  private volatile @Nullable ScheduledFuture<?> next;

  /**
   * @param instance this process's name among the instances sharing the stores, for the poller lease
   * @param leaseTtl how long the lease outlives a holder that stops renewing it; another instance polls after that
   * @param countTenantAttendees whether each poll stores how many participants each tenant's meetings have, for the
   *     tenants' attendee limits (multitenancy)
   */
  public Poller(Stores stores, BbbBackend backend, PollerConfig config, EventLoop loop, Clock clock, String instance,
      Duration leaseTtl, boolean countTenantAttendees) {
    this(stores, backend, config, loop, clock, instance, leaseTtl, countTenantAttendees, null);
  }

  /**
   * A poller that also records its rounds and failures in {@code metrics}, and refreshes the servers' gauges there
   * every tick — on every instance, whichever one polls — from what the stores hold.
   */
  public Poller(Stores stores, BbbBackend backend, PollerConfig config, EventLoop loop, Clock clock, String instance,
      Duration leaseTtl, boolean countTenantAttendees, @Nullable SwitchboardMetrics metrics) {
    this.metrics = metrics;
    this.stores = stores;
    this.countTenantAttendees = countTenantAttendees;
    this.leases = stores.leases();
    this.instance = instance;
    this.leaseTtl = leaseTtl;
    this.backend = backend;
    this.config = config;
    this.loop = loop;
    this.clock = clock;
  }

  /** Starts the ticks; an interval after the poll made at start, the lease holder polls again. */
  public void start() {
    loop.execute(() -> {
      // The server polled once before it started listening; the next poll is due an interval from now.
      lastPollNanos = System.nanoTime();
      cycle();
    });
  }

  /**
   * One tick. Several instances may share the stores and one of them polls: the holder of the poller lease, which
   * renews it every tick and polls once an interval has passed since its last poll. The others try to take the lease
   * every tick, so when the holder dies one of them polls within the lease's time to live plus a tick.
   */
  private void cycle() {
    if (closed) {
      return;
    }
    CompletionStage<Boolean> lease = holding
        ? leases.renew(LEASE, instance, leaseTtl)
        : leases.tryAcquire(LEASE, instance, leaseTtl);
    lease.exceptionally(failure -> {
          log.warn("poller lease unavailable: {}", failure.toString());
          return false;
        })
        .thenComposeAsync(held -> {
          if (held && !holding) {
            log.info("this instance ({}) now polls the servers", instance);
          }
          holding = held;
          boolean due = lastPollNanos == 0 || System.nanoTime() - lastPollNanos >= config.interval().toNanos();
          if (!held || !due) {
            return CompletableFuture.completedFuture(null);
          }
          lastPollNanos = System.nanoTime();
          return pollOnce();
        }, loop)
        .thenCompose(ignored -> refreshGauges())
        .whenComplete((ignored, failure) -> {
          if (failure != null) {
            log.error("poll failed", failure);
          }
          if (!closed) {
            next = loop.schedule(this::cycle, tick().toNanos(), TimeUnit.NANOSECONDS);
          }
        });
  }

  /** The servers' gauges from the stores, so every instance reports the fleet, not only the one polling it. */
  private CompletionStage<Void> refreshGauges() {
    if (metrics == null) {
      return CompletableFuture.completedFuture(null);
    }
    SwitchboardMetrics recorder = metrics;
    return stores.servers().all()
        .thenCombine(stores.load().snapshot(), (servers, loads) -> {
          recorder.servers(servers, loads);
          return (Void) null;
        })
        .exceptionally(failure -> {
          log.warn("server gauges not refreshed: {}", failure.toString());
          return null;
        });
  }

  /** Ticks come every poll interval, or every half lease when that is shorter, so the lease is renewed in time. */
  private Duration tick() {
    Duration halfLease = leaseTtl.dividedBy(2);
    return config.interval().compareTo(halfLease) < 0 ? config.interval() : halfLease;
  }

  /** One poll of every server; completes when each has answered, failed or run out of time. */
  public CompletionStage<Void> pollOnce() {
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    Map<String, Integer> attendees = new ConcurrentHashMap<>();
    return stores.servers().all().thenCombine(stores.meetings().all(), (servers, meetings) -> {
      Map<String, List<MeetingRecord>> meetingsByServer = new HashMap<>();
      for (MeetingRecord meeting : meetings) {
        meetingsByServer.computeIfAbsent(meeting.serverId(), id -> new ArrayList<>()).add(meeting);
      }
      List<CompletableFuture<Void>> polls = new ArrayList<>(servers.size());
      for (ServerRecord server : servers) {
        polls.add(poll(server, meetingsByServer.getOrDefault(server.id(), List.of()), started, attendees)
            .toCompletableFuture()
            .completeOnTimeout(null, config.waitTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .exceptionally(failure -> {
              log.error("poll of {} failed", server.id(), failure);
              return null;
            }));
      }
      return CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new));
    }).thenCompose(all -> all).thenCompose(ignored -> saveAttendees(attendees)).whenComplete((ignored, failure) -> {
      if (metrics != null) {
        metrics.pollRound(System.nanoTime() - startNanos);
      }
    });
  }

  /** Stores the participants of each tenant's meetings that this poll saw, for the tenants' attendee limits. */
  private CompletionStage<Void> saveAttendees(Map<String, Integer> attendees) {
    if (!countTenantAttendees) {
      return CompletableFuture.completedFuture(null);
    }
    return stores.tenants().saveAttendees(Map.copyOf(attendees)).exceptionally(failure -> {
      log.warn("could not store the tenants' attendee counts: {}", failure.toString());
      return null;
    });
  }

  private static void countAttendees(List<MeetingSample> samples, Map<String, Integer> attendees) {
    for (MeetingSample sample : samples) {
      // Breakout rooms are left out, as the load formula leaves them out: their users still count in the parent.
      if (!sample.tenantId().isEmpty() && !sample.breakout()) {
        attendees.merge(sample.tenantId(), sample.participantCount(), Integer::sum);
      }
    }
  }

  private CompletionStage<Void> poll(
      ServerRecord server, List<MeetingRecord> known, Instant started, Map<String, Integer> attendees) {
    return backend.poll(loop, server, "getMeetings", Params.of())
        .handle((response, failure) -> {
          if (failure != null) {
            return Optional.<List<MeetingSample>>empty();
          }
          BbbReply reply = BbbReply.parse(response.body());
          if (!reply.success()) {
            return Optional.<List<MeetingSample>>empty();
          }
          try {
            return Optional.of(MeetingsDocument.parse(response.body()).meetings());
          } catch (IllegalArgumentException unreadable) {
            return Optional.<List<MeetingSample>>empty();
          }
        })
        .thenCompose(samples -> {
          samples.ifPresent(found -> countAttendees(found, attendees));
          return samples.isPresent() ? answered(server, samples.get(), known, started) : failed(server, known);
        });
  }

  private CompletionStage<Void> answered(
      ServerRecord server, List<MeetingSample> samples, List<MeetingRecord> known, Instant started) {
    PollVerdict verdict = HealthTracker.onSuccess(health(server), config.healthyThreshold());
    if (!verdict.storeLoad()) {
      return record(server, current -> withHealth(current, verdict.next())).thenApply(ignored -> null);
    }
    if (verdict.cameOnline()) {
      log.info("server {} is online", server.id());
    }
    ServerStats stats = LoadFormula.compute(samples, clock.instant(), config.loadMinUserCount(),
        config.loadJoinBufferTime(), server.loadMultiplier());
    return record(server, current -> withHealth(current, verdict.next())
            .withState(DrainRule.drained(current.state(), stats.load()) ? ServerState.DISABLED : current.state())
            .withStats(stats.meetings(), stats.users(), stats.largestMeeting(), stats.videos()))
        .thenCompose(updated -> {
          if (updated.isEmpty()) {
            return CompletableFuture.completedFuture(null);
          }
          ServerRecord now = updated.get();
          if (now.state() != server.state() && now.state() == ServerState.DISABLED) {
            log.info("server {} is drained and now disabled", server.id());
          }
          CompletionStage<Void> load = now.eligible()
              ? stores.load().set(server.id(), stats.load())
              : stores.load().remove(server.id());
          return load
              .thenCompose(ignored -> reconcile(server, samples, known, started))
              .thenCompose(ignored -> now.bbbVersion().isEmpty() || verdict.cameOnline()
                  ? recordVersion(now)
                  : CompletableFuture.completedFuture(null));
        });
  }

  private CompletionStage<Void> failed(ServerRecord server, List<MeetingRecord> known) {
    if (metrics != null) {
      metrics.pollFailure(server.id());
    }
    PollVerdict verdict = HealthTracker.onFailure(health(server), config.unhealthyThreshold());
    if (!verdict.wentOffline()) {
      return record(server, current -> withHealth(current, verdict.next())).thenApply(ignored -> null);
    }
    log.warn("server {} is offline; forgetting its {} meetings", server.id(), known.size());
    return record(server, current -> withHealth(current, verdict.next()).withStats(0, 0, 0, 0))
        .thenCompose(ignored -> stores.load().remove(server.id()))
        .thenCompose(ignored -> stores.meetings().removeAllOnServer(server.id()))
        .thenAccept(forgotten -> forgotten.forEach(meeting -> endQuietly(server.withOnline(false), meeting)));
  }

  /**
   * Writes what this poll learnt onto the server's current record, so an operator's change made while the poll was in
   * flight (a cordon, a new multiplier) is kept; empty when the server was removed meanwhile.
   */
  private CompletionStage<Optional<ServerRecord>> record(ServerRecord server, UnaryOperator<ServerRecord> change) {
    return stores.servers().update(server.id(), change);
  }

  /** Scalelite's panic: ask the (probably dead) server to end what it ran, so a revived server does not run ghosts. */
  private void endQuietly(ServerRecord server, MeetingRecord meeting) {
    backend.get(loop, server, "end", Params.of().with("meetingID", meeting.id())
            .with("password", meeting.moderatorPassword()))
        .whenComplete((ignored, failure) -> { });
  }

  /**
   * Forgets meetings the server no longer runs (but not those created since this poll began, which its answer could not
   * show yet), refreshes the expiry of those it runs, and adopts those it runs that we do not know — after a restart of
   * the embedded mode this is how Switchboard learns again which meeting runs where.
   */
  private CompletionStage<Void> reconcile(
      ServerRecord server, List<MeetingSample> samples, List<MeetingRecord> known, Instant started) {
    Set<String> running = new HashSet<>();
    for (MeetingSample sample : samples) {
      running.add(sample.meetingId());
    }
    List<CompletableFuture<?>> updates = new ArrayList<>();
    Set<String> knownIds = new HashSet<>();
    for (MeetingRecord meeting : known) {
      knownIds.add(meeting.id());
      if (running.contains(meeting.id())) {
        updates.add(stores.meetings().touch(meeting.id()).toCompletableFuture());
      } else if (meeting.createdAt().isBefore(started)) {
        updates.add(stores.meetings().remove(meeting.id()).toCompletableFuture());
      }
    }
    for (MeetingSample sample : samples) {
      if (!sample.breakout() && !knownIds.contains(sample.meetingId())) {
        updates.add(adopt(server, sample).toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new));
  }

  private CompletionStage<MeetingRecord> adopt(ServerRecord server, MeetingSample sample) {
    MeetingRecord meeting = new MeetingRecord(sample.meetingId(), server.id(), sample.moderatorPassword(),
        sample.voiceBridge(), sample.tenantId(), Instant.ofEpochMilli(sample.createTimeMillis()));
    return stores.meetings().createIfAbsent(meeting).exceptionally(failure -> {
      log.warn("could not adopt meeting {} on {}: {}", sample.meetingId(), server.id(), failure.toString());
      return meeting;
    });
  }

  private CompletionStage<Void> recordVersion(ServerRecord server) {
    return backend.poll(loop, server, "", Params.of())
        .thenCompose(response -> record(server,
            current -> current.withBbbVersion(BbbReply.parse(response.body()).text("bbbVersion").orElse(""))))
        .handle((ignored, failure) -> null);
  }

  private static Health health(ServerRecord server) {
    return new Health(server.online(), server.healthyCounter(), server.unhealthyCounter());
  }

  private static ServerRecord withHealth(ServerRecord server, Health health) {
    return server.withOnline(health.online()).withCounters(health.healthyCount(), health.unhealthyCount());
  }

  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> scheduled = next;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    // Let another instance take over at once rather than after the lease expires.
    leases.release(LEASE, instance);
  }
}
