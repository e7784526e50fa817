/** BBB API parameters: decoding, ordering and Scalelite-compatible re-encoding. */
@NullMarked
package io.switchboard.routing.params;

import org.jspecify.annotations.NullMarked;
