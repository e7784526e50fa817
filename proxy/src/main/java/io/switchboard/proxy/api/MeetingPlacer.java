package io.switchboard.proxy.api;

import io.switchboard.conf.ServerState;
import io.switchboard.routing.selection.Candidate;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.selection.ServerSelector;
import io.switchboard.routing.selection.TagRequest;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Chooses the server for a new meeting and counts the placement in the load table in one race-free step: the chosen
 * server's load is incremented only if it is still the load the choice was made on, otherwise the choice is made again
 * on fresh numbers. A burst of concurrent creates therefore spreads over the pool (Scalelite issue #1048 piles them
 * onto one server, because it reads the minimum and increments it in two unguarded steps).
 */
final class MeetingPlacer {
  /** Compare-and-increment rounds before the placement is counted unconditionally; contention this long is pathological. */
  private static final int MAX_ROUNDS = 64;

  private final Stores stores;
  private final ServerSelector selector;
  private final double placementWeight;

  /**
   * @param placementWeight the load one new meeting adds before the next poll, before the server's multiplier: the
   *     poller will count a young meeting as at least LOAD_MIN_USER_COUNT users, so counting it so now keeps the load
   *     table consistent between polls
   */
  MeetingPlacer(Stores stores, ServerSelector selector, double placementWeight) {
    this.stores = stores;
    this.selector = selector;
    this.placementWeight = placementWeight;
  }

  /**
   * Places a meeting on the least-loaded eligible server not in {@code excluded}; the stage holds the selection, whose
   * {@link Selection.Chosen} has already been counted in the load table.
   */
  CompletionStage<Selection> place(TagRequest tags, Set<String> excluded) {
    return round(tags, excluded, 0);
  }

  private CompletionStage<Selection> round(TagRequest tags, Set<String> excluded, int round) {
    return stores.load().snapshot().thenCompose(loads -> stores.servers().all().thenCompose(servers -> {
      Selection selection = selector.select(candidates(servers, loads, excluded), tags);
      if (!(selection instanceof Selection.Chosen chosen)) {
        return CompletableFuture.completedFuture(selection);
      }
      ServerRecord server = find(servers, chosen.candidate().serverId());
      double amount = placementWeight * server.loadMultiplier();
      if (round >= MAX_ROUNDS) {
        return stores.load().increment(server.id(), amount).thenApply(ignored -> selection);
      }
      return stores.load()
          .incrementIfUnchanged(server.id(), chosen.candidate().load(), amount)
          .thenCompose(counted -> counted
              ? CompletableFuture.completedFuture(selection)
              : round(tags, excluded, round + 1));
    }));
  }

  private static List<Candidate> candidates(List<ServerRecord> servers, Map<String, Double> loads, Set<String> excluded) {
    List<Candidate> candidates = new ArrayList<>(servers.size());
    for (ServerRecord server : servers) {
      Double load = loads.get(server.id());
      if (load != null && server.online() && server.state() == ServerState.ENABLED && !excluded.contains(server.id())) {
        candidates.add(new Candidate(server.id(), load, server.tags()));
      }
    }
    return candidates;
  }

  private static ServerRecord find(List<ServerRecord> servers, String id) {
    for (ServerRecord server : servers) {
      if (server.id().equals(id)) {
        return server;
      }
    }
    throw new IllegalStateException("selector chose a server that is not a candidate: " + id);
  }
}
