package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.switchboard.storage.RecordingTokenStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RecordingTokenStore} on Scalelite's {@code protector_token_<token>} strings (spec §7.7): the JSON
 * {@code {"record_id":"…","format":"…"}} under a {@code PX} expiry, consumed with {@code GETDEL}, atomic as
 * Scalelite's {@code MULTI GET DEL} is (on a Redis older than 6.2, which does not know GETDEL, a Lua GET + DEL). A time to live beyond a hundred years stores the token
 * without expiry (Redis refuses expiries that overflow its clock).
 */
final class RedisRecordingTokenStore implements RecordingTokenStore {
  private static final Logger log = LoggerFactory.getLogger(RedisRecordingTokenStore.class);
  private static final Duration NO_EXPIRY_BEYOND = Duration.ofDays(36_500);

  /** KEYS: token. GET and DEL in one step, for Redis before 6.2, which has no GETDEL. */
  private static final RedisConnection.Script GET_AND_DELETE = RedisConnection.Script.of("""
      local value = redis.call('GET', KEYS[1])
      if value then redis.call('DEL', KEYS[1]) end
      return value
      """);

  private final RedisConnection redis;
  private final Keys keys;
  private volatile boolean getdelUnknown;

  RedisRecordingTokenStore(RedisConnection redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public CompletionStage<Void> put(String token, Grant grant, Duration timeToLive) {
    requireNonNull(token, "token");
    requireNonNull(grant, "grant");
    requireNonNull(timeToLive, "timeToLive");
    if (timeToLive.isNegative() || timeToLive.isZero()) {
      throw new IllegalArgumentException("timeToLive: " + timeToLive + " (expected: > 0)");
    }
    Map<String, String> json = new LinkedHashMap<>();
    json.put("record_id", grant.recordId());
    json.put("format", grant.format());
    String value = FlatJson.write(json);
    String key = keys.protectorToken(token);
    if (timeToLive.compareTo(NO_EXPIRY_BEYOND) > 0) {
      return redis.call(commands -> commands.set(key, value)).thenApply(ok -> null);
    }
    long millis = Math.max(1, timeToLive.toMillis() + (timeToLive.toNanosPart() % 1_000_000 == 0 ? 0 : 1));
    return redis.call(commands -> commands.set(key, value, SetArgs.Builder.px(millis))).thenApply(ok -> null);
  }

  /** Uses the Lua GET + DEL from now on, as on a Redis without GETDEL (for tests). */
  void withoutGetdel() {
    getdelUnknown = true;
  }

  private CompletionStage<@Nullable String> getAndDelete(String key) {
    if (getdelUnknown) {
      return redis.eval(GET_AND_DELETE, ScriptOutputType.VALUE, new String[] {key});
    }
    return redis.<@Nullable String>call(commands -> commands.getdel(key)).exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
      if (cause instanceof RedisCommandExecutionException && message.contains("unknown command")) {
        getdelUnknown = true;
        return redis.eval(GET_AND_DELETE, ScriptOutputType.VALUE, new String[] {key});
      }
      return CompletableFuture.failedStage(cause);
    });
  }

  @Override
  public CompletionStage<Optional<Grant>> consume(String token) {
    requireNonNull(token, "token");
    return getAndDelete(keys.protectorToken(token)).thenApply(value -> {
      if (value == null) {
        return Optional.empty();
      }
      Optional<Grant> grant = FlatJson.read(value).flatMap(json -> {
        String recordId = json.get("record_id");
        String format = json.get("format");
        return recordId == null || format == null ? Optional.empty() : Optional.of(new Grant(recordId, format));
      });
      if (grant.isEmpty()) {
        log.warn("ignoring protected recording token whose Redis value is unusable: {}", value);
      }
      return grant;
    });
  }
}
