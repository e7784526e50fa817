package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.LoadTable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link LoadTable}: a concurrent map whose per-key atomic operations stand in for Redis commands.
 *
 * <p>{@link #incrementLeastLoaded} is lock-free: it reads the candidates' loads, then claims the least with a
 * compare-and-set on that one key and makes the whole choice again when it lost. While loads only grow (placements and
 * increments between polls) the others' loads can only have risen since they were read, so the claimed server is still
 * the least when claimed, as if Redis had run the choice as one script.
 */
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
  public CompletionStage<Optional<String>> incrementLeastLoaded(Map<String, Double> candidates) {
    requireCandidates(candidates);
    while (true) {
      String chosen = null;
      Double least = null;
      double amount = 0;
      for (Map.Entry<String, Double> candidate : candidates.entrySet()) {
        String id = candidate.getKey();
        Double load = loads.get(id);
        if (load != null
            && (least == null || load < least || (load.doubleValue() == least && byteOrder(id, chosen) < 0))) {
          chosen = id;
          least = load;
          amount = candidate.getValue();
        }
      }
      if (chosen == null) {
        return CompletableFuture.completedStage(Optional.empty());
      }
      // replace() compares with the very value read: when the chosen load changed (or the server left the table) since,
      // another placement or a poll got in between, and the whole choice is made again on the new numbers.
      if (loads.replace(chosen, least, least + amount)) {
        return CompletableFuture.completedStage(Optional.of(chosen));
      }
    }
  }

  /**
   * Validates {@link LoadTable#incrementLeastLoaded}'s argument: non-null ids, finite amounts. Zero is a valid amount
   * (the placement is still chosen atomically; it just weighs nothing).
   */
  static void requireCandidates(Map<String, Double> candidates) {
    requireNonNull(candidates, "candidates");
    candidates.forEach((id, amount) -> {
      requireNonNull(id, "candidates: a null server id");
      requireNonNull(amount, () -> "candidates: no amount for " + id);
      requireFinite("candidates: amount of " + id, amount);
    });
  }

  /**
   * The order Redis gives members of equal score: their UTF-8 bytes compared unsigned, which is code point order. It is
   * {@link String#compareTo} for every id without supplementary characters (which UTF-16 would sort before
   * U+E000..U+FFFF).
   */
  static int byteOrder(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
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
