package io.switchboard.proxy.server;

import io.switchboard.proxy.metrics.MetricsHandler;
import io.switchboard.proxy.status.StatusPageHandler;
import org.jspecify.annotations.Nullable;

/**
 * The pages for operators a listener serves: Prometheus' endpoint (null when it is off or has a port of its own) and
 * the status page (null without an admin password).
 */
record OperatorPages(@Nullable MetricsHandler metrics, @Nullable StatusPageHandler statusPage) {
  static final OperatorPages NONE = new OperatorPages(null, null);
}
