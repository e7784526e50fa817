/** Operator commands of the switchboard command line. */
@NullMarked
package io.switchboard.proxy.cli;

import org.jspecify.annotations.NullMarked;
