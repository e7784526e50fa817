package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.storage.Leases;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The {@link Leases} on Redis: one string per lease, {@code <namespace>:switchboard:lease:<name>} holding the holder,
 * with a {@code PX} expiry; every operation is a Lua script comparing the holder first, so a holder whose lease expired
 * and was taken over can neither renew nor release the new holder's lease.
 */
final class RedisLeases implements Leases {
  /** KEYS: lease; ARGV: holder, ttl ms. SET NX PX, or extend when already held by this holder. */
  private static final RedisConnection.Script ACQUIRE = RedisConnection.Script.of("""
      local holder = redis.call('GET', KEYS[1])
      if not holder then
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
      end
      if holder == ARGV[1] then
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
      end
      return 0
      """);

  /** KEYS: lease; ARGV: holder, ttl ms. Extends only this holder's lease. */
  private static final RedisConnection.Script RENEW = RedisConnection.Script.of("""
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
      end
      return 0
      """);

  /** KEYS: lease; ARGV: holder. Compare and delete. */
  private static final RedisConnection.Script RELEASE = RedisConnection.Script.of("""
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """);

  private final RedisConnection redis;
  private final Keys keys;

  RedisLeases(RedisConnection redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public CompletionStage<Boolean> tryAcquire(String name, String holder, Duration ttl) {
    String millis = check(name, holder, ttl);
    return redis.<Long>eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {keys.lease(name)}, holder, millis)
        .thenApply(held -> held == 1L);
  }

  @Override
  public CompletionStage<Boolean> renew(String name, String holder, Duration ttl) {
    String millis = check(name, holder, ttl);
    return redis.<Long>eval(RENEW, ScriptOutputType.INTEGER, new String[] {keys.lease(name)}, holder, millis)
        .thenApply(held -> held == 1L);
  }

  @Override
  public CompletionStage<Void> release(String name, String holder) {
    requireNonNull(name, "name");
    requireNonNull(holder, "holder");
    return redis.<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[] {keys.lease(name)}, holder)
        .thenApply(released -> null);
  }

  private static String check(String name, String holder, Duration ttl) {
    requireNonNull(name, "name");
    requireNonNull(holder, "holder");
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
    }
    if (ttl.compareTo(Duration.ofDays(36_500)) > 0) {
      throw new IllegalArgumentException("ttl: " + ttl + " (expected: at most 100 years)");
    }
    return Long.toString(Math.max(1, ttl.toMillis()));
  }
}
