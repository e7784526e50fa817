package io.switchboard.routing.rewrite;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.RewriteConfig;
import io.switchboard.routing.params.Params;
import java.util.Map;
import java.util.Set;

/**
 * Builds the parameters of the BBB {@code join} URL from the client's request (spec §3.7, §4.7): the client's
 * parameters minus {@code JOIN_EXCLUDE_PARAMS} and {@code checksum}, over {@code DEFAULT_JOIN_PARAMS}, under
 * {@code OVERRIDE_JOIN_PARAMS}. Immutable and thread-safe.
 */
public final class JoinRewriter {
  private final Set<String> dropped;
  private final Map<String, String> defaults;
  private final Map<String, String> overrides;

  public JoinRewriter(RewriteConfig config) {
    requireNonNull(config, "config");
    this.dropped = Precedence.dropped(config.joinExcludeParams());
    // Scalelite strips meta_server-tag only from the create settings; a join setting is forwarded as configured.
    this.defaults = Precedence.ordered(config.defaultJoinParams());
    this.overrides = Precedence.ordered(config.overrideJoinParams());
  }

  /** The parameters to sign for the backend, in Scalelite's order. */
  public Params rewrite(Params request) {
    requireNonNull(request, "request");
    return Precedence.merge(defaults, request.withoutAll(dropped), overrides);
  }
}
