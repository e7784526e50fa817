package io.switchboard.storage;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The load of the servers eligible for new meetings (enabled and online): Scalelite's {@code server_load} sorted set,
 * the pool server selection draws from (spec §5.2). The poller sets each eligible server's computed load (spec §5.3);
 * creates and joins add estimates between polls (spec §5.4); {@link ServerStore} removes servers that stop being
 * eligible. Loads are finite doubles, compared exactly.
 */
public interface LoadTable {

  /** An immutable copy of the table: server id to load. */
  CompletionStage<Map<String, Double>> snapshot();

  /** {@code ZADD}: sets the server's load, adding it to the table when absent. */
  CompletionStage<Void> set(String serverId, double load);

  /** {@code ZREM}: takes the server out of the table. */
  CompletionStage<Void> remove(String serverId);

  /** {@code ZADD XX INCR}: adds {@code amount} only if the server is in the table; an absent server stays absent. */
  CompletionStage<Void> increment(String serverId, double amount);

  /**
   * Atomic compare-and-increment: adds {@code amount} iff the server's current load equals {@code expected}, so a caller
   * that chose the least-loaded server from a {@link #snapshot} can claim it and choose again when another create got
   * there first.
   *
   * @return true when the increment was applied; false when the load changed or the server is not in the table
   */
  CompletionStage<Boolean> incrementIfUnchanged(String serverId, double expected, double amount);
}
