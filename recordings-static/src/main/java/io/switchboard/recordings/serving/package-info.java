/** Playback: recording files, protected-recording links and the BBB player apps, served zero-copy (spec §9.10–§9.12). */
@NullMarked
package io.switchboard.recordings.serving;

import org.jspecify.annotations.NullMarked;
