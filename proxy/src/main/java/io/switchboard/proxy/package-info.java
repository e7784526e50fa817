/** The Switchboard process: its command line and entry point. */
@NullMarked
package io.switchboard.proxy;

import org.jspecify.annotations.NullMarked;
