/** BBB's per-format {@code metadata.xml} (spec §9.8): an XXE-safe parse into a recording, merged into the index. */
@NullMarked
package io.switchboard.recordings.metadata;

import org.jspecify.annotations.NullMarked;
