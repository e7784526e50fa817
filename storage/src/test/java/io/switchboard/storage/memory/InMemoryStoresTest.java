package io.switchboard.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.Stores;
import io.switchboard.storage.StoresContractTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
        stores.load().incrementIfUnchanged("bbb-1", 2, 1),
        stores.load().snapshot(),
        stores.servers().remove("bbb-1"));

    assertThat(stages).allSatisfy(stage -> assertThat(stage.toCompletableFuture()).isDone());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void nonPositiveTtlIsRejected(long seconds) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Stores.inMemory(Clock.systemUTC(), Duration.ofSeconds(seconds)))
        .withMessageStartingWith("meetingTtl: ");
  }
}
