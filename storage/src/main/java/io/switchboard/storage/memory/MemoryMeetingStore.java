package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.MeetingRecord;
import io.switchboard.storage.MeetingStore;
import io.switchboard.storage.VoiceBridgeTakenException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link MeetingStore}: meetings and the voice bridges they hold, under one lock so that creation and
 * reservation are one step. Expiry is lazy: an operation that meets an expired meeting forgets it, and {@link #all} and
 * {@link #removeAllOnServer}, which the poller calls every interval, sweep them all.
 */
final class MemoryMeetingStore implements MeetingStore {
  private final Clock clock;
  private final Duration ttl;
  private final Object lock = new Object();
  private final Map<String, Entry> meetings = new HashMap<>();
  private final Map<String, String> voiceBridgeHolders = new HashMap<>();

  MemoryMeetingStore(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public CompletionStage<Optional<MeetingRecord>> find(String id) {
    requireNonNull(id, "id");
    synchronized (lock) {
      Entry entry = live(id, clock.instant());
      return CompletableFuture.completedStage(Optional.ofNullable(entry == null ? null : entry.meeting()));
    }
  }

  @Override
  public CompletionStage<MeetingRecord> createIfAbsent(MeetingRecord meeting) {
    requireNonNull(meeting, "meeting");
    synchronized (lock) {
      Instant now = clock.instant();
      Entry existing = live(meeting.id(), now);
      if (existing != null) {
        return CompletableFuture.completedStage(existing.meeting());
      }
      String holder = voiceBridgeHolders.get(meeting.voiceBridge());
      if (holder != null && live(holder, now) != null) {
        return CompletableFuture.failedStage(new VoiceBridgeTakenException(meeting.voiceBridge()));
      }
      meetings.put(meeting.id(), new Entry(meeting, now.plus(ttl)));
      voiceBridgeHolders.put(meeting.voiceBridge(), meeting.id());
      return CompletableFuture.completedStage(meeting);
    }
  }

  @Override
  public CompletionStage<Void> touch(String id) {
    requireNonNull(id, "id");
    synchronized (lock) {
      Instant now = clock.instant();
      Entry entry = live(id, now);
      if (entry != null) {
        meetings.put(id, new Entry(entry.meeting(), now.plus(ttl)));
      }
      return CompletableFuture.completedStage(null);
    }
  }

  @Override
  public CompletionStage<Boolean> remove(String id) {
    requireNonNull(id, "id");
    synchronized (lock) {
      Entry entry = live(id, clock.instant());
      if (entry == null) {
        return CompletableFuture.completedStage(false);
      }
      forget(entry.meeting());
      return CompletableFuture.completedStage(true);
    }
  }

  @Override
  public CompletionStage<List<MeetingRecord>> removeAllOnServer(String serverId) {
    requireNonNull(serverId, "serverId");
    synchronized (lock) {
      sweep(clock.instant());
      List<MeetingRecord> removed = meetings.values().stream()
          .map(Entry::meeting)
          .filter(meeting -> meeting.serverId().equals(serverId))
          .toList();
      removed.forEach(this::forget);
      return CompletableFuture.completedStage(removed);
    }
  }

  @Override
  public CompletionStage<List<MeetingRecord>> all() {
    synchronized (lock) {
      sweep(clock.instant());
      return CompletableFuture.completedStage(meetings.values().stream().map(Entry::meeting).toList());
    }
  }

  @Override
  public CompletionStage<Optional<MeetingRecord>> findByVoiceBridge(String voiceBridge) {
    requireNonNull(voiceBridge, "voiceBridge");
    synchronized (lock) {
      String holder = voiceBridgeHolders.get(voiceBridge);
      Entry entry = holder == null ? null : live(holder, clock.instant());
      return CompletableFuture.completedStage(Optional.ofNullable(entry == null ? null : entry.meeting()));
    }
  }

  @Override
  public CompletionStage<Boolean> voiceBridgeInUse(String voiceBridge) {
    requireNonNull(voiceBridge, "voiceBridge");
    synchronized (lock) {
      String holder = voiceBridgeHolders.get(voiceBridge);
      return CompletableFuture.completedStage(holder != null && live(holder, clock.instant()) != null);
    }
  }

  /** The meeting's entry unless it is absent or expired; an expired one is forgotten on the way. */
  private @Nullable Entry live(String id, Instant now) {
    Entry entry = meetings.get(id);
    if (entry != null && entry.expiredAt(now)) {
      forget(entry.meeting());
      return null;
    }
    return entry;
  }

  private void sweep(Instant now) {
    for (Iterator<Entry> it = meetings.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.expiredAt(now)) {
        it.remove();
        voiceBridgeHolders.remove(entry.meeting().voiceBridge(), entry.meeting().id());
      }
    }
  }

  private void forget(MeetingRecord meeting) {
    meetings.remove(meeting.id());
    voiceBridgeHolders.remove(meeting.voiceBridge(), meeting.id());
  }

  private record Entry(MeetingRecord meeting, Instant expiresAt) {
    boolean expiredAt(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }
}
