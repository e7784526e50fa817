package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.MeetingStore;
import io.switchboard.storage.VoiceBridgeTakenException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MeetingStore} on Scalelite's meeting keys (spec §7.2–§7.4): the {@code meetings} set, the
 * {@code meeting:<id>} hash ({@code server_id}, {@code moderator_pw}, {@code voice_bridge}, {@code tenant_id} with
 * {@code ""} for none, and Switchboard's own {@code created_at} in epoch milliseconds, which Scalelite ignores) under a
 * {@code PEXPIRE} of the meeting TTL, and the {@code voice_bridges} hash.
 *
 * <p>Expiry is Redis's: a meeting is gone when its hash expires. Its id may linger in {@code meetings} and its number in
 * {@code voice_bridges} (as in Scalelite): {@link #all} prunes the ids it finds dead, and a voice bridge whose holder's
 * hash is gone (or holds another number) counts as free and is reclaimed by the next create that draws it.
 *
 * <p>A meeting written by Scalelite has no {@code created_at}: it reads as created at the epoch, i.e. older than any
 * poll, so the poller may forget it as soon as its server stops reporting it (what Scalelite's poller does too).
 * {@code created_at} is rounded up to the millisecond, so a meeting never reads as created before it was.
 */
final class RedisMeetingStore implements MeetingStore {
  private static final Logger log = LoggerFactory.getLogger(RedisMeetingStore.class);

  /**
   * KEYS: meeting hash, voice_bridges, meetings. ARGV: id, server_id, moderator_pw, voice_bridge, tenant_id,
   * created_at, ttl in ms, meeting key prefix. Returns {'existing', hash} / {'taken'} / {'created'}.
   */
  private static final RedisConnection.Script CREATE = RedisConnection.Script.of("""
      local existing = redis.call('HGETALL', KEYS[1])
      if #existing > 0 then return {'existing', existing} end
      local holder = redis.call('HGET', KEYS[2], ARGV[4])
      if holder and holder ~= ARGV[1] then
        if redis.call('HGET', ARGV[8] .. holder, 'voice_bridge') == ARGV[4] then return {'taken'} end
      end
      redis.call('HSET', KEYS[2], ARGV[4], ARGV[1])
      redis.call('HSET', KEYS[1], 'server_id', ARGV[2], 'moderator_pw', ARGV[3], 'voice_bridge', ARGV[4],
        'tenant_id', ARGV[5], 'created_at', ARGV[6])
      redis.call('PEXPIRE', KEYS[1], ARGV[7])
      redis.call('SADD', KEYS[3], ARGV[1])
      return {'created'}
      """);

  /**
   * KEYS: meeting hash, meetings, voice_bridges. ARGV: id, only-on-server flag (1/0), server id. Destroys the meeting as
   * Scalelite does (hash, set member, its voice bridge entry if still its own) and returns its hash; returns an empty
   * array when it is absent (pruning the set member) or, with the flag, on another server.
   */
  private static final RedisConnection.Script REMOVE = RedisConnection.Script.of("""
      local hash = redis.call('HGETALL', KEYS[1])
      if #hash == 0 then
        redis.call('SREM', KEYS[2], ARGV[1])
        return {}
      end
      local map = {}
      for j = 1, #hash, 2 do map[hash[j]] = hash[j + 1] end
      if ARGV[2] == '1' and map['server_id'] ~= ARGV[3] then return {} end
      redis.call('DEL', KEYS[1])
      redis.call('SREM', KEYS[2], ARGV[1])
      local bridge = map['voice_bridge']
      if bridge and redis.call('HGET', KEYS[3], bridge) == ARGV[1] then redis.call('HDEL', KEYS[3], bridge) end
      return hash
      """);

  /** KEYS: meeting hash, meetings; ARGV: id. Drops the id from the set iff its hash is gone. */
  private static final RedisConnection.Script PRUNE = RedisConnection.Script.of("""
      if redis.call('EXISTS', KEYS[1]) == 0 then return redis.call('SREM', KEYS[2], ARGV[1]) end
      return 0
      """);

  /** KEYS: voice_bridges; ARGV: voice bridge, meeting key prefix. 1 iff a live meeting holds the number. */
  private static final RedisConnection.Script BRIDGE_IN_USE = RedisConnection.Script.of("""
      local holder = redis.call('HGET', KEYS[1], ARGV[1])
      if holder and redis.call('HGET', ARGV[2] .. holder, 'voice_bridge') == ARGV[1] then return 1 end
      return 0
      """);

  private final RedisConnection redis;
  private final Keys keys;
  private final String ttlMillis;

  RedisMeetingStore(RedisConnection redis, Keys keys, Duration ttl) {
    this.redis = redis;
    this.keys = keys;
    this.ttlMillis = Long.toString(Math.max(1, ttl.toMillis()));
  }

  @Override
  public CompletionStage<Optional<MeetingRecord>> find(String id) {
    requireNonNull(id, "id");
    return redis.call(commands -> commands.hgetall(keys.meeting(id))).thenApply(hash -> parse(id, hash));
  }

  @Override
  public CompletionStage<MeetingRecord> createIfAbsent(MeetingRecord meeting) {
    requireNonNull(meeting, "meeting");
    String[] scriptKeys = {keys.meeting(meeting.id()), keys.voiceBridges(), keys.meetings()};
    return redis.<List<Object>>eval(CREATE, ScriptOutputType.MULTI, scriptKeys,
            meeting.id(), meeting.serverId(), meeting.moderatorPassword(), meeting.voiceBridge(), meeting.tenantId(),
            Long.toString(createdAtMillis(meeting.createdAt())), ttlMillis, keys.meetingPrefix())
        .thenApply(reply -> {
          String outcome = String.valueOf(reply.get(0));
          switch (outcome) {
            case "created":
              return meeting;
            case "taken":
              throw new VoiceBridgeTakenException(meeting.voiceBridge());
            case "existing":
              return parse(meeting.id(), RedisServerStore.pairs(reply.get(1))).orElseThrow(() ->
                  new IllegalStateException("meeting " + meeting.id() + " exists in Redis but its hash is unusable"));
            default:
              throw new IllegalStateException("unexpected reply of the create script: " + reply);
          }
        });
  }

  @Override
  public CompletionStage<Void> touch(String id) {
    requireNonNull(id, "id");
    return redis.call(commands -> commands.pexpire(keys.meeting(id), Long.parseLong(ttlMillis)))
        .thenApply(touched -> null);
  }

  @Override
  public CompletionStage<Boolean> remove(String id) {
    requireNonNull(id, "id");
    return destroy(id, null).thenApply(hash -> !hash.isEmpty());
  }

  @Override
  public CompletionStage<List<MeetingRecord>> removeAllOnServer(String serverId) {
    requireNonNull(serverId, "serverId");
    return all().thenCompose(meetings -> {
      List<String> ids = new ArrayList<>();
      List<CompletableFuture<Map<String, String>>> removals = new ArrayList<>();
      for (MeetingRecord meeting : meetings) {
        if (meeting.serverId().equals(serverId)) {
          ids.add(meeting.id());
          removals.add(destroy(meeting.id(), serverId).toCompletableFuture());
        }
      }
      return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).thenApply(done -> {
        List<MeetingRecord> removed = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          parse(ids.get(i), removals.get(i).join()).ifPresent(removed::add);
        }
        return removed;
      });
    });
  }

  /** Destroys the meeting (only if it is on {@code serverId}, when given); returns its hash, empty when none. */
  private CompletionStage<Map<String, String>> destroy(String id, @Nullable String serverId) {
    String[] scriptKeys = {keys.meeting(id), keys.meetings(), keys.voiceBridges()};
    return redis.<List<Object>>eval(REMOVE, ScriptOutputType.MULTI, scriptKeys,
            id, serverId == null ? "0" : "1", serverId == null ? "" : serverId)
        .thenApply(RedisServerStore::pairs);
  }

  @Override
  public CompletionStage<List<MeetingRecord>> all() {
    return redis.call(commands -> commands.smembers(keys.meetings())).thenCompose(ids -> {
      List<String> order = new ArrayList<>(ids);
      List<CompletableFuture<Map<String, String>>> reads = new ArrayList<>();
      for (String id : order) {
        reads.add(redis.call(commands -> commands.hgetall(keys.meeting(id))).toCompletableFuture());
      }
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCompose(done -> {
        List<MeetingRecord> meetings = new ArrayList<>();
        List<CompletableFuture<?>> prunes = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
          Map<String, String> hash = reads.get(i).join();
          if (hash.isEmpty()) {
            String id = order.get(i);
            prunes.add(redis.eval(PRUNE, ScriptOutputType.INTEGER, new String[] {keys.meeting(id), keys.meetings()}, id)
                .toCompletableFuture());
          } else {
            parse(order.get(i), hash).ifPresent(meetings::add);
          }
        }
        return CompletableFuture.allOf(prunes.toArray(CompletableFuture[]::new)).thenApply(pruned -> meetings);
      });
    });
  }

  @Override
  public CompletionStage<Optional<MeetingRecord>> findByVoiceBridge(String voiceBridge) {
    requireNonNull(voiceBridge, "voiceBridge");
    return redis.call(commands -> commands.hget(keys.voiceBridges(), voiceBridge))
        .thenCompose(id -> id == null ? CompletableFuture.completedStage(Optional.<MeetingRecord>empty())
            // The entry of an expired meeting lingers: if its id came back with another number, this one is free.
            : find(id).thenApply(found -> found.filter(meeting -> meeting.voiceBridge().equals(voiceBridge))));
  }

  @Override
  public CompletionStage<Boolean> voiceBridgeInUse(String voiceBridge) {
    requireNonNull(voiceBridge, "voiceBridge");
    return redis.<Long>eval(BRIDGE_IN_USE, ScriptOutputType.INTEGER, new String[] {keys.voiceBridges()},
            voiceBridge, keys.meetingPrefix())
        .thenApply(inUse -> inUse == 1L);
  }

  /** The meeting a hash makes, or empty when it is absent or unusable (logged). */
  static Optional<MeetingRecord> parse(String id, Map<String, String> hash) {
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new MeetingRecord(
          id,
          hash.getOrDefault("server_id", ""),
          hash.getOrDefault("moderator_pw", ""),
          hash.getOrDefault("voice_bridge", ""),
          hash.getOrDefault("tenant_id", ""),
          createdAt(hash.get("created_at"))));
    } catch (IllegalArgumentException e) {
      log.warn("ignoring meeting {} whose Redis hash is unusable: {}", id, e.getMessage());
      return Optional.empty();
    }
  }

  private static Instant createdAt(@Nullable String millis) {
    if (millis == null) {
      return Instant.EPOCH;
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(millis.trim()));
    } catch (NumberFormatException e) {
      return Instant.EPOCH;
    }
  }

  /** Epoch milliseconds, rounded up. */
  static long createdAtMillis(Instant createdAt) {
    long millis = createdAt.toEpochMilli();
    return createdAt.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }
}
