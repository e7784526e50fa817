/** A real-HTTP fake BigBlueButton fleet for integration tests and load harnesses (bbb-api.md §1–§5). */
@NullMarked
package io.switchboard.simulator;

import org.jspecify.annotations.NullMarked;
