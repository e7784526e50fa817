package io.switchboard.proxy.admin;

import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;

/**
 * {@link TenantsAdminTest} on Redis and PostgreSQL, as instances sharing them run (skipped, or failed with CI=true,
 * when either is unreachable).
 */
class TenantsAdminSharedTest extends TenantsAdminTest {
  @Override
  StoreKind kind() {
    return StoreKind.SHARED;
  }
}
