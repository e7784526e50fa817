package io.switchboard.proxy.api;

import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;

/** {@link CreateJoinTest} on the embedded in-memory stores. */
class CreateJoinEmbeddedTest extends CreateJoinTest {
  @Override
  StoreKind kind() {
    return StoreKind.EMBEDDED;
  }
}
