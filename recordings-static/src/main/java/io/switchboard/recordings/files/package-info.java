/** The published and unpublished recording trees on disk: publishing, deleting and text tracks, all blocking. */
@NullMarked
package io.switchboard.recordings.files;

import org.jspecify.annotations.NullMarked;
