package io.switchboard.proxy.api;

import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;

/**
 * {@link TenancyTest} on Redis and PostgreSQL, as instances sharing them run (skipped, or failed with CI=true, when
 * either is unreachable).
 */
class TenancySharedTest extends TenancyTest {
  @Override
  StoreKind kind() {
    return StoreKind.SHARED;
  }
}
