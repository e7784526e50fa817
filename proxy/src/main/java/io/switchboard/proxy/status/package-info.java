/**
 * The live status page at {@code /status}: a self-contained page for people that polls a JSON snapshot of the servers,
 * their meetings and the recent import failures, behind HTTP Basic authentication.
 */
@NullMarked
package io.switchboard.proxy.status;

import org.jspecify.annotations.NullMarked;
