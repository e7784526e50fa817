package io.switchboard.storage;

import java.util.Map;
import java.util.Optional;
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
   * Places one meeting in a single atomic step: among the {@code candidates} present in the table, takes the one with
   * the lowest load (equal loads: the smallest id, as Redis orders equal scores) and adds its amount to it. Choosing and
   * counting cannot be separated by another placement — in this process or another instance sharing the table — so a
   * burst of creates spreads instead of piling onto one server (Scalelite #1048).
   *
   * @param candidates the eligible servers, each with the load one placement adds to it
   * @return the chosen server; empty when none of the candidates is in the table
   */
  CompletionStage<Optional<String>> incrementLeastLoaded(Map<String, Double> candidates);
}
