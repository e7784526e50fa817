/** The BBB API front door: routing, checksum verification and one action per BBB call. */
@NullMarked
package io.switchboard.proxy.api;

import org.jspecify.annotations.NullMarked;
