package io.switchboard.recordings.serving;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.conf.RecordingsConfig;
import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything playback shares across connections (spec §9.10–§9.12): the recordings configuration, the recording and
 * token stores, the bounded executor that runs every {@code stat} and {@code open} (never an event loop), whether
 * connections are TLS, and the clock that dates access cookies. Immutable; each connection's {@link RecordingsHandler}
 * reads it. With recordings disabled it claims no request.
 */
public final class RecordingsServing {
  private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");

  private final RecordingsConfig config;
  private final RecordingStore store;
  private final RecordingTokenStore tokens;
  private final ExecutorService blockingExecutor;
  private final boolean tls;
  private final Router router;
  private final AccessCookie cookie;

  /**
   * @param blockingExecutor a bounded executor for disk calls; when it rejects a task the request is answered 503
   * @param tls whether connections are TLS: file bodies are then chunked, and the proxy must put a
   *     {@link io.netty.handler.stream.ChunkedWriteHandler} in front of the handler
   */
  public RecordingsServing(RecordingsConfig config, RecordingStore store, RecordingTokenStore tokens,
      ExecutorService blockingExecutor, boolean tls, Clock clock) {
    this.config = requireNonNull(config, "config");
    this.store = requireNonNull(store, "store");
    this.tokens = requireNonNull(tokens, "tokens");
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

  /** The route of a request, or null when the request is not playback's and goes on down the pipeline. */
  @Nullable Route route(HttpMethod method, String requestTarget) {
    return config.enabled() ? router.route(method, requestTarget) : null;
  }

  /**
   * Whether the files of {@code format} of {@code recording} may be served to a client with {@code cookies}: the
   * recording exists, is published and has the format, and — when protection is on and the recording is protected —
   * a valid access cookie for {@code /<format>/<rid>} came along (spec §9.10 "resource").
   */
  boolean mayServe(Optional<Recording> recording, String format, List<String> cookies) {
    if (!playable(recording, format)) {
      return false;
    }
    Recording found = recording.get();
    return !(config.protection().enabled() && found.protectedRecording())
        || cookie.grants(cookies, format, found.recordId());
  }

  /** The format a getRecordings link leads to, when the recording is published and has it (spec §9.10 "play"). */
  Optional<PlaybackFormat> playableFormat(Optional<Recording> recording, String format) {
    return playable(recording, format) ? recording.get().format(format) : Optional.empty();
  }

  /** Whether {@code token} has the shape of getRecordings' one-time tokens (64 lower-case hex digits). */
  static boolean wellFormedToken(String token) {
    return TOKEN.matcher(token).matches();
  }

  private static boolean playable(Optional<Recording> recording, String format) {
    return recording.isPresent() && recording.get().published() && recording.get().format(format).isPresent();
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

  Path publishDir() {
    return config.publishDir();
  }

  Optional<Path> playerDir() {
    return config.playerDir();
  }
}
