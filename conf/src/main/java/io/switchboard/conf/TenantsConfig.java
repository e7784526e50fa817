package io.switchboard.conf;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multitenancy ({@code switchboard.tenants}, Scalelite's {@code MULTITENANCY_ENABLED}, spec §10.3): the tenant of a
 * request is the first label of its Host, and checks it with that tenant's secrets. {@code recordingsDirs} gives
 * tenants recordings trees of their own (Scalelite #1182): by tenant name, a directory holding that tenant's
 * {@code published} and {@code unpublished} trees instead of the global publish and unpublish directories. A directory
 * is infrastructure every instance must mount, so it is configuration rather than a tenant setting.
 */
public record TenantsConfig(boolean enabled, Map<String, Path> recordingsDirs) {
  public TenantsConfig {
    requireNonNull(recordingsDirs, "recordingsDirs");
    recordingsDirs = Map.copyOf(new TreeMap<>(recordingsDirs));
  }

  /** Multitenancy off, every recording in the global trees. */
  public static final TenantsConfig DISABLED = new TenantsConfig(false, Map.of());
}
