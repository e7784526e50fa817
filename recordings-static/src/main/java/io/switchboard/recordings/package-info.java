/** Recordings: import from BBB servers, the recordings API and zero-copy serving of playback files. */
@NullMarked
package io.switchboard.recordings;

import org.jspecify.annotations.NullMarked;
