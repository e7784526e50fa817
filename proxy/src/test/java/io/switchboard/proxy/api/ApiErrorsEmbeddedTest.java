package io.switchboard.proxy.api;

import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;

/** {@link ApiErrorsTest} on the embedded in-memory stores. */
class ApiErrorsEmbeddedTest extends ApiErrorsTest {
  @Override
  StoreKind kind() {
    return StoreKind.EMBEDDED;
  }
}
