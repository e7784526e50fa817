package io.switchboard.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The tenants of a multitenant Switchboard and their settings: Scalelite's {@code tenants} set, {@code tenant:<id>}
 * and {@code tenant_name:<name>} hashes (spec §7.5) and {@code tenant_settings:<tenant id>} /
 * {@code tenant_setting:<id>} (§7.6), plus the limits and attendee counts Scalelite does not have, kept in keys of
 * their own. Names are an index: saving a tenant under a name another tenant holds takes the name over, as in
 * Scalelite; callers that want unique names check first.
 */
public interface TenantStore {

  /** Every tenant, by name. */
  CompletionStage<List<Tenant>> all();

  CompletionStage<Optional<Tenant>> find(String id);

  /** The tenant whose host label is {@code name}. */
  CompletionStage<Optional<Tenant>> findByName(String name);

  /**
   * Stores the tenant, replacing any tenant with its id; on a rename the old name stops finding it.
   */
  CompletionStage<Void> save(Tenant tenant);

  /**
   * Forgets the tenant, its name and its limits. Its settings, meetings and recordings stay, as in Scalelite.
   *
   * @return whether a tenant with this id was stored
   */
  CompletionStage<Boolean> remove(String id);

  /** The tenant's settings, in the order they were added. */
  CompletionStage<List<TenantSetting>> settings(String tenantId);

  CompletionStage<Optional<TenantSetting>> findSetting(String id);

  /** Stores the setting, replacing any setting with its id. */
  CompletionStage<Void> saveSetting(TenantSetting setting);

  /** @return whether a setting with this id was stored */
  CompletionStage<Boolean> removeSetting(String id);

  /**
   * Records how many participants each tenant's meetings had at the last poll, by tenant id; tenants absent from the map
   * have none. Replaces the previous counts.
   */
  CompletionStage<Void> saveAttendees(Map<String, Integer> attendeesByTenant);

  /** The participants of the tenant's meetings at the last poll; 0 when unknown. */
  CompletionStage<Integer> attendees(String tenantId);
}
