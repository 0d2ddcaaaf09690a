/**
 * Metrics for Prometheus: the supervisor's endpoint on 127.0.0.1 ({@link dev.appliance.metrics.MetricsEndpoint}),
 * whose metrics are read at each scrape from what {@code appliance status} shows, and whose Alertmanager-compatible
 * receiver turns Prometheus' alerts into the appliance's own; and the configuration of Debian's Prometheus that
 * scrapes it and evaluates the rules the project ships.
 */
package dev.appliance.metrics;
