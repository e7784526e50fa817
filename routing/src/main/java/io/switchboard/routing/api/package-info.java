/** The BBB API calls Switchboard answers: names, HTTP methods, checksum and Content-Type rules (spec §2, §3.2). */
@NullMarked
package io.switchboard.routing.api;

import org.jspecify.annotations.NullMarked;
