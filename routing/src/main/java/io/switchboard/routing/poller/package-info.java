/** The poller's pure decisions: online/offline health counting and the cordoned-server drain (spec §6.1). */
@NullMarked
package io.switchboard.routing.poller;

import org.jspecify.annotations.NullMarked;
