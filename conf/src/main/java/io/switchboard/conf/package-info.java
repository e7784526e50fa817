/** Switchboard configuration: HOCON layered with Scalelite environment variables, parsed into records. */
@NullMarked
package io.switchboard.conf;

import org.jspecify.annotations.NullMarked;
