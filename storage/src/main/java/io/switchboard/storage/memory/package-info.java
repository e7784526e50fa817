/** The embedded in-memory stores: one JVM, no persistence, futures completed before they are returned. */
@NullMarked
package io.switchboard.storage.memory;

import org.jspecify.annotations.NullMarked;
