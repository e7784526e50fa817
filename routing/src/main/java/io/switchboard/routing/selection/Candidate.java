package io.switchboard.routing.selection;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A server that may receive a new meeting: one member of Scalelite's {@code server_load} sorted set (enabled, online,
 * with a known load), together with the tags it carries (spec §5.2).
 *
 * @param load the current score: the poller's computed load plus the increments since (spec §5.3, §5.4)
 * @param tags the server's tags; empty for an untagged server, which the pseudo-tag {@code none} selects
 */
public record Candidate(String serverId, double load, Set<String> tags) {

  public Candidate {
    requireNonNull(serverId, "serverId");
    requireNonNull(tags, "tags");
    if (Double.isNaN(load)) {
      throw new IllegalArgumentException("load: NaN (expected: a number)");
    }
    tags = Set.copyOf(tags);
    for (String tag : tags) {
      if (tag.isBlank()) {
        throw new IllegalArgumentException("tags: " + tags + " (expected: no blank tag; untagged is an empty set)");
      }
    }
  }

  boolean untagged() {
    return tags.isEmpty();
  }
}
