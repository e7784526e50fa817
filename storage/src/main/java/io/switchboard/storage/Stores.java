package io.switchboard.storage;

import io.switchboard.storage.memory.InMemoryStores;
import java.time.Clock;
import java.time.Duration;

/**
 * The three stores Switchboard keeps its state in, from one backend: in memory for a single instance, Redis (with
 * Scalelite's keys, spec §7) when several instances or Scalelite's own tools share it. Every operation returns a
 * {@link java.util.concurrent.CompletionStage} so a networked backend never blocks an event loop.
 */
public interface Stores extends AutoCloseable {

  /** Scalelite's {@code DEFAULT_MEETING_TTL}: a meeting not touched for a day is forgotten. */
  Duration DEFAULT_MEETING_TTL = Duration.ofDays(1);

  ServerStore servers();

  MeetingStore meetings();

  LoadTable load();

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

  /** In-memory stores whose meetings expire {@code meetingTtl} after creation or their last touch, by {@code clock}. */
  static Stores inMemory(Clock clock, Duration meetingTtl) {
    return InMemoryStores.create(clock, meetingTtl);
  }
}
