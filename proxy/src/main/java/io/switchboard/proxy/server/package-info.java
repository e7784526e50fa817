/** The Netty server: transport, the front-end connection pipeline and its protective handlers. */
@NullMarked
package io.switchboard.proxy.server;

import org.jspecify.annotations.NullMarked;
