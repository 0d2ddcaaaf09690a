package dev.appliance.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.env.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Debian's testssl.sh (3.0) against a TLS server on 127.0.0.1, its findings read from its JSON file. It runs the
 * checks that rate anything: protocols, cipher categories, forward secrecy, the server's cipher order, the
 * certificate (with a CA of the test's trusted), the HTTP security headers and every vulnerability; it leaves out the
 * client simulations and the cipher-by-cipher listing, which only inform and take half of a full run.
 */
public final class TestSsl {

  /** The severities a scan must not have (FATAL: testssl could not test something). */
  public static final Set<String> SEVERE = Set.of("HIGH", "CRITICAL", "FATAL");
  /** testssl gives up on a run that takes longer; a scan of the front takes 35 s on an idle machine with 2 cores, 95 s under load. */
  public static final Duration TIMEOUT = Duration.ofMinutes(5);
  // testssl's own errors (ERR_CONNECT, ERR_CMDLINE ...) exit from 240 up.
  private static final int FAILED = 240;
  // One finding of each group of checks: missing, the scan did not test that group (nothing answered, or it broke).
  private static final List<String> EXPECTED = List.of("TLS1_3", "cipher_order", "cert_chain_of_trust", "HSTS_time", "heartbleed");

  /** One finding: testssl's id (such as {@code cipher_order}), severity (OK, INFO, LOW ... CRITICAL) and text. */
  public record Finding(String id, String severity, String finding) {}

  /** What one scan found, how long it took, and the command that ran it. */
  public record Scan(List<Finding> findings, Duration took, List<String> command) {

    /**
     * The findings rated HIGH, CRITICAL (or FATAL) whose ids are not in {@code allowed}: each allowed id must be named
     * on its own, with the reason in the test.
     */
    public List<Finding> severe(Set<String> allowed) {
      return findings.stream().filter(f -> SEVERE.contains(f.severity()) && !allowed.contains(f.id())).toList();
    }

    /** The number of findings per severity. */
    public Map<String, Long> counts() {
      return findings.stream().collect(Collectors.groupingBy(Finding::severity, TreeMap::new, Collectors.counting()));
    }
  }

  private TestSsl() {}

  /**
   * Scans {@code https://NAME:PORT/} (connecting to 127.0.0.1 whatever NAME resolves to; NAME goes into SNI and the
   * host check), trusting {@code trustedCa} (PEM) besides the system's CAs.
   *
   * @param work a directory for testssl's JSON file
   * @throws IOException when testssl failed, took longer than {@link #TIMEOUT}, or did not run every group of checks
   */
  public static Scan scan(String name, int port, Path trustedCa, Path work) throws IOException {
    Path json = Files.createTempDirectory(work, "testssl").resolve("findings.json");
    List<String> command = List.of("testssl", "--quiet", "--color", "0", "--warnings", "off", "--nodns", "min",
        "--connect-timeout", "10", "--openssl-timeout", "10", "--ip", "127.0.0.1", "--add-ca", trustedCa.toString(),
        "--jsonfile", json.toString(), "-p", "-s", "-f", "-P", "-S", "-h", "-U", "https://" + name + ":" + port + "/");
    long start = System.nanoTime();
    try {
      new ProcessRunner().run(command, TIMEOUT);
    } catch (ProcessRunner.ProcessException e) {
      // Below 240 the exit code counts checks that could not finish (each a WARN finding); above, testssl failed.
      if (e.exitCode() == ProcessRunner.NO_EXIT || e.exitCode() >= FAILED || !Files.exists(json)) {
        throw new IOException(e.getMessage() + (Files.exists(json) ? "; its findings: " + read(json) : ""), e);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    List<Finding> findings = read(json);
    List<String> missing = EXPECTED.stream().filter(id -> findings.stream().noneMatch(f -> f.id().equals(id))).toList();
    if (!missing.isEmpty()) {
      throw new IOException("testssl did not report " + missing + " for " + name + ":" + port + ", so it did not test"
          + " everything; its findings: " + findings);
    }
    return new Scan(findings, took, command);
  }

  private static List<Finding> read(Path json) throws IOException {
    List<Finding> findings = new ArrayList<>();
    for (JsonNode node : new ObjectMapper().readTree(json.toFile())) {
      findings.add(new Finding(node.path("id").asText(), node.path("severity").asText(), node.path("finding").asText()));
    }
    return List.copyOf(findings);
  }
}
