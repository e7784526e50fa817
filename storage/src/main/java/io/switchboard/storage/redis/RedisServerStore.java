package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.conf.ServerState;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.ServerStore;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ServerStore} on Scalelite's server keys (spec §7.1): the {@code servers} set, the {@code server:<id>} hash,
 * the counters hash at the bare id, the {@code server_enabled} set and the {@code server_load} /
 * {@code cordoned_server_load} sorted sets, maintained on every write as {@code Server#save} does (spec §6.4).
 *
 * <p>Reading follows {@code Server.find}: a server without {@code state} (written by an older Scalelite) is enabled iff
 * it is in {@code server_enabled}, otherwise disabled; {@code online} is {@code "true"} or not; a missing or unusable
 * {@code load_multiplier} is 1.0. A hash that cannot make a {@link ServerRecord} (no {@code url} or {@code secret}) is
 * logged and treated as absent. Tags: Scalelite has one {@code tag} field; a server with several tags stores the
 * (alphabetically) first in {@code tag}, for Scalelite, and all of them comma-separated in {@code switchboard_tags},
 * which is read in preference to {@code tag} when present.
 *
 * <p>Writing replaces every field Switchboard knows in one Lua script (atomic), leaving unknown fields alone, and always
 * writes {@code state}. Set maintenance: enabled → {@code SADD server_enabled}, {@code ZREM cordoned_server_load}, and
 * when online the load stays in {@code server_load} (a cordoned load, if any, is moved back there, as Scalelite's
 * enable does), when offline {@code ZREM server_load}; cordoned → {@code SREM server_enabled}, the {@code server_load}
 * score moves to {@code cordoned_server_load} (offline: removed from both); disabled → out of all three.
 *
 * <p>{@link #update} is optimistic, WATCH-like but on a shared connection: it reads the hash, the counters hash and the
 * {@code server_enabled} membership in one script, applies the change, and writes in a script that first checks those
 * three are still exactly what was read (any writer's change, Scalelite's included, trips it) and otherwise retries.
 * Updates of one server issued by this instance run one after the other, so only other writers cause retries.
 */
final class RedisServerStore implements ServerStore {
  private static final Logger log = LoggerFactory.getLogger(RedisServerStore.class);

  static final String SWITCHBOARD_TAGS = "switchboard_tags";
  private static final int MAX_UPDATE_ATTEMPTS = 10_000;

  /** KEYS: server hash, server_enabled, counters hash; ARGV: id. Returns {hash, enabled (0/1), counters}. */
  private static final RedisConnection.Script READ = RedisConnection.Script.of("""
      return {redis.call('HGETALL', KEYS[1]), redis.call('SISMEMBER', KEYS[2], ARGV[1]),
        redis.call('HGETALL', KEYS[3])}
      """);

  /**
   * KEYS: server hash, counters hash, servers, server_enabled, server_load, cordoned_server_load. ARGV: id, check (1/0),
   * expected enabled (0/1), expected hash (count, pairs), expected counters (count, pairs), fields to set (count, pairs),
   * fields to delete (count, names), healthy_counter, unhealthy_counter, state, online. Returns 1, or 0 when check is 1
   * and the hash, the counters or the membership differ from what was expected.
   */
  private static final RedisConnection.Script WRITE = RedisConnection.Script.of("""
      local id = ARGV[1]
      local function same_hash(key, from)
        local n = tonumber(ARGV[from])
        local current = redis.call('HGETALL', key)
        if #current ~= 2 * n then return false end
        local map = {}
        for j = 1, #current, 2 do map[current[j]] = current[j + 1] end
        for j = 0, n - 1 do
          if map[ARGV[from + 1 + 2 * j]] ~= ARGV[from + 2 + 2 * j] then return false end
        end
        return true
      end
      local pos = 4
      local hash_from = pos
      pos = pos + 1 + 2 * tonumber(ARGV[pos])
      local counters_from = pos
      pos = pos + 1 + 2 * tonumber(ARGV[pos])
      if ARGV[2] == '1' then
        if tostring(redis.call('SISMEMBER', KEYS[4], id)) ~= ARGV[3] or not same_hash(KEYS[1], hash_from)
            or not same_hash(KEYS[2], counters_from) then
          return 0
        end
      end
      local set_count = tonumber(ARGV[pos])
      local fields = {}
      for j = 1, 2 * set_count do fields[j] = ARGV[pos + j] end
      pos = pos + 1 + 2 * set_count
      redis.call('HSET', KEYS[1], unpack(fields))
      local del_count = tonumber(ARGV[pos])
      for j = 1, del_count do redis.call('HDEL', KEYS[1], ARGV[pos + j]) end
      pos = pos + 1 + del_count
      redis.call('HSET', KEYS[2], 'healthy_counter', ARGV[pos], 'unhealthy_counter', ARGV[pos + 1])
      local state = ARGV[pos + 2]
      local online = ARGV[pos + 3] == 'true'
      redis.call('SADD', KEYS[3], id)
      if state == 'enabled' then
        redis.call('SADD', KEYS[4], id)
        if online then
          if not redis.call('ZSCORE', KEYS[5], id) then
            local cordoned = redis.call('ZSCORE', KEYS[6], id)
            if cordoned then redis.call('ZADD', KEYS[5], cordoned, id) end
          end
        else
          redis.call('ZREM', KEYS[5], id)
        end
        redis.call('ZREM', KEYS[6], id)
      elseif state == 'cordoned' then
        redis.call('SREM', KEYS[4], id)
        if online then
          local load = redis.call('ZSCORE', KEYS[5], id)
          if load then redis.call('ZADD', KEYS[6], load, id) end
        else
          redis.call('ZREM', KEYS[6], id)
        end
        redis.call('ZREM', KEYS[5], id)
      else
        redis.call('SREM', KEYS[4], id)
        redis.call('ZREM', KEYS[5], id)
        redis.call('ZREM', KEYS[6], id)
      end
      return 1
      """);

  /** KEYS: server hash, servers, server_load, server_enabled, cordoned_server_load; ARGV: id. The counters stay. */
  private static final RedisConnection.Script REMOVE = RedisConnection.Script.of("""
      local existed = redis.call('DEL', KEYS[1])
      redis.call('SREM', KEYS[2], ARGV[1])
      redis.call('ZREM', KEYS[3], ARGV[1])
      redis.call('SREM', KEYS[4], ARGV[1])
      redis.call('ZREM', KEYS[5], ARGV[1])
      return existed
      """);

  private final RedisConnection redis;
  private final Keys keys;
  private final Runnable loadChanged;
  private final ConcurrentHashMap<String, CompletableFuture<Void>> updateTurns = new ConcurrentHashMap<>();

  /** @param loadChanged called after every write, which may have moved the server in or out of the load table */
  RedisServerStore(RedisConnection redis, Keys keys, Runnable loadChanged) {
    this.redis = redis;
    this.keys = keys;
    this.loadChanged = loadChanged;
  }

  @Override
  public CompletionStage<List<ServerRecord>> all() {
    return redis.call(commands -> commands.smembers(keys.servers())).thenCompose(ids -> {
      List<CompletableFuture<Optional<ServerRecord>>> reads = new ArrayList<>();
      for (String id : ids) {
        reads.add(find(id).toCompletableFuture());
      }
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> reads.stream()
          .map(CompletableFuture::join)
          .flatMap(Optional::stream)
          .sorted(Comparator.comparing(ServerRecord::id))
          .toList());
    });
  }

  @Override
  public CompletionStage<Optional<ServerRecord>> find(String id) {
    requireNonNull(id, "id");
    return read(id).thenApply(raw -> parse(id, raw));
  }

  @Override
  public CompletionStage<Void> save(ServerRecord server) {
    requireNonNull(server, "server");
    List<String> args;
    try {
      args = writeArgs(server, null);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedStage(e);
    }
    return write(server.id(), args).thenApply(written -> null);
  }

  @Override
  public CompletionStage<Optional<ServerRecord>> update(String id, UnaryOperator<ServerRecord> change) {
    requireNonNull(id, "id");
    requireNonNull(change, "change");
    // Updates of one server from this instance take turns, so they do not make each other retry; the optimistic check
    // still guards against every other writer (other instances, Scalelite, save).
    CompletableFuture<Void> turn = new CompletableFuture<>();
    CompletableFuture<Void> previous = updateTurns.put(id, turn);
    CompletionStage<Optional<ServerRecord>> result = (previous == null ? CompletableFuture.<Void>completedFuture(null)
        : previous).thenCompose(ready -> update(id, change, 1));
    return result.whenComplete((updated, failure) -> {
      updateTurns.remove(id, turn);
      turn.complete(null);
    });
  }

  private CompletionStage<Optional<ServerRecord>> update(String id, UnaryOperator<ServerRecord> change, int attempt) {
    return read(id).thenCompose(raw -> {
      Optional<ServerRecord> current = parse(id, raw);
      if (current.isEmpty()) {
        return CompletableFuture.completedStage(Optional.<ServerRecord>empty());
      }
      ServerRecord next = requireNonNull(change.apply(current.get()), "change returned null");
      if (!next.id().equals(id)) {
        throw new IllegalArgumentException("change: turned id " + id + " into " + next.id()
            + " (expected: the same id)");
      }
      return write(id, writeArgs(next, raw)).thenCompose(written -> {
        if (written) {
          return CompletableFuture.completedStage(Optional.of(next));
        }
        if (attempt >= MAX_UPDATE_ATTEMPTS) {
          throw new ConcurrentModificationException(
              "server " + id + " changed under " + attempt + " consecutive updates");
        }
        return update(id, change, attempt + 1);
      });
    });
  }

  @Override
  public CompletionStage<Boolean> remove(String id) {
    requireNonNull(id, "id");
    String[] scriptKeys = {keys.server(id), keys.servers(), keys.serverLoad(), keys.serverEnabled(),
        keys.cordonedServerLoad()};
    return redis.<Long>eval(REMOVE, ScriptOutputType.INTEGER, scriptKeys, id)
        .whenComplete((existed, failure) -> loadChanged.run())
        .thenApply(existed -> existed == 1L);
  }

  /** The raw state of one server, read atomically. */
  record Raw(Map<String, String> hash, boolean enabled, Map<String, String> counters) {}

  private CompletionStage<Raw> read(String id) {
    String[] scriptKeys = {keys.server(id), keys.serverEnabled(), keys.serverCounters(id)};
    return redis.<List<Object>>eval(READ, ScriptOutputType.MULTI, scriptKeys, id)
        .thenApply(reply -> new Raw(pairs(reply.get(0)), Long.valueOf(1L).equals(reply.get(1)), pairs(reply.get(2))));
  }

  private CompletionStage<Boolean> write(String id, List<String> args) {
    String[] scriptKeys = {keys.server(id), keys.serverCounters(id), keys.servers(), keys.serverEnabled(),
        keys.serverLoad(), keys.cordonedServerLoad()};
    return redis.<Long>eval(WRITE, ScriptOutputType.INTEGER, scriptKeys, args.toArray(String[]::new))
        .whenComplete((written, failure) -> loadChanged.run())
        .thenApply(written -> written == 1L);
  }

  /** The write script's arguments; with {@code expected}, the write applies only if the server is still as read. */
  static List<String> writeArgs(ServerRecord server, @Nullable Raw expected) {
    List<String> args = new ArrayList<>();
    args.add(server.id());
    args.add(expected == null ? "0" : "1");
    args.add(expected != null && expected.enabled() ? "1" : "0");
    addPairs(args, expected == null ? Map.of() : expected.hash());
    addPairs(args, expected == null ? Map.of() : expected.counters());
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("url", server.url().toString());
    fields.put("secret", server.secret());
    fields.put("online", Boolean.toString(server.online()));
    fields.put("load_multiplier", formatMultiplier(server.loadMultiplier()));
    fields.put("state", server.state().wireName());
    fields.put("meetings", Integer.toString(server.meetings()));
    fields.put("users", Integer.toString(server.users()));
    fields.put("largest_meeting", Integer.toString(server.largestMeeting()));
    fields.put("videos", Integer.toString(server.videos()));
    fields.put("bbb_version", server.bbbVersion());
    List<String> deleted = new ArrayList<>();
    List<String> tags = server.tags().stream().sorted().toList();
    if (tags.isEmpty()) {
      deleted.add("tag");
      deleted.add(SWITCHBOARD_TAGS);
    } else {
      fields.put("tag", tags.get(0));
      if (tags.size() == 1) {
        deleted.add(SWITCHBOARD_TAGS);
      } else {
        for (String tag : tags) {
          if (tag.contains(",")) {
            throw new IllegalArgumentException("tags: " + tags
                + " (expected: no ',' in a tag of a server with several tags, they are stored comma-separated)");
          }
        }
        fields.put(SWITCHBOARD_TAGS, String.join(",", tags));
      }
    }
    addPairs(args, fields);
    args.add(Integer.toString(deleted.size()));
    args.addAll(deleted);
    args.add(Integer.toString(server.healthyCounter()));
    args.add(Integer.toString(server.unhealthyCounter()));
    args.add(server.state().wireName());
    args.add(Boolean.toString(server.online()));
    return args;
  }

  private static void addPairs(List<String> args, Map<String, String> pairs) {
    args.add(Integer.toString(pairs.size()));
    pairs.forEach((field, value) -> {
      args.add(field);
      args.add(value);
    });
  }

  /** A decimal string as Scalelite stores it ({@code 1.0}, {@code 2.5}), never in exponent notation. */
  static String formatMultiplier(double multiplier) {
    return BigDecimal.valueOf(multiplier).toPlainString();
  }

  /** The record the raw keys make, or empty when the hash is absent or unusable (logged). */
  static Optional<ServerRecord> parse(String id, Raw raw) {
    Map<String, String> hash = raw.hash();
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    try {
      String url = hash.get("url");
      String secret = hash.get("secret");
      if (url == null || url.isBlank() || secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("no url or no secret");
      }
      ServerState state = Optional.ofNullable(hash.get("state"))
          .flatMap(ServerState::parse)
          .orElse(raw.enabled() ? ServerState.ENABLED : ServerState.DISABLED);
      return Optional.of(new ServerRecord(
          id,
          URI.create(url.trim()),
          secret,
          state,
          "true".equals(hash.get("online")),
          parseMultiplier(hash.get("load_multiplier")),
          parseTags(hash),
          count(raw.counters().get("healthy_counter")),
          count(raw.counters().get("unhealthy_counter")),
          count(hash.get("meetings")),
          count(hash.get("users")),
          count(hash.get("largest_meeting")),
          count(hash.get("videos")),
          hash.getOrDefault("bbb_version", "")));
    } catch (IllegalArgumentException e) {
      log.warn("ignoring server {} whose Redis hash is unusable: {}", id, e.getMessage());
      return Optional.empty();
    }
  }

  private static Set<String> parseTags(Map<String, String> hash) {
    String all = hash.get(SWITCHBOARD_TAGS);
    Set<String> tags = new LinkedHashSet<>();
    if (all != null && !all.isBlank()) {
      for (String tag : all.split(",")) {
        if (!tag.isBlank()) {
          tags.add(tag);
        }
      }
    }
    if (tags.isEmpty()) {
      String tag = hash.get("tag");
      if (tag != null && !tag.isBlank()) {
        tags.add(tag);
      }
    }
    return tags;
  }

  private static double parseMultiplier(@Nullable String value) {
    if (value == null) {
      return 1.0;
    }
    try {
      double multiplier = Double.parseDouble(value.trim());
      return multiplier > 0 && Double.isFinite(multiplier) ? multiplier : 1.0;
    } catch (NumberFormatException e) {
      return 1.0;
    }
  }

  /** A non-negative integer string; anything else (absent, empty, garbage, negative) is 0. */
  static int count(@Nullable String value) {
    if (value == null) {
      return 0;
    }
    try {
      long number = Long.parseLong(value.trim());
      return (int) Math.max(0, Math.min(Integer.MAX_VALUE, number));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A flat {@code HGETALL} reply as a map. */
  @SuppressWarnings("unchecked")
  static Map<String, String> pairs(Object reply) {
    List<Object> flat = reply instanceof List<?> list ? (List<Object>) list : List.of();
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return map;
  }
}
