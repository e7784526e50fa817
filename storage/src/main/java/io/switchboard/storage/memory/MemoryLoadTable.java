package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.LoadTable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory {@link LoadTable}: a concurrent map whose per-key atomic operations stand in for Redis commands. */
final class MemoryLoadTable implements LoadTable {
  private final ConcurrentHashMap<String, Double> loads = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Map<String, Double>> snapshot() {
    return CompletableFuture.completedStage(Map.copyOf(loads));
  }

  @Override
  public CompletionStage<Void> set(String serverId, double load) {
    requireNonNull(serverId, "serverId");
    loads.put(serverId, requireFinite("load", load));
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletionStage<Void> remove(String serverId) {
    requireNonNull(serverId, "serverId");
    loads.remove(serverId);
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletionStage<Void> increment(String serverId, double amount) {
    requireNonNull(serverId, "serverId");
    requireFinite("amount", amount);
    loads.computeIfPresent(serverId, (id, load) -> load + amount);
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletionStage<Boolean> incrementIfUnchanged(String serverId, double expected, double amount) {
    requireNonNull(serverId, "serverId");
    requireFinite("expected", expected);
    requireFinite("amount", amount);
    while (true) {
      Double current = loads.get(serverId);
      if (current == null || current != expected) {
        return CompletableFuture.completedStage(false);
      }
      // replace() compares boxed values, so a concurrent set() of the same number only costs another round.
      if (loads.replace(serverId, current, current + amount)) {
        return CompletableFuture.completedStage(true);
      }
    }
  }

  void forget(String serverId) {
    loads.remove(serverId);
  }

  private static double requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: finite)");
    }
    return value;
  }
}
