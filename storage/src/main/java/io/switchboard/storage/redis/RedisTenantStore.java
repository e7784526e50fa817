package io.switchboard.storage.redis;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantLimits;
import io.switchboard.storage.TenantSetting;
import io.switchboard.storage.TenantStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TenantStore} on Scalelite's tenant keys (spec §7.5, §7.6): the {@code tenants} set, the
 * {@code tenant:<id>} hash ({@code name}, {@code secrets} colon-separated, the optional {@code lrs_*} / {@code kc_*}
 * credentials), the {@code tenant_name:<name>} index (field {@code id}), the {@code tenant_settings:<tenant id>} sets
 * and the {@code tenant_setting:<id>} hashes ({@code param}, {@code value}, {@code override} {@code "true"} /
 * {@code "false"}, {@code tenant_id}). Switchboard's own keys, which Scalelite never reads: {@code tenant_limits:<id>}
 * ({@code max_meetings}, {@code max_attendees}; absent when unlimited), {@code tenant_attendees} (tenant id →
 * participants at the last poll) and {@code tenant_settings_order:<tenant id>}, the list that keeps settings in the
 * order they were added, which Scalelite's set cannot.
 *
 * <p>Every write is one Lua script, so a tenant, its name index and its limits, or a setting and its tenant's set,
 * never disagree. A rename drops the old name index only while it still points to this tenant (a tenant that took the
 * name over keeps it; Scalelite deletes it regardless). Unknown fields of the hashes are left alone.
 *
 * <p>Reading follows Scalelite: a tenant hash that cannot make a {@link Tenant} (no name, a name that is not a DNS
 * label, no secrets) is logged and treated as absent; a setting is read from its tenant's set, so a hash written by a
 * Scalelite that did not store {@code tenant_id} still belongs to that tenant, and {@code override} is true only when
 * it is {@code "true"}. Settings Scalelite added, which are not in the order list, come first (they were usually there
 * before Switchboard), by id; then Switchboard's, in the order it added them.
 */
final class RedisTenantStore implements TenantStore {
  private static final Logger log = LoggerFactory.getLogger(RedisTenantStore.class);

  static final String MAX_MEETINGS = "max_meetings";
  static final String MAX_ATTENDEES = "max_attendees";

  /** Fields per HSET of the attendees script: well below Lua's limit on unpacked arguments. */
  private static final int ATTENDEES_PER_HSET = 1_000;

  /** KEYS: tenant hash, limits hash. Returns {tenant hash, limits hash}. */
  private static final RedisConnection.Script READ = RedisConnection.Script.of("""
      return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
      """);

  /**
   * KEYS: tenant hash, tenants, new name index, limits hash. ARGV: id, name, secrets, name index prefix, max_meetings,
   * max_attendees (both "0": unlimited, the limits hash is deleted), credentials to set (count, pairs), credential
   * fields to delete (count, names).
   */
  private static final RedisConnection.Script SAVE = RedisConnection.Script.of("""
      local id = ARGV[1]
      local old = redis.call('HGET', KEYS[1], 'name')
      if old and old ~= ARGV[2] then
        local index = ARGV[4] .. old
        if redis.call('HGET', index, 'id') == id then redis.call('DEL', index) end
      end
      redis.call('HSET', KEYS[3], 'id', id)
      local fields = {'name', ARGV[2], 'secrets', ARGV[3]}
      local pos = 7
      local set_count = tonumber(ARGV[pos])
      for j = 1, 2 * set_count do fields[#fields + 1] = ARGV[pos + j] end
      redis.call('HSET', KEYS[1], unpack(fields))
      pos = pos + 1 + 2 * set_count
      for j = 1, tonumber(ARGV[pos]) do redis.call('HDEL', KEYS[1], ARGV[pos + j]) end
      if ARGV[5] == '0' and ARGV[6] == '0' then
        redis.call('DEL', KEYS[4])
      else
        redis.call('HSET', KEYS[4], 'max_meetings', ARGV[5], 'max_attendees', ARGV[6])
      end
      redis.call('SADD', KEYS[2], id)
      return 1
      """);

