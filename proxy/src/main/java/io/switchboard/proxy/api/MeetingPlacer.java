package io.switchboard.proxy.api;

import io.switchboard.conf.ServerState;
import io.switchboard.routing.selection.Candidate;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.selection.ServerSelector;
import io.switchboard.routing.selection.TagRequest;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Chooses the server for a new meeting and counts the placement in the load table in one atomic step of the store:
 * the tags decide which servers are eligible (pure, in {@link ServerSelector}), then the load table takes the least
 * loaded of those and adds the placement to it at once — in Redis, one script. A burst of concurrent creates, through
 * one instance or several sharing Redis, therefore spreads over the pool; Scalelite reads the minimum and increments it
 * in two unguarded steps and piles such a burst onto one server (its #1048).
 */
final class MeetingPlacer {
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
   * Places a meeting on the least-loaded eligible server not in {@code excluded}; a {@link Selection.Chosen} has already
   * been counted in the load table.
   */
  CompletionStage<Selection> place(TagRequest tags, Set<String> excluded) {
    return stores.load().snapshot().thenCompose(loads -> stores.servers().all().thenCompose(servers -> {
      List<Candidate> candidates = candidates(servers, loads, excluded);
      Selection selection = selector.select(candidates, tags);
      if (!(selection instanceof Selection.Chosen)) {
        return CompletableFuture.completedFuture(selection);
      }
      Map<String, Double> multipliers = new HashMap<>();
      servers.forEach(server -> multipliers.put(server.id(), server.loadMultiplier()));
      Map<String, Double> amounts = new LinkedHashMap<>();
      for (Candidate candidate : selector.eligible(candidates, tags)) {
        amounts.put(candidate.serverId(), placementWeight * multipliers.get(candidate.serverId()));
      }
      return stores.load().incrementLeastLoaded(amounts).thenApply(chosen -> chosen
          .flatMap(id -> candidates.stream().filter(candidate -> candidate.serverId().equals(id)).findFirst())
          .<Selection>map(candidate -> new Selection.Chosen(candidate, Optional.empty()))
          // Every eligible server left the load table since the snapshot (went offline, was cordoned).
          .orElseGet(Selection.NoServers::new));
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
}
