package io.switchboard.proxy.recordings;

import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;

/** {@link RecordingsEndToEndTest} on the embedded in-memory stores. */
class RecordingsEndToEndEmbeddedTest extends RecordingsEndToEndTest {
  @Override
  StoreKind kind() {
    return StoreKind.EMBEDDED;
  }
}
