/** The poller loop: health, load and meetings of every BBB server, once per interval. */
@NullMarked
package io.switchboard.proxy.poller;

import org.jspecify.annotations.NullMarked;
