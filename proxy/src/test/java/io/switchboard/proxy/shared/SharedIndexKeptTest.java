package io.switchboard.proxy.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.proxy.testing.SwitchboardFixture;
import io.switchboard.proxy.testing.SwitchboardFixture.StoreKind;
import io.switchboard.storage.recordings.PlaybackFormat;
import io.switchboard.storage.recordings.Recording;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * With DATABASE_URL the recordings index is shared (maybe Scalelite's own database) and outlives any instance: an
 * instance starting on a recordings volume that does not hold a recording must not drop it from the index.
 */
class SharedIndexKeptTest {
  private static final String RECORD_ID = "9999999999999999999999999999999999999999-1700000000000";

  @Test
  void startingOnAnEmptyVolumeKeepsTheSharedIndex() {
    SwitchboardFixture first = SwitchboardFixture.start(StoreKind.SHARED, 1);
    first.stores().recordings().save(new Recording(RECORD_ID, "elsewhere", "Served by another host", true, false,
        Optional.of("published"), 1_700_000_000_000L, 1_700_000_360_000L, OptionalInt.of(2), Map.of(),
        List.of(new PlaybackFormat("presentation", "/playback/presentation/2.3/" + RECORD_ID, OptionalInt.of(6),
            OptionalLong.empty(), List.of())), false)).toCompletableFuture().join();

    try (SwitchboardFixture restarted = first.restart()) {
      assertThat(restarted.stores().recordings().get(RECORD_ID).toCompletableFuture().join())
          .as("the recording stays indexed although this instance's trees are empty").isPresent();
      assertThat(restarted.get("getRecordings", "meetingID=elsewhere").body()).contains(RECORD_ID);
    }
  }
}
