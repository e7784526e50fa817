package io.switchboard.storage.redis;

import io.switchboard.storage.Stores;

/**
 * Scalelite's Redis keys (spec §7) under one namespace, as redis-namespace prefixes them: {@code <namespace>:<key>}. An
 * empty namespace means no prefix at all, as redis-namespace does without one.
 */
final class Keys {
  private final String prefix;

  Keys(String namespace) {
    this.prefix = namespace.isEmpty() ? "" : namespace + ":";
  }

  String prefix() {
    return prefix;
  }

  /** SET of every server id. */
  String servers() {
    return prefix + "servers";
  }

  /** HASH of one server (url, secret, tag, online, load_multiplier, state, statistics). */
  String server(String id) {
    return prefix + "server:" + id;
  }

  /** HASH of the poller's counters, at the bare server id (Scalelite quirk, spec §7.1). */
  String serverCounters(String id) {
    return prefix + id;
  }

  /** SET of the enabled servers' ids (the legacy model's only state). */
  String serverEnabled() {
    return prefix + "server_enabled";
  }

  /** ZSET of the eligible servers' loads: the selection pool. */
  String serverLoad() {
    return prefix + "server_load";
  }

  /** ZSET of the cordoned servers' loads. */
  String cordonedServerLoad() {
    return prefix + "cordoned_server_load";
  }

  /** SET of the meetingIDs. */
  String meetings() {
    return prefix + "meetings";
  }

  /** The prefix of meeting hashes, for scripts that find a voice bridge holder's hash. */
  String meetingPrefix() {
    return prefix + "meeting:";
  }

  /** HASH of one meeting (server_id, moderator_pw, voice_bridge, tenant_id; and our created_at). */
  String meeting(String id) {
    return meetingPrefix() + id;
  }

  /** HASH voice bridge number → meetingID. */
  String voiceBridges() {
    return prefix + "voice_bridges";
  }

  /** SET of every tenant id. */
  String tenants() {
    return prefix + "tenants";
  }

  /** HASH of one tenant (name, secrets colon-separated, the optional lrs_* and kc_* credentials). */
  String tenant(String id) {
    return prefix + "tenant:" + id;
  }

  /** The prefix of tenant name indexes, for scripts that drop a renamed tenant's old index. */
  String tenantNamePrefix() {
    return prefix + "tenant_name:";
  }

  /** HASH of one name index: field {@code id} → the tenant id. */
  String tenantName(String name) {
    return tenantNamePrefix() + name;
  }

  /** The prefix of the tenants' setting sets, for scripts that move a setting to another tenant. */
  String tenantSettingsPrefix() {
    return prefix + "tenant_settings:";
  }

  /** SET of one tenant's setting ids. */
  String tenantSettings(String tenantId) {
    return tenantSettingsPrefix() + tenantId;
  }

  /** The prefix of tenant setting hashes, for scripts that read a tenant's settings. */
  String tenantSettingPrefix() {
    return prefix + "tenant_setting:";
  }

  /** HASH of one tenant setting (param, value, override, tenant_id). */
  String tenantSetting(String id) {
    return tenantSettingPrefix() + id;
  }

  /** The prefix of the setting order lists, for scripts that move a setting to another tenant. */
  String tenantSettingsOrderPrefix() {
    return prefix + "tenant_settings_order:";
  }

  /** LIST of one tenant's setting ids in the order Switchboard added them (ours: Scalelite's set has no order). */
  String tenantSettingsOrder(String tenantId) {
    return tenantSettingsOrderPrefix() + tenantId;
  }

  /** HASH of one tenant's limits (max_meetings, max_attendees; ours), absent when unlimited. */
  String tenantLimits(String id) {
    return prefix + "tenant_limits:" + id;
  }

  /** HASH tenant id → participants at the last poll (ours). */
  String tenantAttendees() {
    return prefix + "tenant_attendees";
  }

  /** STRING: the JSON grant of one protected-recording token. */
  String protectorToken(String token) {
    return prefix + "protector_token_" + token;
  }

  /** STRING written and read back by the health check (spec §11.1). */
  String healthCheck() {
    return prefix + Stores.HEALTH_CHECK_KEY;
  }

  /** STRING: the holder of one of Switchboard's own leases. */
  String lease(String name) {
    return prefix + "switchboard:lease:" + name;
  }
}
