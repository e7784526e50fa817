/**
 * What operators watch: the Prometheus registry every part of Switchboard records into ({@link SwitchboardMetrics}),
 * the endpoint Prometheus scrapes ({@link MetricsHandler}), and HTTP Basic authentication shared by the operator pages.
 */
@NullMarked
package io.switchboard.proxy.metrics;

import org.jspecify.annotations.NullMarked;
