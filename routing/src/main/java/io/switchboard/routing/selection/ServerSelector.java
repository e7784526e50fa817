package io.switchboard.routing.selection;

import java.util.List;

/**
 * Chooses the server for a new meeting among the {@link Candidate}s, honouring the server tags of the request; Scalelite's
 * {@code Server.find_available} (spec §5.2). Pure and thread-safe: the caller supplies a snapshot of the load table.
 */
public interface ServerSelector {

  Selection select(List<Candidate> candidates, TagRequest request);

  /**
   * The candidates {@link #select} chooses among, whatever their loads: those carrying a requested tag, or — when none
   * does and the tags are not required — the untagged ones. Empty when nothing qualifies. A store can then take the
   * least loaded of them atomically.
   */
  List<Candidate> eligible(List<Candidate> candidates, TagRequest request);

  /**
   * The lowest load wins; equal loads go to the smallest server id, as Redis orders equal scores. With tags, only
   * servers carrying one of them qualify ({@code none} stands for untagged servers); when none does, a required request
   * fails and any other falls back to the untagged servers only.
   */
  static ServerSelector leastLoaded() {
    return LeastLoadedSelector.INSTANCE;
  }
}
