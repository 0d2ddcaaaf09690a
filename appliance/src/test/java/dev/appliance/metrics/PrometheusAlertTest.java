package dev.appliance.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.alerts.Alert;
import dev.appliance.alerts.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alertmanager's alerts as the appliance's: their keys, severities and end. */
class PrometheusAlertTest {

  private static List<PrometheusAlert> parse(String json) throws PrometheusAlert.BadAlertsException {
    return PrometheusAlert.parseAll(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theKeyIsTheAlertNameAndTheLabelsThatTellOneConditionFromAnother() throws Exception {
    List<PrometheusAlert> alerts = parse("""
        [{"labels": {"alertname": "ApplianceDown", "severity": "critical", "job": "appliance", "instance": "127.0.0.1:9469"}},
         {"labels": {"alertname": "ApplianceDiskFull", "severity": "warning", "path": "/data", "job": "appliance"}},
         {"labels": {"alertname": "Odd name", "zone": "a b", "device": "/dev/vdb1", "empty": ""}}]""");
    assertEquals(List.of("prometheus/ApplianceDown", "prometheus/ApplianceDiskFull/data",
        "prometheus/Odd-name/dev-vdb1/_/a-b"), alerts.stream().map(PrometheusAlert::key).toList(),
        "job and instance are the same for every alert of the target; other labels by name");
    alerts.forEach(a -> assertEquals(a.key(), a.alert().key(), "a key the Alerts port takes"));
  }

  @Test
  void aSeverityOtherThanTheAppliancesIsAWarningThatSaysSo() throws Exception {
    List<PrometheusAlert> alerts = parse("""
        [{"labels": {"alertname": "A", "severity": "CRITICAL"}}, {"labels": {"alertname": "B", "severity": "page"}},
         {"labels": {"alertname": "C"}, "annotations": {"summary": "C happened"}}]""");
    assertEquals(List.of(Severity.CRITICAL, Severity.WARNING, Severity.WARNING),
        alerts.stream().map(a -> a.alert().severity()).toList());
    Alert page = alerts.get(1).alert();
    assertEquals("B", page.summary(), "the alert's name when it has no summary");
    assertEquals("Prometheus rule B; its severity 'page' is none of critical, warning, info: taken as warning.", page.details());
    assertEquals("C happened", alerts.get(2).alert().summary());
  }

  @Test
  void anAlertHasEndedOnceItsEndsAtHasPassedAndNeverWithoutOne() throws Exception {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    List<PrometheusAlert> alerts = parse("""
        [{"labels": {"alertname": "A"}, "endsAt": "2026-12-01T10:00:00Z"},
         {"labels": {"alertname": "B"}, "endsAt": "2026-12-01T11:00:00+01:00"},
         {"labels": {"alertname": "C"}, "endsAt": "2026-12-01T10:00:00.5Z"},
         {"labels": {"alertname": "D"}, "endsAt": "0001-01-01T00:00:00Z"},
         {"labels": {"alertname": "E"}}]""");
    assertTrue(alerts.get(0).endedBy(now));
    assertTrue(alerts.get(1).endedBy(now), "the same instant in another offset");
    assertFalse(alerts.get(2).endedBy(now));
    assertFalse(alerts.get(3).endedBy(now), "Alertmanager's zero time means not set");
    assertFalse(alerts.get(4).endedBy(now));
  }
}
