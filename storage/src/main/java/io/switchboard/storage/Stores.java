package io.switchboard.storage;

import io.switchboard.storage.memory.InMemoryStores;
import io.switchboard.storage.recordings.RecordingStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The stores Switchboard keeps its state in: in memory for a single instance; Redis (with Scalelite's keys, spec §7)
 * and PostgreSQL (Scalelite's schema, spec §8) when several instances or Scalelite's own tools share them. Every
 * operation returns a {@link java.util.concurrent.CompletionStage} so a networked backend never blocks an event loop.
 */
public interface Stores extends AutoCloseable {

  /** Scalelite's {@code DEFAULT_MEETING_TTL}: a meeting not touched for a day is forgotten. */
  Duration DEFAULT_MEETING_TTL = Duration.ofDays(1);

  /** The key Scalelite's health check writes and reads in Redis (under the namespace, as every key). */
  String HEALTH_CHECK_KEY = "__health_check_set__";

  ServerStore servers();

  MeetingStore meetings();

  LoadTable load();

  /** The recordings index (spec §8 recordings, §9). */
  RecordingStore recordings();

  /** The recording-ready URLs front-ends gave at create (spec §8 callback_data, §11.3). */
  CallbackStore callbacks();

  /** The tenants and their settings (spec §7.5, §7.6), used when multitenancy is on. */
  TenantStore tenants();

  /** The one-time tokens of protected recordings' links (spec §9.10). */
  RecordingTokenStore recordingTokens();

  /**
   * Leases for background work that one instance at a time should do (the poller, the spool importer): in memory they
   * only exclude holders within this JVM; in Redis they exclude every instance sharing it.
   */
  Leases leases();

  /**
   * Proves the backends answer, for health checks (Scalelite's {@code /health_check}, spec §11.1): in memory always;
   * Redis by writing and reading back {@link #HEALTH_CHECK_KEY} (expiring after 10 s); PostgreSQL by
   * {@code SELECT 1}. The stage completes normally, or fails with an exception whose message says which backend did
   * not answer and why. It is bounded only by the backends' own timeouts.
   */
  CompletionStage<Void> check();

  /** Releases the backend's connections; the stores must not be used afterwards. */
  @Override
  void close();

  /** In-memory stores on the system clock, meetings expiring after {@link #DEFAULT_MEETING_TTL}. */
  static Stores inMemory() {
    return inMemory(Clock.systemUTC());
  }

  /** In-memory stores whose meeting expiry follows {@code clock}, meetings expiring after {@link #DEFAULT_MEETING_TTL}. */
  static Stores inMemory(Clock clock) {
    return inMemory(clock, DEFAULT_MEETING_TTL);
  }

  /**
   * In-memory stores whose meetings expire {@code meetingTtl} after creation or their last touch, and whose recording
   * tokens expire, by {@code clock}.
   */
  static Stores inMemory(Clock clock, Duration meetingTtl) {
    return InMemoryStores.create(clock, meetingTtl);
  }
}
