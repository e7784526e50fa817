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
