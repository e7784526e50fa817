/** BBB XML: the error envelope and answers Switchboard writes, and tolerant, XXE-safe parsing of backend replies. */
@NullMarked
package io.switchboard.routing.xml;

import org.jspecify.annotations.NullMarked;
