/** The recordings calls of the BBB API (getRecordings, publish, update, delete, text tracks) answered from the index. */
@NullMarked
package io.switchboard.recordings.api;

import org.jspecify.annotations.NullMarked;
