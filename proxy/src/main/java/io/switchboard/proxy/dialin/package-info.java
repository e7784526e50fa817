/**
 * FreeSWITCH dial-in ({@code POST /fsapi}, spec §11.2): the dial plan API a call gateway's {@code mod_xml_curl} asks
 * where a phone call goes.
 */
@NullMarked
package io.switchboard.proxy.dialin;

import org.jspecify.annotations.NullMarked;
