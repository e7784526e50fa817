package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.switchboard.storage.LoadTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link LoadTable} on Scalelite's {@code server_load} sorted set (spec §5.2, §5.4).
 *
 * <p>{@link #incrementLeastLoaded} is one Lua script, so Redis runs the choice and the increment with no other command
 * in between, whichever instance sends them. It compares {@code tonumber(ZSCORE)} values as Lua doubles (parsed with
 * {@code strtod} from the decimal Redis replies with, which round-trips), exactly; equal scores go to the id whose bytes
 * come first, compared byte by byte rather than with Lua's {@code <} on strings, which is {@code strcoll} under the
 * {@code LC_COLLATE} Redis took from its environment. Amounts are sent as {@link Double#toString}, which also
 * round-trips.
 */
final class RedisLoadTable implements LoadTable {
  /** KEYS[1] = server_load; ARGV = id1, amount1, id2, amount2, …; returns the chosen id, or false (nil). */
  private static final RedisConnection.Script INCREMENT_LEAST_LOADED = RedisConnection.Script.of("""
      local function before(a, b)
        local n = math.min(#a, #b)
        for i = 1, n do
          local x, y = string.byte(a, i), string.byte(b, i)
          if x ~= y then
            return x < y
          end
        end
        return #a < #b
      end
      local best, least, amount
      for i = 1, #ARGV, 2 do
        local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
        if score then
          score = tonumber(score)
          if not best or score < least or (score == least and before(ARGV[i], best)) then
            best, least, amount = ARGV[i], score, ARGV[i + 1]
          end
        end
      end
      if not best then
        return false
      end
      redis.call('ZINCRBY', KEYS[1], amount, best)
      return best
      """);

  private final RedisConnection redis;
  private final Keys keys;

  RedisLoadTable(RedisConnection redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public CompletionStage<Map<String, Double>> snapshot() {
    return redis.call(commands -> commands.zrangeWithScores(keys.serverLoad(), 0, -1))
        .thenApply(RedisLoadTable::toMap);
  }

  /** Ascending load, ties by id, as {@code ZRANGE} returns them (and Scalelite walks them). */
  private static Map<String, Double> toMap(List<ScoredValue<String>> scored) {
    Map<String, Double> loads = new LinkedHashMap<>();
    for (ScoredValue<String> entry : scored) {
      loads.put(entry.getValue(), entry.getScore());
    }
    return Collections.unmodifiableMap(loads);
  }

  @Override
  public CompletionStage<Void> set(String serverId, double load) {
    requireNonNull(serverId, "serverId");
    requireFinite("load", load);
    return redis.call(commands -> commands.zadd(keys.serverLoad(), load, serverId)).thenApply(added -> null);
  }

  @Override
  public CompletionStage<Void> remove(String serverId) {
    requireNonNull(serverId, "serverId");
    return redis.call(commands -> commands.zrem(keys.serverLoad(), serverId)).thenApply(removed -> null);
  }

  @Override
  public CompletionStage<Void> increment(String serverId, double amount) {
    requireNonNull(serverId, "serverId");
    requireFinite("amount", amount);
    return redis.call(commands -> commands.zaddincr(keys.serverLoad(), ZAddArgs.Builder.xx(), amount, serverId))
        .thenApply(score -> null);
  }

  @Override
  public CompletionStage<Optional<String>> incrementLeastLoaded(Map<String, Double> candidates) {
    requireNonNull(candidates, "candidates");
    String[] args = new String[2 * candidates.size()];
    int i = 0;
    for (Map.Entry<String, Double> candidate : candidates.entrySet()) {
      String id = requireNonNull(candidate.getKey(), "candidates: a null server id");
      Double amount = requireNonNull(candidate.getValue(), () -> "candidates: no amount for " + id);
      args[i++] = id;
      args[i++] = Double.toString(requireFinite("candidates: amount of " + id, amount));
    }
    if (args.length == 0) {
      return CompletableFuture.completedStage(Optional.empty());
    }
    return redis.<String>eval(INCREMENT_LEAST_LOADED, ScriptOutputType.VALUE, new String[] {keys.serverLoad()}, args)
        .thenApply(Optional::ofNullable);
  }

  static double requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: finite)");
    }
    return value;
  }
}
