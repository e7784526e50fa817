package io.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CallbackStore} owes its callers (spec §8 callback_data, §11.3). An implementation's test
 * extends this class and supplies a fresh, empty store; the test-jar of this module carries it to other modules.
 */
public abstract class CallbackStoreContractTest {
  protected CallbackStore store;

  /** A fresh, empty store. */
  protected abstract CallbackStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @Test
  public void unknownMeetingHasNoRecordingReadyUrl() {
    assertThat(await(store.recordingReadyUrl("room-1"))).isEmpty();
  }

  @Test
  public void storedUrlIsReturnedForItsMeeting() {
    await(store.putRecordingReadyUrl("room-1", "https://lms.example.com/recording-ready?room=1"));

    assertThat(await(store.recordingReadyUrl("room-1"))).contains("https://lms.example.com/recording-ready?room=1");
  }

  @Test
  public void theLatestCreateOfAMeetingWins() {
    await(store.putRecordingReadyUrl("room-1", "https://old.example.com/ready"));

    await(store.putRecordingReadyUrl("room-1", "https://new.example.com/ready"));

    assertThat(await(store.recordingReadyUrl("room-1"))).contains("https://new.example.com/ready");
  }

  @Test
  public void meetingsKeepTheirOwnUrls() {
    await(store.putRecordingReadyUrl("room-1", "https://a.example.com/ready"));
    await(store.putRecordingReadyUrl("room-2", "https://b.example.com/ready"));

    assertThat(await(store.recordingReadyUrl("room-1"))).contains("https://a.example.com/ready");
    assertThat(await(store.recordingReadyUrl("room-2"))).contains("https://b.example.com/ready");
    assertThat(await(store.recordingReadyUrl("Room-1"))).isEmpty();
  }

  @Test
  public void urlIsStoredVerbatim() {
    String url = "https://lms.example.com/mod/bigbluebuttonbn/bbb_broker.php?action=recording_ready&bigbluebuttonbn=7"
        + "&x=%C3%A9%20y";

    await(store.putRecordingReadyUrl("meeting with spaces & ünïcode", url));

    assertThat(await(store.recordingReadyUrl("meeting with spaces & ünïcode"))).contains(url);
  }

  @Test
  public void unknownMeetingHasNoAnalyticsUrl() {
    await(store.putRecordingReadyUrl("room-1", "https://lms.example.com/ready"));

    assertThat(await(store.analyticsCallbackUrl("room-1"))).isEmpty();
    assertThat(await(store.analyticsCallbackUrl("room-2"))).isEmpty();
  }

  @Test
  public void analyticsThenRecordingReadyKeepsBoth() {
    await(store.putAnalyticsCallbackUrl("room-1", "https://lms.example.com/analytics?room=1"));

    await(store.putRecordingReadyUrl("room-1", "https://lms.example.com/ready?room=1"));

    assertThat(await(store.analyticsCallbackUrl("room-1"))).contains("https://lms.example.com/analytics?room=1");
    assertThat(await(store.recordingReadyUrl("room-1"))).contains("https://lms.example.com/ready?room=1");
  }

  @Test
  public void aLaterAnalyticsUrlReplacesEveryCallbackOfTheMeeting() {
    await(store.putAnalyticsCallbackUrl("room-1", "https://old.example.com/analytics"));
    await(store.putRecordingReadyUrl("room-1", "https://old.example.com/ready"));

    await(store.putAnalyticsCallbackUrl("room-1", "https://new.example.com/analytics"));

    assertThat(await(store.analyticsCallbackUrl("room-1"))).contains("https://new.example.com/analytics");
    assertThat(await(store.recordingReadyUrl("room-1"))).isEmpty();
  }

  @Test
  public void theLatestCreateWinsForBothUrls() {
    await(store.putAnalyticsCallbackUrl("room-1", "https://a.example.com/analytics"));
    await(store.putRecordingReadyUrl("room-1", "https://a.example.com/ready"));
    await(store.putAnalyticsCallbackUrl("room-2", "https://c.example.com/analytics"));

    await(store.putAnalyticsCallbackUrl("room-1", "https://b.example.com/analytics"));
    await(store.putRecordingReadyUrl("room-1", "https://b.example.com/ready"));

    assertThat(await(store.analyticsCallbackUrl("room-1"))).contains("https://b.example.com/analytics");
    assertThat(await(store.recordingReadyUrl("room-1"))).contains("https://b.example.com/ready");
    assertThat(await(store.analyticsCallbackUrl("room-2"))).contains("https://c.example.com/analytics");
  }

  @Test
  public void analyticsUrlIsStoredVerbatim() {
    String url = "https://lms.example.com/analytics?a=1&b=it's%20&c=é:";

    await(store.putAnalyticsCallbackUrl("meeting with spaces & ünïcode", url));

    assertThat(await(store.analyticsCallbackUrl("meeting with spaces & ünïcode"))).contains(url);
  }

  protected static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
