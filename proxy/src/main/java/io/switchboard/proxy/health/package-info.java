/**
 * Health endpoints for monitors and orchestrators: Scalelite's {@code /health_check}, Kubernetes-style
 * {@code /livez} and {@code /readyz}, and the readiness state a graceful shutdown turns to draining.
 */
@NullMarked
package io.switchboard.proxy.health;

import org.jspecify.annotations.NullMarked;
