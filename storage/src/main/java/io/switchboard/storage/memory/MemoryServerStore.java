package io.switchboard.storage.memory;

import static java.util.Objects.requireNonNull;

import io.switchboard.storage.ServerRecord;
import io.switchboard.storage.ServerStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The in-memory {@link ServerStore}: a concurrent map of records that drops servers from the load table on write. */
final class MemoryServerStore implements ServerStore {
  private final ConcurrentHashMap<String, ServerRecord> servers = new ConcurrentHashMap<>();
  private final MemoryLoadTable load;

  MemoryServerStore(MemoryLoadTable load) {
    this.load = load;
  }

  @Override
  public CompletionStage<List<ServerRecord>> all() {
    return CompletableFuture.completedStage(
        servers.values().stream().sorted(Comparator.comparing(ServerRecord::id)).toList());
  }

  @Override
  public CompletionStage<Optional<ServerRecord>> find(String id) {
    requireNonNull(id, "id");
    return CompletableFuture.completedStage(Optional.ofNullable(servers.get(id)));
  }

  @Override
  public CompletionStage<Void> save(ServerRecord server) {
    requireNonNull(server, "server");
    servers.put(server.id(), server);
    if (!server.eligible()) {
      load.forget(server.id());
    }
    return CompletableFuture.completedStage(null);
  }

  @Override
  public CompletionStage<Optional<ServerRecord>> update(String id, UnaryOperator<ServerRecord> change) {
    requireNonNull(id, "id");
    requireNonNull(change, "change");
    ServerRecord updated;
    try {
      updated = servers.computeIfPresent(id, (key, current) -> changed(current, change));
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
    if (updated != null && !updated.eligible()) {
      load.forget(id);
    }
    return CompletableFuture.completedStage(Optional.ofNullable(updated));
  }

  @Override
  public CompletionStage<Boolean> remove(String id) {
    requireNonNull(id, "id");
    boolean removed = servers.remove(id) != null;
    load.forget(id);
    return CompletableFuture.completedStage(removed);
  }

  private static ServerRecord changed(ServerRecord current, UnaryOperator<ServerRecord> change) {
    ServerRecord next = requireNonNull(change.apply(current), "change returned null");
    if (!next.id().equals(current.id())) {
      throw new IllegalArgumentException("change: turned id " + current.id() + " into " + next.id()
          + " (expected: the same id)");
    }
    return next;
  }
}
