/** The recordings index: recordings, their metadata, playback formats and thumbnails, and the store that keeps them. */
@NullMarked
package io.switchboard.storage.recordings;

import org.jspecify.annotations.NullMarked;
