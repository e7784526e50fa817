package io.switchboard.routing.rewrite;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.RewriteConfig;
import io.switchboard.routing.params.Params;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the parameters of the BBB {@code join} URL from the client's request (spec §3.7, §4.7): the client's
 * parameters minus {@code JOIN_EXCLUDE_PARAMS} and {@code checksum}, over {@code DEFAULT_JOIN_PARAMS} and the tenant's
 * default settings, under {@code OVERRIDE_JOIN_PARAMS} and the tenant's override settings. Immutable and thread-safe.
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

  /** The parameters to sign for the backend, in Scalelite's order, for a request without a tenant. */
  public Params rewrite(Params request) {
    return rewrite(request, Optional.empty());
  }

  /** The parameters to sign for the backend, in Scalelite's order, with the settings of the request's tenant. */
  public Params rewrite(Params request, Optional<TenantParams> tenant) {
    requireNonNull(request, "request");
    requireNonNull(tenant, "tenant");
    // A tenant's meta_server-tag setting is kept on join too, as the configured join settings keep theirs.
    return Precedence.merge(defaults, tenant, request.withoutAll(dropped), overrides);
  }
}
