package io.switchboard.proxy.metrics;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.switchboard.conf.ServerState;
import io.switchboard.routing.api.ApiCall;
import io.switchboard.storage.ServerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one Switchboard process, in a Prometheus registry. Every tag has a bounded set of values — call names,
 * BBB message keys Switchboard knows, server ids, playback formats, status classes — never a meeting ID, a record ID or
 * a URL, so a busy instance cannot grow the registry without bound. Recording is lock-free and safe from any thread.
 */
public final class SwitchboardMetrics {
  /** BBB {@code messageKey}s used as outcomes; any other key a server returns is counted as {@code failed}. */
  private static final Set<String> KNOWN_MESSAGE_KEYS = Set.of("checksumError", "missingParamMeetingID", "notFound",
      "unsupportedRequest", "unsupportedContentType", "internalError", "serverUnavailable", "serverTagUnavailable",
      "missingParameters", "missingParamRecordID", "missingParamPublish", "maxMeetingsReached", "maxAttendeesReached",
      "idNotUnique", "invalidMeetingIdentifier", "sentEndMeetingRequest", "duplicateWarning", "noMeetings",
      "noRecordings");
  private static final Set<String> CALL_NAMES = callNames();
  private static final String UNSUPPORTED = "unsupported";
  private static final String SUCCESS = "success";
  private static final Duration[] LATENCY_SLOS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(1000), Duration.ofMillis(5000)};

  private final PrometheusMeterRegistry registry;
  private final MultiGauge serverLoad;
  private final MultiGauge serverMeetings;
  private final MultiGauge serverUsers;
  private final MultiGauge serverLargestMeeting;
  private final MultiGauge serverVideos;
  private final MultiGauge serverOnline;
  private final MultiGauge serverState;
  private final Timer pollRounds;
  private final Counter recordingsImported;
  private final Counter recordingImportFailures;
  private final Map<String, Timer> successTimers = new ConcurrentHashMap<>();
  private final Map<String, Timer> failureTimers = new ConcurrentHashMap<>();
  private final Map<String, Timer> upstreamTimers = new ConcurrentHashMap<>();
  /**
   * The sources of the cache meters, held for as long as the registry: Micrometer keeps a function counter's source
   * only weakly, and the method reference a caller hands to {@link #cache} has no other holder, so once collected its
   * counters would stay frozen at their last value.
   */
  private final List<Supplier<CacheStats>> cacheSources = new CopyOnWriteArrayList<>();

  private SwitchboardMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    serverLoad = MultiGauge.builder("switchboard.server.load")
        .description("The server's load as placement sees it; absent while it takes no meetings").register(registry);
    serverMeetings = MultiGauge.builder("switchboard.server.meetings")
        .description("Meetings on the server at the last poll, breakouts included").register(registry);
    serverUsers = MultiGauge.builder("switchboard.server.users")
        .description("Participants on the server at the last poll").register(registry);
    serverLargestMeeting = MultiGauge.builder("switchboard.server.largest.meeting")
        .description("Participants of the server's largest meeting at the last poll").register(registry);
    serverVideos = MultiGauge.builder("switchboard.server.videos")
        .description("Video streams on the server at the last poll").register(registry);
    serverOnline = MultiGauge.builder("switchboard.server.online")
        .description("1 while the poller considers the server reachable, else 0").register(registry);
    serverState = MultiGauge.builder("switchboard.server.state")
        .description("1 for the server's administrative state (enabled, cordoned, disabled), 0 for the others")
        .register(registry);
    pollRounds = Timer.builder("switchboard.poll")
        .description("Duration of a poll round over every server").register(registry);
    recordingsImported = Counter.builder("switchboard.recordings.imported")
        .description("Recordings imported into the index").register(registry);
    recordingImportFailures = Counter.builder("switchboard.recordings.import.failures")
        .description("Tarballs or recordings that could not be imported (moved to the failed directory)")
        .register(registry);
  }

  /** A registry with the JVM's and Netty's allocator meters bound. */
  public static SwitchboardMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Map<ByteBufAllocator, Boolean> allocators = new IdentityHashMap<>();
    for (ByteBufAllocator allocator : List.of(ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT,
        UnpooledByteBufAllocator.DEFAULT)) {
      if (allocator instanceof ByteBufAllocatorMetricProvider provider && allocators.put(allocator, true) == null) {
        new NettyAllocatorMetrics(provider).bindTo(registry);
      }
    }
    return new SwitchboardMetrics(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The registry in Prometheus' text format. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * One BBB API call answered: {@code call} is the BBB call name (anything else is counted as {@code unsupported}),
   * {@code messageKey} the key of a FAILED answer or empty for SUCCESS.
   */
  public void apiCall(String call, String messageKey, long nanos) {
    String callTag = CALL_NAMES.contains(call) ? call : UNSUPPORTED;
    if (messageKey.isEmpty()) {
      // Every successful call records here: one map hit, no meter id built and no key allocated.
      successTimers.computeIfAbsent(callTag, key -> apiTimer(callTag, SUCCESS)).record(nanos, TimeUnit.NANOSECONDS);
      return;
    }
    String outcome = KNOWN_MESSAGE_KEYS.contains(messageKey) ? messageKey : "failed";
    failureTimers.computeIfAbsent(callTag + ' ' + outcome, key -> apiTimer(callTag, outcome))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer apiTimer(String call, String outcome) {
    return Timer.builder("switchboard.api.requests")
        .description("BBB API calls answered, by call and outcome (success or the BBB messageKey)")
        .tags("call", call, "outcome", outcome)
        .serviceLevelObjectives(LATENCY_SLOS)
        .register(registry);
  }

  /** One call to a BBB server: {@code outcome} is {@code ok}, {@code timeout}, {@code refused} or {@code error}. */
  public void upstreamCall(String serverId, String outcome, long nanos) {
    upstreamTimers.computeIfAbsent(serverId + ' ' + outcome, key -> Timer.builder("switchboard.upstream.requests")
            .description("Calls to BBB servers, by server and outcome")
            .tags("server", serverId, "outcome", outcome)
            .serviceLevelObjectives(LATENCY_SLOS)
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A finished poll round. */
  public void pollRound(long nanos) {
    pollRounds.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A server that failed its poll. */
  public void pollFailure(String serverId) {
    Counter.builder("switchboard.poll.failures").description("Failed polls, by server")
        .tag("server", serverId).register(registry).increment();
  }

  /** The servers and loads the last poll left, replacing the previous ones: removed servers disappear. */
  public void servers(List<ServerRecord> servers, Map<String, Double> loads) {
    List<MultiGauge.Row<?>> load = new ArrayList<>();
    List<MultiGauge.Row<?>> meetings = new ArrayList<>();
    List<MultiGauge.Row<?>> users = new ArrayList<>();
    List<MultiGauge.Row<?>> largest = new ArrayList<>();
    List<MultiGauge.Row<?>> videos = new ArrayList<>();
    List<MultiGauge.Row<?>> online = new ArrayList<>();
    List<MultiGauge.Row<?>> state = new ArrayList<>();
    for (ServerRecord server : servers) {
      Tags tags = Tags.of("server", server.id());
      Double serverLoad = loads.get(server.id());
      if (serverLoad != null) {
        load.add(MultiGauge.Row.of(tags, serverLoad));
      }
      meetings.add(MultiGauge.Row.of(tags, server.meetings()));
      users.add(MultiGauge.Row.of(tags, server.users()));
      largest.add(MultiGauge.Row.of(tags, server.largestMeeting()));
      videos.add(MultiGauge.Row.of(tags, server.videos()));
      online.add(MultiGauge.Row.of(tags, server.online() ? 1 : 0));
      for (ServerState each : ServerState.values()) {
        state.add(MultiGauge.Row.of(tags.and("state", each.name().toLowerCase(Locale.ROOT)),
            server.state() == each ? 1 : 0));
      }
    }
    serverLoad.register(load, true);
    serverMeetings.register(meetings, true);
    serverUsers.register(users, true);
    serverLargestMeeting.register(largest, true);
    serverVideos.register(videos, true);
    serverOnline.register(online, true);
    serverState.register(state, true);
  }

  public void recordingImported() {
    recordingsImported.increment();
  }

  public void recordingImportFailed() {
    recordingImportFailures.increment();
  }

  /** A recording file request answered: its playback format (a configured one), HTTP status and body bytes. */
  public void recordingServed(String format, int status, long bytes) {
    Counter.builder("switchboard.recordings.requests").description("Recording file requests, by format and status")
        .tags("format", format, "status", Integer.toString(status)).register(registry).increment();
    if (bytes > 0) {
      Counter.builder("switchboard.recordings.served").baseUnit("bytes")
          .description("Bytes of recording files sent, by format")
          .tag("format", format).register(registry).increment(bytes);
    }
  }

  /**
   * A Caffeine cache's statistics, read when scraped, under Micrometer's cache meter names ({@code cache_gets_total}
   * with {@code result} hit or miss, {@code cache_evictions_total}), tagged with {@code cache}.
   */
  public void cache(String name, Supplier<CacheStats> stats) {
    cacheSources.add(stats);
    FunctionCounter.builder("cache.gets", stats, source -> source.get().hitCount())
        .tags("cache", name, "result", "hit").description("Cache reads answered from the cache").register(registry);
    FunctionCounter.builder("cache.gets", stats, source -> source.get().missCount())
        .tags("cache", name, "result", "miss").description("Cache reads that went to the store").register(registry);
    FunctionCounter.builder("cache.evictions", stats, source -> source.get().evictionCount())
        .tags("cache", name).description("Entries the cache dropped").register(registry);
  }

  /** A gauge read when scraped, e.g. a connection pool's size. */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(name, source, value).description(description).register(registry);
  }

  /** A gauge whose value is supplied when scraped. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  private static Set<String> callNames() {
    Set<String> names = new HashSet<>();
    for (ApiCall call : ApiCall.values()) {
      names.add(call.callName());
    }
    return Set.copyOf(names);
  }
}
