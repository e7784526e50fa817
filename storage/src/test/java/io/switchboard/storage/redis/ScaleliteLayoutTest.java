package io.switchboard.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.switchboard.conf.ServerState;
import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.RecordingTokenStore.Grant;
import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.Stores;
import io.switchboard.storage.VoiceBridgeTakenException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scalelite's Redis layout (spec §7), both ways: keys written by hand exactly as Scalelite writes them are read
 * correctly, and keys written through the stores are exactly what Scalelite reads.
 */
@ExtendWith(RedisTestSupport.Required.class)
class ScaleliteLayoutTest {
  private static final Instant CREATED = Instant.parse("2024-03-01T09:00:00Z");

  private RedisTestSupport.Raw raw;
  private Stores stores;

  @BeforeEach
  void open() {
    String namespace = RedisTestSupport.namespace();
    raw = new RedisTestSupport.Raw(namespace);
    stores = RedisTestSupport.open(namespace, Clock.systemUTC(), Stores.DEFAULT_MEETING_TTL);
  }

  @AfterEach
  void close() {
    stores.close();
    raw.close();
  }

  private String key(String key) {
    return raw.key(key);
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static URI url(String host) {
    return URI.create("https://" + host + ".example.com/bigbluebutton/api");
  }

  /** What Scalelite's admin tools, poller and API write; Switchboard reads. */
  @Nested
  class WrittenByScalelite {

    @BeforeEach
    void writeFixture() {
      var redis = raw.redis;
      // rake servers:add + enable, before the `state` field existed: enabled = membership of server_enabled.
      redis.sadd(key("servers"), "legacy-enabled", "legacy-disabled", "cordoned", "enabled", "offline", "tagged");
      redis.hset(key("server:legacy-enabled"), Map.of("url", url("bbb1").toString(), "secret", "s1",
          "online", "true", "load_multiplier", "1.0", "meetings", "2", "users", "11", "largest_meeting", "7",
          "videos", "3", "bbb_version", "2.7.3"));
      redis.sadd(key("server_enabled"), "legacy-enabled");
      redis.zadd(key("server_load"), 12.0, "legacy-enabled");
      redis.hset(key("legacy-enabled"), Map.of("healthy_counter", "0", "unhealthy_counter", "1"));
      // Added and never enabled: no state, not in server_enabled, a load multiplier written as "2.5".
      redis.hset(key("server:legacy-disabled"), Map.of("url", url("bbb2").toString(), "secret", "s2",
          "online", "false", "load_multiplier", "2.5"));
      // Cordoned: its load moved to cordoned_server_load, out of server_enabled.
      redis.hset(key("server:cordoned"), Map.of("url", url("bbb3").toString(), "secret", "s3", "online", "true",
          "load_multiplier", "1.0", "state", "cordoned", "meetings", "1", "users", "4", "largest_meeting", "4",
          "videos", "0", "bbb_version", ""));
      redis.zadd(key("cordoned_server_load"), 4.0, "cordoned");
      redis.hset(key("server:enabled"), Map.of("url", url("bbb4").toString(), "secret", "s4", "online", "true",
          "load_multiplier", "1.0", "state", "enabled"));
      redis.sadd(key("server_enabled"), "enabled");
      redis.zadd(key("server_load"), 0.5, "enabled");
      redis.hset(key("server:offline"), Map.of("url", url("bbb5").toString(), "secret", "s5", "online", "false",
          "load_multiplier", "1", "state", "enabled"));
      redis.sadd(key("server_enabled"), "offline");
      redis.hset(key("offline"), Map.of("healthy_counter", "1", "unhealthy_counter", "0"));
      redis.hset(key("server:tagged"), Map.of("url", url("bbb6").toString(), "secret", "s6", "online", "true",
          "load_multiplier", "1.0", "state", "disabled", "tag", "test"));

      // Meetings: tenant_id "" when multitenancy is off, a tenant's UUID otherwise; EXPIRE DEFAULT_MEETING_TTL.
      redis.hset(key("meeting:m-1"), Map.of("server_id", "legacy-enabled", "moderator_pw", "mp1",
          "voice_bridge", "123456789", "tenant_id", ""));
      redis.expire(key("meeting:m-1"), 86_400);
      redis.hset(key("meeting:tenant meeting/ü"), Map.of("server_id", "enabled", "moderator_pw", "mp2",
          "voice_bridge", "234567890", "tenant_id", "5ac4e2a2-6a4b-4e6b-9a8f-4a8b2a2f1c3d"));
      redis.expire(key("meeting:tenant meeting/ü"), 86_400);
      redis.sadd(key("meetings"), "m-1", "tenant meeting/ü", "expired-long-ago");
      redis.hset(key("voice_bridges"), Map.of("123456789", "m-1", "234567890", "tenant meeting/ü",
          "345678901", "expired-long-ago"));

      redis.setex(key("protector_token_" + "ab".repeat(32)), 3_600,
          "{\"record_id\":\"183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000\",\"format\":\"presentation\"}");
    }

    @Test
    void serversAreReadWithTheirStatesLegacyOnesByServerEnabled() {
      assertThat(await(stores.servers().all())).containsExactly(
          new ServerRecord("cordoned", url("bbb3"), "s3", ServerState.CORDONED, true, 1.0, Set.of(), 0, 0, 1, 4, 4, 0,
              ""),
          new ServerRecord("enabled", url("bbb4"), "s4", ServerState.ENABLED, true, 1.0, Set.of(), 0, 0, 0, 0, 0, 0,
              ""),
          new ServerRecord("legacy-disabled", url("bbb2"), "s2", ServerState.DISABLED, false, 2.5, Set.of(), 0, 0, 0,
              0, 0, 0, ""),
          new ServerRecord("legacy-enabled", url("bbb1"), "s1", ServerState.ENABLED, true, 1.0, Set.of(), 0, 1, 2, 11,
              7, 3, "2.7.3"),
          new ServerRecord("offline", url("bbb5"), "s5", ServerState.ENABLED, false, 1.0, Set.of(), 1, 0, 0, 0, 0, 0,
              ""),
          new ServerRecord("tagged", url("bbb6"), "s6", ServerState.DISABLED, true, 1.0, Set.of("test"), 0, 0, 0, 0,
              0, 0, ""));
    }

    @Test
    void theLoadTableIsServerLoadAlone() {
      assertThat(await(stores.load().snapshot())).containsExactly(entry("enabled", 0.5), entry("legacy-enabled", 12.0));
    }

    @Test
    void aServerHashOutsideTheServersSetIsFoundButNotListed() {
      raw.redis.hset(key("server:stray"), Map.of("url", url("bbb9").toString(), "secret", "s9"));

      assertThat(await(stores.servers().find("stray"))).isPresent();
      assertThat(await(stores.servers().all())).extracting(ServerRecord::id).doesNotContain("stray");
    }

    @Test
    void anUnusableServerHashIsIgnored() {
      raw.redis.sadd(key("servers"), "broken");
      raw.redis.hset(key("server:broken"), Map.of("online", "true"));

      assertThat(await(stores.servers().find("broken"))).isEmpty();
      assertThat(await(stores.servers().all())).hasSize(6);
    }

    @Test
    void enablingALegacyServerWritesItsStateAndKeepsItsLoad() {
      var updated = await(stores.servers().update("legacy-enabled", server -> server.withCounters(0, 0)));

      assertThat(updated).get().extracting(ServerRecord::state).isEqualTo(ServerState.ENABLED);
      assertThat(raw.redis.hget(key("server:legacy-enabled"), "state")).isEqualTo("enabled");
      assertThat(raw.redis.zscore(key("server_load"), "legacy-enabled")).isEqualTo(12.0);
    }

    @Test
    void reenablingACordonedServerRestoresItsCordonedLoad() {
      await(stores.servers().update("cordoned", server -> server.withState(ServerState.ENABLED)));

      assertThat(raw.redis.zscore(key("server_load"), "cordoned")).isEqualTo(4.0);
      assertThat(raw.redis.zscore(key("cordoned_server_load"), "cordoned")).isNull();
      assertThat(raw.redis.sismember(key("server_enabled"), "cordoned")).isTrue();
    }

    @Test
    void meetingsAreReadWithTheirTenantsAndWithoutCreationTime() {
      assertThat(await(stores.meetings().find("m-1"))).contains(
          new MeetingRecord("m-1", "legacy-enabled", "mp1", "123456789", "", Instant.EPOCH));
      assertThat(await(stores.meetings().all())).containsExactlyInAnyOrder(
          new MeetingRecord("m-1", "legacy-enabled", "mp1", "123456789", "", Instant.EPOCH),
          new MeetingRecord("tenant meeting/ü", "enabled", "mp2", "234567890",
              "5ac4e2a2-6a4b-4e6b-9a8f-4a8b2a2f1c3d", Instant.EPOCH));
    }

    @Test
    void aMeetingKeepsItsVoiceBridgeAndItsServer() {
      MeetingRecord again = new MeetingRecord("m-1", "enabled", "other", "999999999", "", CREATED);
      assertThat(await(stores.meetings().createIfAbsent(again))).isEqualTo(
          new MeetingRecord("m-1", "legacy-enabled", "mp1", "123456789", "", Instant.EPOCH));

      MeetingRecord other = new MeetingRecord("m-2", "enabled", "mp", "123456789", "", CREATED);
      assertThat(stores.meetings().createIfAbsent(other).toCompletableFuture())
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(VoiceBridgeTakenException.class);
      assertThat(await(stores.meetings().voiceBridgeInUse("123456789"))).isTrue();
    }

    @Test
    void theVoiceBridgeOfAnExpiredMeetingIsFreeAndReclaimed() {
      assertThat(await(stores.meetings().voiceBridgeInUse("345678901"))).isFalse();

      MeetingRecord next = new MeetingRecord("m-3", "enabled", "mp", "345678901", "", CREATED);
      assertThat(await(stores.meetings().createIfAbsent(next))).isEqualTo(next);

      assertThat(raw.redis.hget(key("voice_bridges"), "345678901")).isEqualTo("m-3");
    }

    @Test
    void removingAScaleliteMeetingDestroysItAsScaleliteDoes() {
      assertThat(await(stores.meetings().remove("m-1"))).isTrue();

      assertThat(raw.redis.exists(key("meeting:m-1"))).isZero();
      assertThat(raw.redis.sismember(key("meetings"), "m-1")).isFalse();
      assertThat(raw.redis.hexists(key("voice_bridges"), "123456789")).isFalse();
    }

    @Test
    void panicRemovesTheServersMeetings() {
      assertThat(await(stores.meetings().removeAllOnServer("legacy-enabled"))).extracting(MeetingRecord::id)
          .containsExactly("m-1");
      assertThat(raw.redis.smembers(key("meetings"))).containsExactly("tenant meeting/ü");
    }

    @Test
    void aTokenMintedByScaleliteIsConsumedOnce() {
      Grant grant = new Grant("183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000", "presentation");

      assertThat(await(stores.recordingTokens().consume("ab".repeat(32)))).contains(grant);
      assertThat(await(stores.recordingTokens().consume("ab".repeat(32)))).isEmpty();
    }

    @Test
    void aTokenWithEscapesInItsJsonIsRead() {
      raw.redis.setex(key("protector_token_cd"), 60,
          "{ \"record_id\" : \"r\\u002d1\\\"\", \"format\":\"pod\\/cast\" }");

      assertThat(await(stores.recordingTokens().consume("cd"))).contains(new Grant("r-1\"", "pod/cast"));
    }

    @Test
    void anUnreadableTokenGrantsNothing() {
      raw.redis.setex(key("protector_token_ef"), 60, "not json");

      assertThat(await(stores.recordingTokens().consume("ef"))).isEmpty();
    }
  }

  /** What the stores write; Scalelite reads. */
  @Nested
  class ReadByScalelite {
    private final ServerRecord server = new ServerRecord("bbb-1", url("bbb1"), "secret-1", ServerState.ENABLED, true,
        2.5, Set.of("test"), 0, 1, 3, 20, 12, 4, "3.0.4");

    @Test
    void aServerIsAHashInTheServersSetWithItsCountersAtTheBareId() {
      await(stores.servers().save(server));

      assertThat(raw.redis.type(key("server:bbb-1"))).isEqualTo("hash");
      assertThat(raw.redis.hgetall(key("server:bbb-1"))).containsOnly(
          entry("url", "https://bbb1.example.com/bigbluebutton/api"), entry("secret", "secret-1"),
          entry("online", "true"), entry("load_multiplier", "2.5"), entry("state", "enabled"), entry("meetings", "3"),
          entry("users", "20"), entry("largest_meeting", "12"), entry("videos", "4"), entry("bbb_version", "3.0.4"),
          entry("tag", "test"));
      assertThat(raw.redis.smembers(key("servers"))).containsExactly("bbb-1");
      assertThat(raw.redis.smembers(key("server_enabled"))).containsExactly("bbb-1");
      assertThat(raw.redis.hgetall(key("bbb-1")))
          .containsExactlyInAnyOrderEntriesOf(Map.of("healthy_counter", "0", "unhealthy_counter", "1"));
      assertThat(raw.redis.exists(key("server_load"))).as("no load before the poller computes one").isZero();
    }

    @Test
    void oneTagIsScalelitesTagFieldAndSeveralAlsoGoToSwitchboardTags() {
      await(stores.servers().save(server));
      assertThat(raw.redis.hget(key("server:bbb-1"), "tag")).isEqualTo("test");
      assertThat(raw.redis.hexists(key("server:bbb-1"), "switchboard_tags")).isFalse();

      ServerRecord twoTags = new ServerRecord("bbb-1", url("bbb1"), "secret-1", ServerState.ENABLED, true, 1.0,
          Set.of("video", "audio"), 0, 0, 0, 0, 0, 0, "");
      await(stores.servers().save(twoTags));
      assertThat(raw.redis.hget(key("server:bbb-1"), "tag")).isEqualTo("audio");
      assertThat(raw.redis.hget(key("server:bbb-1"), "switchboard_tags")).isEqualTo("audio,video");
      assertThat(await(stores.servers().find("bbb-1"))).contains(twoTags);

      await(stores.servers().save(server.withState(ServerState.DISABLED)));
      assertThat(raw.redis.hget(key("server:bbb-1"), "tag")).isEqualTo("test");
      assertThat(raw.redis.hexists(key("server:bbb-1"), "switchboard_tags")).isFalse();
    }

    @Test
    void anUntaggedServerHasNoTagField() {
      await(stores.servers().save(server));
      await(stores.servers().save(new ServerRecord("bbb-1", url("bbb1"), "secret-1", ServerState.ENABLED, true,
          1.0, Set.of(), 0, 0, 0, 0, 0, 0, "")));

      assertThat(raw.redis.hkeys(key("server:bbb-1"))).doesNotContain("tag", "switchboard_tags");
    }

    @Test
    void unknownFieldsOfTheHashAreLeftAlone() {
      await(stores.servers().save(server));
      raw.redis.hset(key("server:bbb-1"), "added_by_a_newer_scalelite", "x");

      await(stores.servers().save(server.withStats(0, 0, 0, 0)));
      await(stores.servers().update("bbb-1", s -> s.withOnline(false)));

      assertThat(raw.redis.hget(key("server:bbb-1"), "added_by_a_newer_scalelite")).isEqualTo("x");
    }

    @Test
    void stateTransitionsMaintainTheSetsAsServerSaveDoes() {
      await(stores.servers().save(server));
      await(stores.load().set("bbb-1", 7));
      assertThat(raw.redis.zscore(key("server_load"), "bbb-1")).isEqualTo(7.0);

      await(stores.servers().save(server.withState(ServerState.CORDONED)));
      assertThat(raw.redis.hget(key("server:bbb-1"), "state")).isEqualTo("cordoned");
      assertThat(raw.redis.zscore(key("server_load"), "bbb-1")).isNull();
      assertThat(raw.redis.zscore(key("cordoned_server_load"), "bbb-1")).isEqualTo(7.0);
      assertThat(raw.redis.sismember(key("server_enabled"), "bbb-1")).isFalse();

      await(stores.servers().save(server));
      assertThat(raw.redis.zscore(key("server_load"), "bbb-1")).isEqualTo(7.0);
      assertThat(raw.redis.zscore(key("cordoned_server_load"), "bbb-1")).isNull();
      assertThat(raw.redis.sismember(key("server_enabled"), "bbb-1")).isTrue();

      await(stores.servers().save(server.withOnline(false)));
      assertThat(raw.redis.hget(key("server:bbb-1"), "online")).isEqualTo("false");
      assertThat(raw.redis.zscore(key("server_load"), "bbb-1")).isNull();
      assertThat(raw.redis.sismember(key("server_enabled"), "bbb-1")).isTrue();

      await(stores.servers().save(server));
      await(stores.load().set("bbb-1", 3));
      await(stores.servers().save(server.withState(ServerState.DISABLED)));
      assertThat(raw.redis.hget(key("server:bbb-1"), "state")).isEqualTo("disabled");
      assertThat(raw.redis.zscore(key("server_load"), "bbb-1")).isNull();
      assertThat(raw.redis.zscore(key("cordoned_server_load"), "bbb-1")).isNull();
      assertThat(raw.redis.sismember(key("server_enabled"), "bbb-1")).isFalse();
    }

    @Test
    void aCordonedServerGoingOfflineLosesItsCordonedLoad() {
      await(stores.servers().save(server));
      await(stores.load().set("bbb-1", 7));
      await(stores.servers().save(server.withState(ServerState.CORDONED)));

      await(stores.servers().update("bbb-1", s -> s.withOnline(false)));

      assertThat(raw.redis.zscore(key("cordoned_server_load"), "bbb-1")).isNull();
    }

    @Test
    void removingAServerLeavesItsCountersBehindAsScaleliteDoes() {
      await(stores.servers().save(server));
      await(stores.load().set("bbb-1", 7));

      await(stores.servers().remove("bbb-1"));

      assertThat(raw.redis.exists(key("server:bbb-1"))).isZero();
      assertThat(raw.redis.sismember(key("servers"), "bbb-1")).isFalse();
      assertThat(raw.redis.sismember(key("server_enabled"), "bbb-1")).isFalse();
      assertThat(raw.redis.zscore(key("server_load"), "bbb-1")).isNull();
      assertThat(raw.redis.exists(key("bbb-1"))).isEqualTo(1L);
    }

    @Test
    void loadIsAScoreInServerLoadIncrementedOnlyForMembers() {
      await(stores.load().set("bbb-1", 1.5));
      await(stores.load().increment("bbb-1", 2));
      await(stores.load().increment("bbb-2", 2));
      assertThat(await(stores.load().incrementLeastLoaded(Map.of("bbb-1", 0.25, "bbb-2", 0.25)))).contains("bbb-1");

      assertThat(raw.redis.type(key("server_load"))).isEqualTo("zset");
      assertThat(raw.redis.zscore(key("server_load"), "bbb-1")).isEqualTo(3.75);
      assertThat(raw.redis.zscore(key("server_load"), "bbb-2")).isNull();
    }

    @Test
    void leastLoadedComparesExactlyTheDoublesRedisHolds() {
      await(stores.load().set("bbb-1", 0.1));
      await(stores.load().increment("bbb-1", 0.2)); // 0.30000000000000004 in Redis as in Java
      await(stores.load().set("bbb-2", 0.3));
      Map<String, Double> candidates = Map.of("bbb-1", 1.0, "bbb-2", 1e-9);

      // 0.3 is one ulp below bbb-1's load: no tolerance lets the smaller id win.
      assertThat(await(stores.load().incrementLeastLoaded(candidates))).contains("bbb-2");
      assertThat(raw.redis.zscore(key("server_load"), "bbb-2")).isEqualTo(0.3 + 1e-9);

      await(stores.load().set("bbb-2", 0.1 + 0.2)); // now exactly equal: the tie goes to the smaller id
      assertThat(await(stores.load().incrementLeastLoaded(candidates))).contains("bbb-1");
      assertThat(raw.redis.zscore(key("server_load"), "bbb-1")).isEqualTo(0.1 + 0.2 + 1);
    }

    @Test
    void leastLoadedBreaksTiesInTheOrderRedisGivesEqualScores() {
      List<String> ids = List.of("bbb.a", "abb", "bbb-10", "bbb-b", "Bbb", "bbb-2", "BBB_1");
      Map<String, Double> candidates = new HashMap<>();
      for (String id : ids) {
        await(stores.load().set(id, 3));
        candidates.put(id, 1.0);
      }
      List<String> zrange = raw.redis.zrange(key("server_load"), 0, -1);

      List<String> chosen = new ArrayList<>();
      for (int n = 0; n < ids.size(); n++) {
        chosen.add(await(stores.load().incrementLeastLoaded(candidates)).orElseThrow());
      }

      assertThat(chosen).isEqualTo(zrange).isSortedAccordingTo(String::compareTo);
    }

    @Test
    void aMeetingIsAHashWithScalelitesFieldsAndOurCreationTimeUnderItsTtl() {
      MeetingRecord meeting = new MeetingRecord("m-1", "bbb-1", "mp", "712345678", "", CREATED.plusNanos(1));

      assertThat(await(stores.meetings().createIfAbsent(meeting))).isEqualTo(meeting);

      assertThat(raw.redis.type(key("meeting:m-1"))).isEqualTo("hash");
      assertThat(raw.redis.hgetall(key("meeting:m-1"))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "server_id", "bbb-1", "moderator_pw", "mp", "voice_bridge", "712345678", "tenant_id", "",
          "created_at", Long.toString(CREATED.toEpochMilli() + 1)));
      long ttl = raw.redis.ttl(key("meeting:m-1"));
      assertThat(ttl).isBetween(86_400L - 10, 86_400L);
      assertThat(raw.redis.smembers(key("meetings"))).containsExactly("m-1");
      assertThat(raw.redis.hgetall(key("voice_bridges"))).containsExactly(entry("712345678", "m-1"));
    }

    @Test
    void aTenantsMeetingCarriesItsTenantId() {
      MeetingRecord meeting = new MeetingRecord("m-1", "bbb-1", "mp", "712345678", "tenant-1", CREATED);

      await(stores.meetings().createIfAbsent(meeting));

      assertThat(raw.redis.hget(key("meeting:m-1"), "tenant_id")).isEqualTo("tenant-1");
      assertThat(await(stores.meetings().find("m-1"))).contains(meeting);
    }

    @Test
    void aTokenIsScalelitesJsonStringUnderItsTimeout() {
      String token = "3f".repeat(32);
      await(stores.recordingTokens().put(token, new Grant("rec-1", "presentation"), Duration.ofMinutes(60)));

      String tokenKey = key("protector_token_" + token);
      assertThat(raw.redis.type(tokenKey)).isEqualTo("string");
      assertThat(raw.redis.get(tokenKey)).isEqualTo("{\"record_id\":\"rec-1\",\"format\":\"presentation\"}");
      assertThat(raw.redis.ttl(tokenKey)).isBetween(3_600L - 10, 3_600L);
    }

    @Test
    void everyKeyIsScalelitesOrOurOwnLease() {
      await(stores.servers().save(server));
      await(stores.load().set("bbb-1", 1));
      await(stores.meetings().createIfAbsent(new MeetingRecord("m-1", "bbb-1", "mp", "712345678", "", CREATED)));
      await(stores.recordingTokens().put("ab", new Grant("r", "f"), Duration.ofMinutes(1)));
      await(stores.leases().tryAcquire("poller", "me", Duration.ofMinutes(1)));

      assertThat(raw.keys()).containsExactlyInAnyOrder(key("servers"), key("server:bbb-1"), key("bbb-1"),
          key("server_enabled"), key("server_load"), key("meetings"), key("meeting:m-1"), key("voice_bridges"),
          key("protector_token_ab"), key("switchboard:lease:poller"));
    }
  }

  @Test
  void anEmptyNamespaceWritesBareKeysAsRedisNamespaceDoesWithoutOne() {
    // Only reads here (it would share the database's bare keys): the prefix is computed, not written.
    assertThat(new Keys("").servers()).isEqualTo("servers");
    assertThat(new Keys("").serverCounters("bbb-1")).isEqualTo("bbb-1");
    assertThat(new Keys("scalelite").meeting("m 1")).isEqualTo("scalelite:meeting:m 1");
    assertThat(new Keys("scalelite").protectorToken("ab")).isEqualTo("scalelite:protector_token_ab");
    assertThat(new Keys("scalelite").lease("poller")).isEqualTo("scalelite:switchboard:lease:poller");
  }

  @Test
  void healthCheckWritesScalelitesKeyExpiringWithinTenSeconds() {
    await(stores.check());

    assertThat(raw.redis.get(key("__health_check_set__"))).isNotBlank();
    assertThat(raw.redis.ttl(key("__health_check_set__"))).isBetween(1L, 10L);
  }
}
