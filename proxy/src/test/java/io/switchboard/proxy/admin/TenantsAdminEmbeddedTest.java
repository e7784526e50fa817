package io.switchboard.proxy.admin;

import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;

/** {@link TenantsAdminTest} on the embedded in-memory stores. */
class TenantsAdminEmbeddedTest extends TenantsAdminTest {
  @Override
  StoreKind kind() {
    return StoreKind.EMBEDDED;
  }
}
