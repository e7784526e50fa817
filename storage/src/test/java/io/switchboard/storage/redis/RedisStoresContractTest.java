package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.Stores;
import io.switchboard.storage.StoresContractTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link StoresContractTest} on a real Redis. Redis keeps time itself, so the contract's TTL tests, which move a
 * fake clock, are replaced: where the TTL itself is the point, by real TTLs of one or two seconds; elsewhere by making
 * the meeting's hash expire at once ({@code PEXPIRE 1}), which is exactly what Redis does at the end of a TTL.
 */
@ExtendWith(RedisTestSupport.Required.class)
class RedisStoresContractTest extends StoresContractTest {
  private RedisTestSupport.Raw raw;
  private String namespace;
  private final List<Stores> opened = new ArrayList<>();

  @Override
  protected Stores stores(Clock clock) {
    namespace = RedisTestSupport.namespace();
    raw = new RedisTestSupport.Raw(namespace);
    return RedisTestSupport.open(namespace, clock, Stores.DEFAULT_MEETING_TTL);
  }

  @AfterEach
  void deleteKeys() {
    opened.forEach(Stores::close);
    raw.close();
  }

  /** Other stores on the same namespace whose meetings live {@code ttl}. */
  private Stores withMeetingTtl(Duration ttl) {
    Stores stores = RedisTestSupport.open(namespace, clock, ttl);
    opened.add(stores);
    return stores;
  }

  /** What Redis does when the meeting's TTL runs out: the hash goes, the set member and voice bridge entry stay. */
  private void expire(String meetingId) {
    String key = raw.key("meeting:" + meetingId);
    raw.redis.pexpire(key, 1);
    try {
      RedisTestSupport.eventually(Duration.ofSeconds(5), () -> assertThat(raw.redis.exists(key)).isZero());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @Override
  public void meetingExpiresTheTtlAfterItsCreation() {
    Stores shortLived = withMeetingTtl(Duration.ofSeconds(1));
    await(shortLived.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));

    assertThat(raw.redis.pttl(raw.key("meeting:m-1"))).isBetween(1L, 1_000L);
    assertThat(await(shortLived.meetings().find("m-1"))).isPresent();

    sleep(Duration.ofMillis(1_100));
    assertThat(await(shortLived.meetings().find("m-1"))).isEmpty();
    assertThat(await(shortLived.meetings().all())).isEmpty();
    assertThat(await(shortLived.meetings().voiceBridgeInUse("700000001"))).isFalse();
    assertThat(await(shortLived.meetings().remove("m-1"))).isFalse();
  }

  @Test
  @Override
  public void expiredMeetingIsReplacedByTheNextCreate() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    expire("m-1");

    MeetingRecord again = meeting("m-1", "bbb-2", "700000002");
    assertThat(await(stores.meetings().createIfAbsent(again))).isEqualTo(again);
    MeetingRecord other = meeting("m-2", "bbb-2", "700000001");
    assertThat(await(stores.meetings().createIfAbsent(other))).isEqualTo(other);
    assertThat(raw.redis.hget(raw.key("voice_bridges"), "700000001")).isEqualTo("m-2");
  }

  @Test
  @Override
  public void expiredMeetingsAreNotRemovedAgainWithTheirServer() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    MeetingRecord later = await(stores.meetings().createIfAbsent(meeting("m-2", "bbb-1", "700000002")));
    expire("m-1");

    assertThat(await(stores.meetings().removeAllOnServer("bbb-1"))).containsExactly(later);
  }

  @Test
  @Override
  public void touchRestartsTheTtl() {
    Stores shortLived = withMeetingTtl(Duration.ofSeconds(2));
    await(shortLived.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    sleep(Duration.ofMillis(1_200));

    await(shortLived.meetings().touch("m-1"));
    sleep(Duration.ofMillis(1_200)); // 2.4 s after the creation, 1.2 s after the touch

    assertThat(await(shortLived.meetings().find("m-1"))).isPresent();
    assertThat(await(shortLived.meetings().voiceBridgeInUse("700000001"))).isTrue();
    sleep(Duration.ofMillis(1_000)); // 2.2 s after the touch
    assertThat(await(shortLived.meetings().find("m-1"))).isEmpty();
  }

  @Test
  @Override
  public void touchOfAnUnknownOrExpiredMeetingCreatesNothing() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    expire("m-1");

    await(stores.meetings().touch("m-1"));
    await(stores.meetings().touch("m-2"));

    assertThat(await(stores.meetings().all())).isEmpty();
    assertThat(raw.redis.exists(raw.key("meeting:m-1"), raw.key("meeting:m-2"))).isZero();
  }

  @Test
  @Override
  public void anExpiredMeetingIsNotFoundByItsVoiceBridge() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    expire("m-1");

    assertThat(await(stores.meetings().findByVoiceBridge("700000001"))).isEmpty();
    MeetingRecord again = await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-2", "700000002")));
    assertThat(raw.redis.hget(raw.key("voice_bridges"), "700000001")).isEqualTo("m-1");
    assertThat(await(stores.meetings().findByVoiceBridge("700000001"))).isEmpty();
    assertThat(await(stores.meetings().findByVoiceBridge("700000002"))).contains(again);
  }

  @Test
  void meetingsLiveTheConfiguredTtlAndTouchRefreshesIt() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    long day = Stores.DEFAULT_MEETING_TTL.toMillis();
    assertThat(raw.redis.pttl(raw.key("meeting:m-1"))).isBetween(day - 10_000, day);

    raw.redis.pexpire(raw.key("meeting:m-1"), 60_000);
    await(stores.meetings().touch("m-1"));

    assertThat(raw.redis.pttl(raw.key("meeting:m-1"))).isBetween(day - 10_000, day);
  }

  @Test
  void allPrunesIdsWhoseHashExpired() {
    await(stores.meetings().createIfAbsent(meeting("m-1", "bbb-1", "700000001")));
    await(stores.meetings().createIfAbsent(meeting("m-2", "bbb-1", "700000002")));
    expire("m-1");
    assertThat(raw.redis.smembers(raw.key("meetings"))).containsExactlyInAnyOrder("m-1", "m-2");

    assertThat(await(stores.meetings().all())).extracting(MeetingRecord::id).containsExactly("m-2");

    assertThat(raw.redis.smembers(raw.key("meetings"))).containsExactly("m-2");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
