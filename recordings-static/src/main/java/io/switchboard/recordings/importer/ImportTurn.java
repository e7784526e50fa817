package io.switchboard.recordings.importer;

/**
 * Whether this instance may import from the spool now. Several Switchboard instances may share one spool over NFS,
 * where file locks are not to be trusted; the proxy backs this with a lease in Redis, so one instance imports at a time
 * and another takes over when it dies. Called on the importer's thread before each pass; it may block briefly.
 */
@FunctionalInterface
public interface ImportTurn {
  /** Every pass: a single instance, or the spool lock alone decides. */
  ImportTurn ALWAYS = () -> true;

  boolean mine();
}
