/** The pooled, non-blocking HTTP/1.1 client that Switchboard uses to call BigBlueButton servers. */
@NullMarked
package io.switchboard.proxy.upstream;

import org.jspecify.annotations.NullMarked;
