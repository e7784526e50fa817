/** The stores of servers, meetings and server load, behind asynchronous interfaces shaped on Scalelite's Redis layout. */
@NullMarked
package io.switchboard.storage;

import org.jspecify.annotations.NullMarked;
