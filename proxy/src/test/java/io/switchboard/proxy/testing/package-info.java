/** Test fixtures: Switchboard over a simulated BBB fleet, and the leak check every test class runs. */
@NullMarked
package io.switchboard.proxy.testing;

import org.jspecify.annotations.NullMarked;
