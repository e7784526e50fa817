package io.switchboard.storage;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Named, expiring leases, so that one Switchboard instance at a time does a kind of background work (the poller, the
 * spool importer) while any instance may take over when the holder dies: a lease not renewed within its time to live is
 * free again. Holders are opaque strings, unique per instance (e.g. host name + process id + random).
 */
public interface Leases {

  /**
   * Takes the lease for {@code holder} when it is free (or expired), or extends it when {@code holder} already holds it.
   *
   * @return whether {@code holder} holds the lease for {@code ttl} from now
   */
  CompletionStage<Boolean> tryAcquire(String name, String holder, Duration ttl);

  /**
   * Extends the lease by {@code ttl} from now iff {@code holder} still holds it; never takes a free lease.
   *
   * @return whether {@code holder} still holds the lease
   */
  CompletionStage<Boolean> renew(String name, String holder, Duration ttl);

  /** Frees the lease iff {@code holder} holds it (compare and delete); does nothing otherwise. */
  CompletionStage<Void> release(String name, String holder);
}