  /** KEYS: tenant hash, tenants, limits hash. ARGV: id, name index prefix. Returns 1 iff the hash existed. */
  private static final RedisConnection.Script REMOVE = RedisConnection.Script.of("""
      local name = redis.call('HGET', KEYS[1], 'name')
      local existed = redis.call('DEL', KEYS[1])
      if name then
        local index = ARGV[2] .. name
        if redis.call('HGET', index, 'id') == ARGV[1] then redis.call('DEL', index) end
      end
      redis.call('DEL', KEYS[3])
      redis.call('SREM', KEYS[2], ARGV[1])
      return existed
      """);

  /**
   * KEYS: the tenant's settings set, its order list. ARGV: setting hash prefix. Returns {order, id, hash, id, hash, …}
   * for every member of the set.
   */
  private static final RedisConnection.Script SETTINGS = RedisConnection.Script.of("""
      local reply = {redis.call('LRANGE', KEYS[2], 0, -1)}
      for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        reply[#reply + 1] = id
        reply[#reply + 1] = redis.call('HGETALL', ARGV[1] .. id)
      end
      return reply
      """);

  /**
   * KEYS: setting hash, its tenant's settings set, its tenant's order list. ARGV: id, tenant id, param, value, override,
   * settings set prefix, order list prefix. A setting moved to another tenant leaves the old tenant's set and list.
   */
  private static final RedisConnection.Script SAVE_SETTING = RedisConnection.Script.of("""
      local id = ARGV[1]
      local old = redis.call('HGET', KEYS[1], 'tenant_id')
      if old and old ~= ARGV[2] then
        redis.call('SREM', ARGV[6] .. old, id)
        redis.call('LREM', ARGV[7] .. old, 0, id)
      end
      redis.call('HSET', KEYS[1], 'param', ARGV[3], 'value', ARGV[4], 'override', ARGV[5], 'tenant_id', ARGV[2])
      if redis.call('SADD', KEYS[2], id) == 1 then
        redis.call('LREM', KEYS[3], 0, id)
        redis.call('RPUSH', KEYS[3], id)
      end
      return 1
      """);

  /** KEYS: setting hash. ARGV: id, settings set prefix, order list prefix. Returns 1 iff the hash existed. */
  private static final RedisConnection.Script REMOVE_SETTING = RedisConnection.Script.of("""
      local tenant = redis.call('HGET', KEYS[1], 'tenant_id')
      local existed = redis.call('DEL', KEYS[1])
      if tenant then
        redis.call('SREM', ARGV[2] .. tenant, ARGV[1])
        redis.call('LREM', ARGV[3] .. tenant, 0, ARGV[1])
      end
      return existed
      """);

  /** KEYS: attendees hash. ARGV: fields per HSET, then tenant id / count pairs. Replaces the whole hash. */
  private static final RedisConnection.Script SAVE_ATTENDEES = RedisConnection.Script.of("""
      redis.call('DEL', KEYS[1])
      local per = 2 * tonumber(ARGV[1])
      local pos = 2
      while pos <= #ARGV do
        local last = math.min(pos + per - 1, #ARGV)
        redis.call('HSET', KEYS[1], unpack(ARGV, pos, last))
        pos = last + 1
      end
      return 1
      """);

  private final RedisConnection redis;
  private final Keys keys;

  RedisTenantStore(RedisConnection redis, Keys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public CompletionStage<List<Tenant>> all() {
    return redis.call(commands -> commands.smembers(keys.tenants())).thenCompose(ids -> {
      List<CompletableFuture<Optional<Tenant>>> reads = new ArrayList<>();
      for (String id : ids) {
        reads.add(find(id).toCompletableFuture());
      }
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> reads.stream()
          .map(CompletableFuture::join)
          .flatMap(Optional::stream)
          .sorted(Comparator.comparing(Tenant::name).thenComparing(Tenant::id))
          .toList());
    });
  }

