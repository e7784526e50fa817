package io.switchboard.recordings.api;

import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingQuery;
import java.util.List;
import java.util.Optional;

/**
 * Which recordings a call may see and change (spec §3.4, §9.1 step 3, §9.3–§9.5): every recording without a tenant
 * ({@code ""}, multitenancy off), else only those whose {@code tenant-id} metadata is the tenant's id. Pure.
 */
final class TenantScope {
  static final String TENANT_ID_KEY = "tenant-id";

  private TenantScope() {}

  static boolean sees(String tenantId, Recording recording) {
    return tenantId.isEmpty() || tenantId.equals(recording.tenantId());
  }

  static List<Recording> visible(String tenantId, List<Recording> recordings) {
    return tenantId.isEmpty() ? recordings : recordings.stream().filter(found -> sees(tenantId, found)).toList();
  }

  /** {@code query} limited to the tenant's recordings, so the store filters them (in SQL for PostgreSQL). */
  static RecordingQuery limit(String tenantId, RecordingQuery query) {
    if (tenantId.isEmpty()) {
      return query;
    }
    return new RecordingQuery(query.recordIdPrefixes(), query.meetingIds(), query.states(), query.metadata(),
        Optional.of(tenantId), query.offset(), query.limit());
  }
}
