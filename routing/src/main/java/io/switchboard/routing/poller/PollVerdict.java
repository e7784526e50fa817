package io.switchboard.routing.poller;

import static java.util.Objects.requireNonNull;

/**
 * What one poll of a server decides (spec §6.1), as computed by {@link HealthTracker}. The caller persists {@code next}
 * and acts on the flags; which load set a server belongs to by its state (disabled never, cordoned apart) stays the
 * caller's rule.
 *
 * @param next the health to store
 * @param storeLoad the server is online after this poll, so it keeps a load score: after a success, the freshly
 *     computed load; after a failure below the threshold, its current score unchanged
 * @param wentOffline this poll took the server offline: Scalelite's "panic" (destroy its meetings, end them on BBB,
 *     remove its load, zero its statistics)
 * @param cameOnline this poll brought an offline server back online
 */
public record PollVerdict(Health next, boolean storeLoad, boolean wentOffline, boolean cameOnline) {

  public PollVerdict {
    requireNonNull(next, "next");
  }
}
