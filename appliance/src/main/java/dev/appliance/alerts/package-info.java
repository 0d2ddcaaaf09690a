/**
 * Alerts: the one port every capability raises and resolves its alerts through ({@link dev.appliance.alerts.Alerts}),
 * their state under {@code /data/etc/alerts/}, and the channels that carry them to the operators (e-mail through the
 * relay, Sentry, the heartbeat of a dead man's switch).
 */
package dev.appliance.alerts;
