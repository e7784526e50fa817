/** The recording-ready notification front-ends get once a recording is imported. */
@NullMarked
package io.switchboard.recordings.notify;

import org.jspecify.annotations.NullMarked;
