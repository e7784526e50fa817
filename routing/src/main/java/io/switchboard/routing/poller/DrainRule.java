package io.switchboard.routing.poller;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.ServerState;

/**
 * The poller's automatic end of a cordon (spec §5.1, §6.1 step 3): a cordoned server whose freshly computed load is 0
 * has no meetings left and becomes {@code disabled}. Scalelite applies it only after a successful poll that leaves the
 * server online, so the caller does too.
 */
public final class DrainRule {

  private DrainRule() {}

  /** Whether the server is to be switched to {@link ServerState#DISABLED}. */
  public static boolean drained(ServerState state, double computedLoad) {
    requireNonNull(state, "state");
    return state == ServerState.CORDONED && computedLoad == 0;
  }
}