  @Override
  public CompletionStage<Optional<Tenant>> find(String id) {
    requireNonNull(id, "id");
    String[] scriptKeys = {keys.tenant(id), keys.tenantLimits(id)};
    return redis.<List<Object>>eval(READ, ScriptOutputType.MULTI, scriptKeys)
        .thenApply(reply -> parseTenant(id, RedisServerStore.pairs(reply.get(0)),
            RedisServerStore.pairs(reply.get(1))));
  }

  @Override
  public CompletionStage<Optional<Tenant>> findByName(String name) {
    requireNonNull(name, "name");
    return redis.call(commands -> commands.hget(keys.tenantName(name), "id")).thenCompose(id -> id == null
        ? CompletableFuture.completedStage(Optional.<Tenant>empty())
        // An index left behind by another writer may point to a tenant renamed since: it is not this name's.
        : find(id).thenApply(found -> found.filter(tenant -> tenant.name().equals(name))));
  }

  @Override
  public CompletionStage<Void> save(Tenant tenant) {
    requireNonNull(tenant, "tenant");
    List<String> args = new ArrayList<>();
    args.add(tenant.id());
    args.add(tenant.name());
    args.add(tenant.joinedSecrets());
    args.add(keys.tenantNamePrefix());
    args.add(Integer.toString(tenant.limits().maxMeetings()));
    args.add(Integer.toString(tenant.limits().maxAttendees()));
    args.add(Integer.toString(tenant.credentials().size()));
    tenant.credentials().forEach((field, value) -> {
      args.add(field);
      args.add(value);
    });
    List<String> removed = Tenant.CREDENTIAL_FIELDS.stream()
        .filter(field -> !tenant.credentials().containsKey(field))
        .toList();
    args.add(Integer.toString(removed.size()));
    args.addAll(removed);
    String[] scriptKeys = {keys.tenant(tenant.id()), keys.tenants(), keys.tenantName(tenant.name()),
        keys.tenantLimits(tenant.id())};
    return redis.<Long>eval(SAVE, ScriptOutputType.INTEGER, scriptKeys, args.toArray(String[]::new))
        .thenApply(saved -> null);
  }

  @Override
  public CompletionStage<Boolean> remove(String id) {
    requireNonNull(id, "id");
    String[] scriptKeys = {keys.tenant(id), keys.tenants(), keys.tenantLimits(id)};
    return redis.<Long>eval(REMOVE, ScriptOutputType.INTEGER, scriptKeys, id, keys.tenantNamePrefix())
        .thenApply(existed -> existed == 1L);
  }

  @Override
  public CompletionStage<List<TenantSetting>> settings(String tenantId) {
    requireNonNull(tenantId, "tenantId");
    String[] scriptKeys = {keys.tenantSettings(tenantId), keys.tenantSettingsOrder(tenantId)};
    return redis.<List<Object>>eval(SETTINGS, ScriptOutputType.MULTI, scriptKeys, keys.tenantSettingPrefix())
        .thenApply(reply -> {
          Map<String, Integer> position = new HashMap<>();
          for (Object id : list(reply.get(0))) {
            position.putIfAbsent(String.valueOf(id), position.size());
          }
          List<TenantSetting> settings = new ArrayList<>();
          for (int i = 1; i + 1 < reply.size(); i += 2) {
            String id = String.valueOf(reply.get(i));
            parseSetting(id, RedisServerStore.pairs(reply.get(i + 1)), tenantId).ifPresent(settings::add);
          }
          settings.sort(Comparator
              .comparingInt((TenantSetting setting) -> position.getOrDefault(setting.id(), -1))
              .thenComparing(TenantSetting::id));
          return settings;
        });
  }

  @Override
  public CompletionStage<Optional<TenantSetting>> findSetting(String id) {
    requireNonNull(id, "id");
    return redis.call(commands -> commands.hgetall(keys.tenantSetting(id)))
        .thenApply(hash -> parseSetting(id, hash, null));
  }

