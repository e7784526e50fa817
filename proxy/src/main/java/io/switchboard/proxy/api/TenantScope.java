package io.switchboard.proxy.api;

import static java.util.concurrent.CompletableFuture.completedFuture;

import io.switchboard.routing.rewrite.TenantParams;
import io.switchboard.routing.xml.BbbError;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.Stores;
import io.switchboard.storage.Tenant;
import io.switchboard.storage.TenantSetting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What a tenant may see and what it brings along (spec §7.3, §3.7): a tenant sees only the meetings stored with its id
 * — a meeting stored without a tenant too is invisible to it — while a request without a tenant (multitenancy off) sees
 * every meeting; and its settings are loaded for the create and join rewriting.
 */
final class TenantScope {
  private TenantScope() {}

  /** Whether the request's tenant may see the meeting. */
  static boolean visible(MeetingRecord meeting, Optional<Tenant> tenant) {
    return tenant.isEmpty() || meeting.tenantId().equals(tenant.get().id());
  }

  /** The meeting with this id, if the tenant may see it. */
  static CompletionStage<Optional<MeetingRecord>> find(Stores stores, String meetingId, Optional<Tenant> tenant) {
    return stores.meetings().find(meetingId).thenApply(meeting -> meeting.filter(found -> visible(found, tenant)));
  }

  /**
   * Scalelite's answer to a create for a meetingID another tenant holds: meeting ids are global, so two tenants cannot
   * run the same one at once.
   */
  static BbbError foreignMeeting(String meetingId, Tenant tenant) {
    return BbbError.internalError("Couldn't find Meeting with id=" + meetingId + " and tenant_id=" + tenant.id());
  }

  /** The tenant's id, name and settings for the rewriting; empty without a tenant. */
  static CompletionStage<Optional<TenantParams>> params(Stores stores, Optional<Tenant> tenant) {
    if (tenant.isEmpty()) {
      return completedFuture(Optional.empty());
    }
    return stores.tenants().settings(tenant.get().id())
        .thenApply(settings -> Optional.of(params(tenant.get(), settings)));
  }

  /** Later settings of a name replace earlier ones of the same kind, as Scalelite builds its hashes. */
  static TenantParams params(Tenant tenant, List<TenantSetting> settings) {
    Map<String, String> defaults = new LinkedHashMap<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    for (TenantSetting setting : settings) {
      (setting.override() ? overrides : defaults).put(setting.param(), setting.value());
    }
    return new TenantParams(tenant.id(), tenant.name(), defaults, overrides);
  }
}
