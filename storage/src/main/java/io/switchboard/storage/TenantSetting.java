package io.switchboard.storage;

import static java.util.Objects.requireNonNull;

/**
 * One create/join parameter a tenant's meetings get (Scalelite's {@code tenant_setting:<id>} hash, spec §7.6, §3.7): a
 * default the request may replace, or an override that replaces the request's value. A setting applies to both create
 * and join, as in Scalelite.
 *
 * @param id a random UUID
 * @param tenantId the tenant's id
 * @param param the BBB parameter name, e.g. {@code record}, {@code welcome}, {@code meta_server-tag}
 * @param value its value
 * @param override true replaces the request's value; false is a default
 */
public record TenantSetting(String id, String tenantId, String param, String value, boolean override) {
  public TenantSetting {
    requireNonNull(id, "id");
    requireNonNull(tenantId, "tenantId");
    requireNonNull(param, "param");
    requireNonNull(value, "value");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id: '" + id + "' (expected: not blank)");
    }
    if (tenantId.isBlank()) {
      throw new IllegalArgumentException("tenantId: '" + tenantId + "' (expected: not blank)");
    }
    if (param.isBlank()) {
      throw new IllegalArgumentException("param: '" + param + "' (expected: a BBB parameter name)");
    }
  }
}
