package io.switchboard.proxy.server;

import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.storage.CallbackStore;
import io.switchboard.storage.LoadTable;
import io.switchboard.storage.Leases;
import io.switchboard.storage.MeetingStore;
import io.switchboard.storage.RecordingTokenStore;
import io.switchboard.storage.ServerStore;
import io.switchboard.storage.Stores;
import io.switchboard.storage.TenantStore;
import io.switchboard.storage.postgres.PostgresRecordings;
import io.switchboard.storage.recordings.RecordingStore;
import io.switchboard.storage.redis.RedisStores;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the stores from the configuration, as Scalelite deployments expect: REDIS_URL set → servers, meetings,
 * load, tokens and leases in Redis with Scalelite's keys; DATABASE_URL set → recordings and callbacks in PostgreSQL with
 * Scalelite's schema; neither → the embedded in-memory default. Any instance sharing them answers any call.
 */
public final class StoresFactory {
  private static final Logger log = LoggerFactory.getLogger(StoresFactory.class);

  private StoresFactory() {}

  public static Stores open(SwitchboardConfig config, Clock clock) {
    Duration meetingTtl = config.rewrite().meetingTtl();
    boolean redis = config.redis().configured();
    boolean database = config.database().configured();
    log.info("state in {}, recordings index in {}", redis ? "Redis " + config.redis() : "memory",
        database ? "PostgreSQL " + config.database() : "memory");
    if (!database) {
      return redis ? RedisStores.open(config.redis(), clock, meetingTtl) : Stores.inMemory(clock, meetingTtl);
    }
    PostgresRecordings postgres = PostgresRecordings.open(config.database());
    try {
      Stores state = redis
          ? RedisStores.open(config.redis(), clock, meetingTtl, postgres.recordings(), postgres.callbacks())
          : Stores.inMemory(clock, meetingTtl);
      return new Composed(state, postgres);
    } catch (RuntimeException failure) {
      postgres.close();
      throw failure;
    }
  }

  /** Redis (or memory) for the state, PostgreSQL for the recordings and callbacks; closing closes both. */
  private record Composed(Stores state, PostgresRecordings postgres) implements Stores {
    @Override
    public ServerStore servers() {
      return state.servers();
    }

    @Override
    public MeetingStore meetings() {
      return state.meetings();
    }

    @Override
    public LoadTable load() {
      return state.load();
    }

    @Override
    public RecordingStore recordings() {
      return postgres.recordings();
    }

    @Override
    public CallbackStore callbacks() {
      return postgres.callbacks();
    }

    @Override
    public TenantStore tenants() {
      return state.tenants();
    }

    @Override
    public RecordingTokenStore recordingTokens() {
      return state.recordingTokens();
    }

    @Override
    public Leases leases() {
      return state.leases();
    }

    /** Both backends, checked at once; the first failure is the answer. */
    @Override
    public CompletionStage<Void> check() {
      return state.check().thenCombine(postgres.check(), (stateChecked, databaseChecked) -> null);
    }

    @Override
    public void close() {
      state.close();
      postgres.close();
    }
  }
}
