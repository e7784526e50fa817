/**
 * The Redis stores: servers, meetings, load, voice bridges, tenants, tenant settings and protected-recording tokens in
 * Scalelite's exact key layout (spec §7), so Switchboard and Scalelite can share one Redis; plus Switchboard's own
 * leases under {@code <namespace>:switchboard:} and tenant limits, attendee counts and setting order. Every call is asynchronous on one shared Lettuce connection; multi-key updates are
 * Lua scripts, atomic across every instance sharing the Redis. Opened with
 * {@link io.switchboard.storage.redis.RedisStores#open}.
 */
@NullMarked
package io.switchboard.storage.redis;

import org.jspecify.annotations.NullMarked;
