package io.switchboard.storage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The known BigBlueButton servers: Scalelite's {@code servers} set, {@code server:<id>} hashes and counter hashes
 * (spec §7.1). Every write keeps the {@link LoadTable} consistent the way Scalelite's {@code Server#save} keeps
 * {@code server_load}: a server that is not {@linkplain ServerRecord#eligible() eligible} after the write has no load,
 * while an eligible one keeps its load until the poller sets a new one. A freshly enabled or reconnected server is
 * therefore not selectable before its next successful poll.
 */
public interface ServerStore {

  /** Every stored server, in id order. */
  CompletionStage<List<ServerRecord>> all();

  CompletionStage<Optional<ServerRecord>> find(String id);

  /** Stores the server, replacing any record with its id; removes it from the load table unless it is eligible. */
  CompletionStage<Void> save(ServerRecord server);

  /**
   * Atomically replaces the stored server with {@code change} applied to it, so that the poller's write of counters and
   * statistics cannot undo an administrator's concurrent state change (Scalelite writes only changed fields for the same
   * reason). {@code change} must be a pure function that keeps the id: an implementation may apply it more than once
   * (Redis retries when its WATCH trips). Removes the server from the load table unless the result is eligible.
   *
   * @return the stored result, or empty (without calling {@code change}) when no server has this id
   */
  CompletionStage<Optional<ServerRecord>> update(String id, UnaryOperator<ServerRecord> change);

  /**
   * Forgets the server and its load. Its meetings stay, as in Scalelite; they leave when their TTL expires or the
   * poller learns they ended.
   *
   * @return whether a server with this id was stored
   */
  CompletionStage<Boolean> remove(String id);
}
