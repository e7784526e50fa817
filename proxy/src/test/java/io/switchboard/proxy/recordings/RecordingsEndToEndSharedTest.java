package io.switchboard.proxy.recordings;

import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;

/** {@link RecordingsEndToEndTest} on Redis and PostgreSQL, as instances sharing them run (skipped, or failed with CI=true, when either is unreachable). */
class RecordingsEndToEndSharedTest extends RecordingsEndToEndTest {
  @Override
  StoreKind kind() {
    return StoreKind.SHARED;
  }
}
