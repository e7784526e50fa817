/**
 * Logging as the operator configured it ({@code switchboard.logging}): Logback set up from the configuration, and the
 * one access line per BBB API call.
 */
@NullMarked
package io.switchboard.proxy.logging;

import org.jspecify.annotations.NullMarked;
