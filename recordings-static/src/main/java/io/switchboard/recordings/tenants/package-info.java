/** The tenants recordings are attributed to (spec §10.3): cached look-ups for playback hosts and recording trees. */
@NullMarked
package io.switchboard.recordings.tenants;

import org.jspecify.annotations.NullMarked;
