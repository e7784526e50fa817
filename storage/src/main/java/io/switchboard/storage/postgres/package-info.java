/**
 * The PostgreSQL stores: the recordings index and the recording-ready URLs in Scalelite's own schema (spec §8), on the
 * Vert.x PostgreSQL client. Opened with {@link io.switchboard.storage.postgres.PostgresRecordings#open}; see
 * {@link io.switchboard.storage.postgres.PostgresSchema} for what is created, and when.
 */
@NullMarked
package io.switchboard.storage.postgres;

import org.jspecify.annotations.NullMarked;
