/**
 * The FreeSWITCH dial plan documents Switchboard answers a call gateway's {@code mod_xml_curl} (spec §11.2): what a
 * call asks for, and the XML that prompts the caller for a voice bridge or bridges the call to a meeting's server.
 * Pure: the lookups are the caller's.
 */
@NullMarked
package io.switchboard.routing.dialin;

import org.jspecify.annotations.NullMarked;
