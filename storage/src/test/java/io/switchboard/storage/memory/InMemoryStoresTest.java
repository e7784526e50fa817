package io.switchboard.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.Stores;
import io.switchboard.storage.StoresContractTest;
import io.switchboard.storage.recordings.Recording;
import io.switchboard.storage.recordings.RecordingQuery;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InMemoryStoresTest extends StoresContractTest {

  @Override
  protected Stores stores(Clock clock) {
    return Stores.inMemory(clock);
  }

  @Test
  void meetingsExpireAfterTheConfiguredTtl() {
    Stores shortLived = Stores.inMemory(clock, Duration.ofMinutes(5));
    await(shortLived.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));

    clock.advance(Duration.ofMinutes(4));
    await(shortLived.meetings().touch("m-1"));
    clock.advance(Duration.ofMinutes(4));
    assertThat(await(shortLived.meetings().find("m-1"))).isPresent();

    clock.advance(Duration.ofMinutes(1));
    assertThat(await(shortLived.meetings().find("m-1"))).isEmpty();
  }

  @Test
  void everyStageIsCompleteWhenReturned() {
    MeetingRecord meeting = meeting("m-1", "bbb-1", "700000001");
    Recording recording = new Recording("rid-1", "m-1", "", true, false, Optional.of("published"), 0, 0,
        OptionalInt.empty(), Map.of(), List.of(), false);
    List<CompletionStage<?>> stages = List.of(
        stores.servers().save(server("bbb-1")),
        stores.servers().update("bbb-1", s -> s.withOnline(false)),
        stores.servers().find("bbb-1"),
        stores.servers().all(),
        stores.meetings().createIfAbsent(meeting),
        stores.meetings().createIfAbsent(meeting("m-2", "bbb-1", "700000001")),
        stores.meetings().touch("m-1"),
        stores.meetings().voiceBridgeInUse("700000001"),
        stores.meetings().removeAllOnServer("bbb-1"),
        stores.load().set("bbb-1", 1),
        stores.load().increment("bbb-1", 1),
        stores.load().incrementLeastLoaded(Map.of("bbb-1", 1.0)),
        stores.load().snapshot(),
        stores.servers().remove("bbb-1"),
        stores.recordings().save(recording),
        stores.recordings().get(recording.recordId()),
        stores.recordings().getAll(List.of(recording.recordId())),
        stores.recordings().update(recording.recordId(), r -> r.withPublished(false)),
        stores.recordings().updateMetadata(List.of(recording.recordId()), Map.of("gl-listed", "true")),
        stores.recordings().find(RecordingQuery.all()),
        stores.recordings().recordIds(),
        stores.recordings().remove(recording.recordId()),
        stores.callbacks().putRecordingReadyUrl("m-1", "https://lms.example.com/ready"),
        stores.callbacks().recordingReadyUrl("m-1"),
        stores.recordingTokens().put("token", new RecordingTokenStore.Grant(recording.recordId(), "presentation"),
            Duration.ofMinutes(1)),
        stores.recordingTokens().consume("token"));

    assertThat(stages).allSatisfy(stage -> assertThat(stage.toCompletableFuture()).isDone());
  }

  @Test
  void eachInstanceHasItsOwnRecordingsCallbacksAndTokens() {
    Stores other = Stores.inMemory(clock);
    await(stores.recordings().save(new Recording("rid-1", "m-1", "", true, false, Optional.of("published"), 0, 0,
        OptionalInt.empty(), Map.of(), List.of(), false)));
    await(stores.callbacks().putRecordingReadyUrl("m-1", "https://lms.example.com/ready"));
    await(stores.recordingTokens().put("token", new RecordingTokenStore.Grant("rid-1", "presentation"),
        Duration.ofMinutes(1)));

    assertThat(await(other.recordings().recordIds())).isEmpty();
    assertThat(await(other.callbacks().recordingReadyUrl("m-1"))).isEmpty();
    assertThat(await(other.recordingTokens().consume("token"))).isEmpty();
    assertThat(stores.recordings()).isSameAs(stores.recordings());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void nonPositiveTtlIsRejected(long seconds) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Stores.inMemory(Clock.systemUTC(), Duration.ofSeconds(seconds)))
        .withMessageStartingWith("meetingTtl: ");
  }
}
