/** Least-loaded server selection with Scalelite's server tags (spec §5.2). */
@NullMarked
package io.switchboard.routing.selection;

import org.jspecify.annotations.NullMarked;
