/**
 * Scalelite's REST admin API ({@code /scalelite/api/*}, spec §10.1) and the client the operator commands use to call it.
 */
@NullMarked
package io.switchboard.proxy.admin;

import org.jspecify.annotations.NullMarked;