  @Override
  public CompletionStage<Void> saveSetting(TenantSetting setting) {
    requireNonNull(setting, "setting");
    String[] scriptKeys = {keys.tenantSetting(setting.id()), keys.tenantSettings(setting.tenantId()),
        keys.tenantSettingsOrder(setting.tenantId())};
    return redis.<Long>eval(SAVE_SETTING, ScriptOutputType.INTEGER, scriptKeys, setting.id(), setting.tenantId(),
            setting.param(), setting.value(), Boolean.toString(setting.override()), keys.tenantSettingsPrefix(),
            keys.tenantSettingsOrderPrefix())
        .thenApply(saved -> null);
  }

  @Override
  public CompletionStage<Boolean> removeSetting(String id) {
    requireNonNull(id, "id");
    return redis.<Long>eval(REMOVE_SETTING, ScriptOutputType.INTEGER, new String[] {keys.tenantSetting(id)}, id,
            keys.tenantSettingsPrefix(), keys.tenantSettingsOrderPrefix())
        .thenApply(existed -> existed == 1L);
  }

  @Override
  public CompletionStage<Void> saveAttendees(Map<String, Integer> attendeesByTenant) {
    Map<String, Integer> copy = Map.copyOf(attendeesByTenant);
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(ATTENDEES_PER_HSET));
    copy.forEach((tenantId, count) -> {
      args.add(tenantId);
      args.add(Integer.toString(count));
    });
    return redis.<Long>eval(SAVE_ATTENDEES, ScriptOutputType.INTEGER, new String[] {keys.tenantAttendees()},
            args.toArray(String[]::new))
        .thenApply(saved -> null);
  }

  @Override
  public CompletionStage<Integer> attendees(String tenantId) {
    requireNonNull(tenantId, "tenantId");
    return redis.call(commands -> commands.hget(keys.tenantAttendees(), tenantId))
        .thenApply(RedisServerStore::count);
  }

  /** The tenant the hashes make, or empty when the tenant hash is absent or unusable (logged). */
  static Optional<Tenant> parseTenant(String id, Map<String, String> hash, Map<String, String> limits) {
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    try {
      String name = hash.get("name");
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("no name");
      }
      String secrets = hash.getOrDefault("secrets", "");
      List<String> split = Arrays.stream(secrets.split(":")).filter(secret -> !secret.isBlank()).toList();
      Map<String, String> credentials = new LinkedHashMap<>();
      for (String field : Tenant.CREDENTIAL_FIELDS) {
        String value = hash.get(field);
        if (value != null) {
          credentials.put(field, value);
        }
      }
      TenantLimits tenantLimits = new TenantLimits(RedisServerStore.count(limits.get(MAX_MEETINGS)),
          RedisServerStore.count(limits.get(MAX_ATTENDEES)));
      return Optional.of(new Tenant(id, name, split, credentials, tenantLimits));
    } catch (IllegalArgumentException e) {
      log.warn("ignoring tenant {} whose Redis hash is unusable: {}", id, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The setting a hash makes, or empty when it is absent or unusable (logged).
   *
   * @param tenantId the tenant whose set holds it, which it belongs to whatever its hash says; null to take the hash's
   */
  static Optional<TenantSetting> parseSetting(String id, Map<String, String> hash, @Nullable String tenantId) {
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    try {
      String owner = tenantId != null ? tenantId : hash.getOrDefault("tenant_id", "");
      String param = hash.get("param");
      if (param == null) {
        throw new IllegalArgumentException("no param");
      }
      return Optional.of(new TenantSetting(id, owner, param, hash.getOrDefault("value", ""),
          "true".equals(hash.get("override"))));
    } catch (IllegalArgumentException e) {
      log.warn("ignoring tenant setting {} whose Redis hash is unusable: {}", id, e.getMessage());
      return Optional.empty();
    }
  }

  private static List<?> list(Object reply) {
    return reply instanceof List<?> list ? list : List.of();
  }
}
