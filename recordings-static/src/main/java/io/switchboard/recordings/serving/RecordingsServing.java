package io.switchboard.recordings.serving;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.conf.RecordingsConfig;
import io.switchboard.conf.TenantsConfig;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.files.RecordingTrees;
import io.switchboard.recordings.tenants.TenantLookup;
import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything playback shares across connections (spec §9.10–§9.12): the recordings configuration, the recording and
 * token stores, the recording trees, the bounded executor that runs every {@code stat} and {@code open} (never an event
 * loop), whether connections are TLS, and the clock that dates access cookies. With multitenancy on (spec §3.4,
 * §10.3), a recording is served only on its tenant's host ({@code <tenant name>.<domain>}); a host naming no tenant
 * gets no recording at all. Immutable; each connection's {@link RecordingsHandler} reads it. With recordings disabled
 * it claims no request.
 */
public final class RecordingsServing {
  private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");

  private final RecordingsConfig config;
  private final RecordingStore store;
  private final RecordingTokenStore tokens;
  private final RecordingFiles files;
  private final @Nullable TenantLookup hostTenants;
  private final ExecutorService blockingExecutor;
  private final boolean tls;
  private final Router router;
  private final AccessCookie cookie;
  private final ServedListener servedListener;

  /**
   * @param blockingExecutor a bounded executor for disk calls; when it rejects a task the request is answered 503
   * @param tls whether connections are TLS: file bodies are then chunked, and the proxy must put a
   *     {@link io.netty.handler.stream.ChunkedWriteHandler} in front of the handler
   */
  public RecordingsServing(RecordingsConfig config, RecordingStore store, RecordingTokenStore tokens,
      ExecutorService blockingExecutor, boolean tls, Clock clock) {
    this(config, store, tokens, new RecordingFiles(config), null, blockingExecutor, tls, clock, ServedListener.NONE);
  }

  /**
   * Playback with tenants: recordings of the tenants of {@code tenantsConfig} that have trees of their own are served
   * from them, found through {@code files}, and with {@code tenantsConfig.enabled()} each recording only on its
   * tenant's host, which {@code tenants} resolves; {@code served} hears of every file request answered. Other arguments
   * as for the constructor without tenants.
   */
  public RecordingsServing(RecordingsConfig config, TenantsConfig tenantsConfig, RecordingStore store,
      RecordingTokenStore tokens, RecordingFiles files, TenantLookup tenants, ExecutorService blockingExecutor,
      boolean tls, Clock clock, ServedListener served) {
    this(config, store, tokens, files, hostTenants(tenantsConfig, tenants), blockingExecutor, tls, clock, served);
  }

  private RecordingsServing(RecordingsConfig config, RecordingStore store, RecordingTokenStore tokens,
      RecordingFiles files, @Nullable TenantLookup hostTenants, ExecutorService blockingExecutor, boolean tls,
      Clock clock, ServedListener served) {
    this.servedListener = requireNonNull(served, "served");
    this.config = requireNonNull(config, "config");
    this.store = requireNonNull(store, "store");
    this.tokens = requireNonNull(tokens, "tokens");
    this.files = requireNonNull(files, "files");
    this.hostTenants = hostTenants;
    this.blockingExecutor = requireNonNull(blockingExecutor, "blockingExecutor");
    this.tls = tls;
    requireNonNull(clock, "clock");
    this.router = new Router(config.playbackFormats());
    this.cookie = new AccessCookie(config.protection().signingKey(), config.protection().cookieTimeout(), clock);
  }

  /**
   * Whether requests for {@code path} (the request target's path, without query) are playback's: {@code /playback/…},
   * {@code /recording/…} and {@code /<format>/…} for the configured playback formats, when recordings are enabled.
   */
  public boolean handles(String path) {
    return config.enabled() && router.claims(path);
  }

  ServedListener servedListener() {
    return servedListener;
  }

  /** The route of a request, or null when the request is not playback's and goes on down the pipeline. */
  @Nullable Route route(HttpMethod method, String requestTarget) {
    return config.enabled() ? router.route(method, requestTarget) : null;
  }

  /** The look-up of host labels, or null when multitenancy is off and every host reaches every recording. */
  private static @Nullable TenantLookup hostTenants(TenantsConfig tenantsConfig, TenantLookup tenants) {
    requireNonNull(tenants, "tenants");
    return requireNonNull(tenantsConfig, "tenantsConfig").enabled() ? tenants : null;
  }

  /**
   * The recordings a request on a host whose first label is {@code hostLabel} may reach: {@code ""} for all of them
   * when multitenancy is off, else the id of the tenant the label names; empty when it names none (a bare domain, an
   * address, an unknown or removed tenant), which may reach no recording. Never blocks; fails when the tenant store
   * does.
   */
  CompletionStage<Optional<String>> scope(Optional<String> hostLabel) {
    if (hostTenants == null) {
      return CompletableFuture.completedStage(Optional.of(""));
    }
    if (hostLabel.isEmpty()) {
      return CompletableFuture.completedStage(Optional.empty());
    }
    return hostTenants.byName(hostLabel.get()).thenApply(tenant -> tenant.map(Tenant::id));
  }

  /**
   * Whether the files of {@code format} of {@code recording} may be served to a client with {@code cookies} on a host
   * of tenant {@code scope} (see {@link #scope}): the recording exists, is the tenant's, is published and has the
   * format, and — when protection is on and the recording is protected — a valid access cookie for
   * {@code /<format>/<rid>} came along (spec §9.10 "resource").
   */
  boolean mayServe(Optional<Recording> recording, String format, List<String> cookies, String scope) {
    if (!playable(recording, format, scope)) {
      return false;
    }
    Recording found = recording.get();
    return !(config.protection().enabled() && found.protectedRecording())
        || cookie.grants(cookies, format, found.recordId());
  }

  /**
   * The format a getRecordings link leads to, when the recording is tenant {@code scope}'s, published and has it
   * (spec §9.10 "play").
   */
  Optional<PlaybackFormat> playableFormat(Optional<Recording> recording, String format, String scope) {
    return playable(recording, format, scope) ? recording.get().format(format) : Optional.empty();
  }

  /** Whether {@code token} has the shape of getRecordings' one-time tokens (64 lower-case hex digits). */
  static boolean wellFormedToken(String token) {
    return TOKEN.matcher(token).matches();
  }

  private static boolean playable(Optional<Recording> recording, String format, String scope) {
    return recording.isPresent() && (scope.isEmpty() || scope.equals(recording.get().tenantId()))
        && recording.get().published() && recording.get().format(format).isPresent();
  }

  /**
   * The published trees the files of {@code recording} are looked for in, in order: its tenant's own, then the
   * global one (see {@link RecordingFiles#placement}). Never blocks.
   */
  CompletionStage<List<Path>> publishedTrees(Recording recording) {
    return files.placement(recording.tenantId())
        .thenApply(placement -> placement.trees().stream().map(RecordingTrees::publishDir).toList());
  }

  String setCookie(String format, String recordId, boolean secure) {
    return cookie.setCookie(format, recordId, secure);
  }

  RecordingStore store() {
    return store;
  }

  RecordingTokenStore tokens() {
    return tokens;
  }

  ExecutorService blockingExecutor() {
    return blockingExecutor;
  }

  boolean tls() {
    return tls;
  }

  Optional<Path> playerDir() {
    return config.playerDir();
  }
}
