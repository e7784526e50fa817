/** The parameters forwarded to BigBlueButton on create and join: precedence, exclusions and replacements (spec §3.7, §4.5). */
@NullMarked
package io.switchboard.routing.rewrite;

import org.jspecify.annotations.NullMarked;
