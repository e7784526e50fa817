package io.switchboard.routing.rewrite;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tenant a create or join came through, and its settings (Scalelite's {@code TenantSetting}s, spec §3.7): defaults
 * the request may replace and overrides that replace the request's value, both for create and join. The create adds
 * the tenant's id and name as {@code meta_tenant-id} and {@code meta_tenant-name} (§4.5 step 6), which is how
 * {@code getMeetings} and the recordings later tell the tenant's meetings apart.
 *
 * @param id the tenant's id
 * @param name the tenant's name, the first label of its host
 * @param defaults the settings that are not overrides, by parameter name, in the order they were added
 * @param overrides the override settings, by parameter name, in the order they were added
 */
public record TenantParams(String id, String name, Map<String, String> defaults, Map<String, String> overrides) {
  public TenantParams {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(defaults, "defaults");
    requireNonNull(overrides, "overrides");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id: '" + id + "' (expected: the tenant's id)");
    }
    defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
  }

  /** A tenant without settings. */
  public static TenantParams withoutSettings(String id, String name) {
    return new TenantParams(id, name, Map.of(), Map.of());
  }
}
