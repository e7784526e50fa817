/** The load formula and the per-server statistics the poller computes. */
@NullMarked
package io.switchboard.routing.load;

import org.jspecify.annotations.NullMarked;
