package io.switchboard.routing.rewrite;

import io.switchboard.routing.params.Params;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The merge shared by create and join (spec §3.7), lowest to highest precedence: config default, tenant default, the
 * client's parameters, config override, tenant override.
 */
final class Precedence {
  /** Rails' routing parameters and the inbound checksum, never passed through. */
  private static final List<String> NEVER_PASSED = List.of("format", "controller", "action", "checksum");

  private Precedence() {}

  /** The names removed from the client's parameters: the configured exclude list plus {@link #NEVER_PASSED}. */
  static Set<String> dropped(Collection<String> excluded) {
    Set<String> dropped = new HashSet<>(excluded);
    dropped.addAll(NEVER_PASSED);
    return Set.copyOf(dropped);
  }

  /** An unmodifiable copy that keeps the configured order, minus {@code removed}. */
  static Map<String, String> ordered(Map<String, String> entries, String... removed) {
    Map<String, String> copy = new LinkedHashMap<>(entries);
    copy.keySet().removeAll(List.of(removed));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Later sources win; a name keeps the position where it first appeared, so defaults come first (Ruby's merge). The
   * tenant's settings are used minus {@code removed}, as the configured ones are.
   */
  static Params merge(Map<String, String> defaults, Optional<TenantParams> tenant, Params passThrough,
      Map<String, String> overrides, String... removed) {
    Params merged = Params.of().withAll(defaults);
    if (tenant.isPresent()) {
      merged = merged.withAll(ordered(tenant.get().defaults(), removed));
    }
    merged = merged.withAll(passThrough.asMap()).withAll(overrides);
    return tenant.isPresent() ? merged.withAll(ordered(tenant.get().overrides(), removed)) : merged;
  }
}
