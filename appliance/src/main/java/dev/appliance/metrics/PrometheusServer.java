package dev.appliance.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Debian's Prometheus on the appliance runs with ({@code appliance/metric/server}): a configuration that scrapes
 * the supervisor and the node exporter on 127.0.0.1 and sends alerts to the supervisor's receiver, the rules the
 * project ships ({@code prometheus/appliance.rules.yml}), and a command line that keeps 30 days and listens on
 * 127.0.0.1 only.
 */
public final class PrometheusServer {

  public static final String UNIT = "prometheus.service";
  /** Debian's prometheus-node-exporter, bound to 127.0.0.1 by the image's provisioning. */
  public static final String NODE_EXPORTER = "127.0.0.1:9100";
  public static final String LISTEN = "127.0.0.1:9090";

  private static final String RULES = "appliance.rules.yml";

  private PrometheusServer() {}

  /** Each host path and its content, for the supervisor's endpoint on 127.0.0.1:{@code port}. */
  public static Map<String, String> files(int port) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("/etc/prometheus/prometheus.yml", config(port));
    files.put("/etc/prometheus/" + RULES, rules());
    files.put("/etc/default/prometheus", defaults());
    return files;
  }

  private static String config(int port) {
    String supervisor = "\"127.0.0.1:" + port + "\"";
    return """
        # Written by prepare-appliance from appliance/metric in the env: changes here are overwritten.
        global:
          scrape_interval: 15s
          evaluation_interval: 15s
        # Relative to this file: /etc/prometheus/%s.
        rule_files:
          - %s
        scrape_configs:
          - job_name: appliance
            static_configs:
              - targets: [%s]
          - job_name: node
            static_configs:
              - targets: ["%s"]
        # The supervisor's receiver: it raises what fires as the appliance's own alerts.
        alerting:
          alertmanagers:
            - api_version: v2
              static_configs:
                - targets: [%s]
        """.formatted(RULES, RULES, supervisor, NODE_EXPORTER, supervisor);
  }

  /** The command line of prometheus.service (Debian's unit reads ARGS from here). */
  private static String defaults() {
    return """
        # The command line of prometheus.service, as prepare-appliance writes it: 30 days kept, 127.0.0.1 only.
        ARGS="--storage.tsdb.retention.time=30d --web.listen-address=%s"
        """.formatted(LISTEN);
  }

  private static String rules() {
    try (InputStream in = PrometheusServer.class.getResourceAsStream(RULES)) {
      if (in == null) {
        throw new IllegalStateException("the jar holds no " + RULES + "; rebuild it with: mvn package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
