package io.switchboard.proxy.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantSetting;
import java.util.Map;

/** The JSON of a tenant and of a tenant setting on the admin API (spec §10.1, §7.5, §7.6). */
final class TenantJson {
  private TenantJson() {}

  /**
   * What {@code getTenants} lists per tenant: Scalelite's {@code id}, {@code name} and colon-joined {@code secrets},
   * plus the tenant's limits. Credentials stay out of the list, as in Scalelite.
   */
  static ObjectNode summary(Tenant tenant) {
    ObjectNode json = AdminResponse.MAPPER.createObjectNode()
        .put("id", tenant.id())
        .put("name", tenant.name())
        .put("secrets", tenant.joinedSecrets());
    return limits(json, tenant);
  }

  /**
   * The whole tenant, as Scalelite renders its record ({@code getTenantInfo}, {@code addTenant}, {@code updateTenant}):
   * the stored fields including any LRS / Keycloak credentials, the limits, and the {@code new_record} and
   * {@code destroyed} flags Rails adds to every rendered record (always false for a stored tenant).
   */
  static ObjectNode full(Tenant tenant) {
    ObjectNode json = AdminResponse.MAPPER.createObjectNode()
        .put("id", tenant.id())
        .put("name", tenant.name())
        .put("secrets", tenant.joinedSecrets());
    for (Map.Entry<String, String> credential : tenant.credentials().entrySet()) {
      json.put(credential.getKey(), credential.getValue());
    }
    return limits(json, tenant)
        .put("new_record", false)
        .put("destroyed", false);
  }

  static ObjectNode setting(TenantSetting setting) {
    return AdminResponse.MAPPER.createObjectNode()
        .put("id", setting.id())
        .put("tenant_id", setting.tenantId())
        .put("param", setting.param())
        .put("value", setting.value())
        .put("override", setting.override());
  }

  private static ObjectNode limits(ObjectNode json, Tenant tenant) {
    return json.put("max_meetings", tenant.limits().maxMeetings())
        .put("max_attendees", tenant.limits().maxAttendees());
  }
}
