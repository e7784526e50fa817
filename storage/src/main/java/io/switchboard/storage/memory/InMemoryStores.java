package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.Stores;
import java.time.Clock;
import java.time.Duration;

/**
 * Creates the embedded {@link Stores}: concurrent maps in this JVM, lost on restart, for a single Switchboard instance
 * (the Redis backend is for several). Reached through {@link Stores#inMemory}. Every stage the stores return is already
 * complete: no thread is started and no call waits on anything but a short critical section.
 */
public final class InMemoryStores {

  private InMemoryStores() {}

  /**
   * Empty stores; meetings expire {@code meetingTtl} after their creation or last touch, and recording tokens at their
   * own timeout, by {@code clock}.
   */
  public static Stores create(Clock clock, Duration meetingTtl) {
    requireNonNull(clock, "clock");
    requireNonNull(meetingTtl, "meetingTtl");
    if (meetingTtl.isNegative() || meetingTtl.isZero()) {
      throw new IllegalArgumentException("meetingTtl: " + meetingTtl + " (expected: > 0)");
    }
    MemoryLoadTable load = new MemoryLoadTable();
    return new MemoryStores(new MemoryServerStore(load), new MemoryMeetingStore(clock, meetingTtl), load,
        new MemoryRecordingStore(), new MemoryCallbackStore(), new MemoryTenantStore(),
        new MemoryRecordingTokenStore(clock), new MemoryLeases(clock));
  }
}
