package dev.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.support.AcmeAppliance;
import dev.appliance.support.FrontLoop;
import dev.appliance.support.TestEnvs;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Let's Encrypt against Debian's Pebble with the appliance on the real engine ({@link AcmeAppliance}): the time from
 * {@code appliance certificate issue} to the new certificate served (a handshake with SNI sees its serial), and what a
 * client looping against the front loses while the certificate is renewed (nginx reloaded) beside the alternative, a
 * restart of the front container. Run on demand with bench/acme.sh; not part of CI. Results in
 * target/benchmarks/acme.md.
 */
class AcmeBenchmark {

  private static final int RUNS = Integer.getInteger("bench.runs", 3);
  private static final Path PROJECT = TestEnvs.STACK.getParent().getParent();
  /** The looping client starts a request every 50 ms, or as soon as the last ended: failures count at one rate. */
  private static final Duration PACE = Duration.ofMillis(50);
  private static final Mark RELOADED = new Mark("to `front proxy reloaded`", "front proxy reloaded", 1);
  /** The lines of the command's output whose moments are timed: the nth line that holds the text. */
  private static final List<Mark> MARKS = List.of(
      new Mark("to the pre-flight passed (JVM start included)", "certificate: pre-flight: ", 1),
      new Mark("to Pebble taking the order", " took the order for ", 1),
      new Mark("to the first name validated", ": validated by ", 1),
      new Mark("to the second name validated", ": validated by ", 2),
      new Mark("to the certificate issued and installed", "certificate: issued by ", 1),
      RELOADED);
  private static final String SERVED = "to the new certificate served";
  private static final String EXIT = "to the command's exit";

  private record Mark(String measure, String text, int nth) {
    boolean in(String out) {
      return out.split(Pattern.quote(text), -1).length > nth;
    }
  }

  /** What the looping client saw while an action ran and one second after; the action's moments, in seconds. */
  private record Window(FrontLoop.Seen seen, Map<String, Double> moments) {}

  /** Something done to the front while the client loops; its moments, in seconds from {@code since}. */
  @FunctionalInterface
  private interface Action {
    Map<String, Double> run(long since) throws Exception;
  }

  private Path work;
  private AcmeAppliance appliance;
  private int launches;

  @Test
  void issuanceAndRenewalDowntime() throws Exception {
    work = Files.createTempDirectory("bench-acme");
    List<Window> reloads = new ArrayList<>();
    List<Window> restarts = new ArrayList<>();
    List<Map<String, Double>> issuances = new ArrayList<>();
    List<Double> jvmStarts = new ArrayList<>();
    Window quiet;
    String supervisor;
    try (AcmeAppliance started = new AcmeAppliance(work, "benchacme")) {
      appliance = started;
      appliance.up();
      quiet = during(since -> {
        Thread.sleep(10_000);
        return Map.of();
      });
      // The first command run through bin/appliance records its class-data archive: a renewal's, not a timed one.
      for (int i = 0; i < RUNS; i++) {
        reloads.add(during(this::issuance));
        restarts.add(during(this::restartFront));
      }
      for (int i = 0; i < RUNS; i++) {
        issuances.add(issuance(System.nanoTime()));
        long began = System.nanoTime();
        Process version = launch("--version");
        assertEquals(0, version.waitFor(), log());
        jvmStarts.add(seconds(began, System.nanoTime()));
      }
      supervisor = appliance.log("up.log").lines().filter(line -> line.startsWith("front exited"))
          .map(line -> "`" + line + "`").collect(Collectors.joining(", "));
    }
    List<String> lines = new ArrayList<>(List.of(
        "| issuance, from `appliance certificate issue` (median of " + RUNS + ") | median | max | runs |",
        "| --- | --- | --- | --- |",
        row(SERVED, column(issuances, SERVED)),
        row(EXIT, column(issuances, EXIT)),
        row("of which JVM start: `appliance --version`", jvmStarts)));
    MARKS.forEach(mark -> lines.add(row(mark.measure(), column(issuances, mark.measure()))));
    lines.addAll(List.of("",
        "| client against the front (a request every " + PACE.toMillis() + " ms) | window | answered | failed"
            + " | longest gap (median, max) | gaps per run |",
        "| --- | --- | --- | --- | --- | --- |",
        downtime("nothing happening (for comparison)", List.of(quiet)),
        downtime("renewal: `certificate issue`, nginx reloaded", reloads),
        downtime("alternative: `docker restart` of the front", restarts),
        "",
        "Longest gap within a second of the line `front proxy reloaded`, per renewal: "
            + list(reloads.stream().map(AcmeBenchmark::gapAtReload).toList(), g -> String.format("%.0f ms", g)) + ".",
        "The supervisor's log on the restarts of the front: " + (supervisor.isEmpty() ? "nothing" : supervisor) + "."));
    String report = String.join("\n", lines);
    Path out = Path.of("target", "benchmarks", "acme.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report + "\n");
    System.out.println(report);
  }

  private Window during(Action action) throws Exception {
    // The client's first request loads its classes: before the window, as its gaps count from the loop's start.
    assertEquals(200, appliance.healthz());
    long since = System.nanoTime();
    FrontLoop client = FrontLoop.start(appliance::healthz, PACE);
    Map<String, Double> moments = action.run(since);
    Thread.sleep(1000);
    return new Window(client.stop(), moments);
  }

  /** {@code docker restart} of the front, then until it answers again. */
  private Map<String, Double> restartFront(long since) throws Exception {
    Process restart = new ProcessBuilder("docker", "restart", appliance.name() + "-front").redirectErrorStream(true).start();
    String out = new String(restart.getInputStream().readAllBytes());
    assertEquals(0, restart.waitFor(), out);
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (answer() != 200) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the front does not answer a minute after its restart:\n" + appliance.log("up.log"));
      }
      Thread.sleep(50);
    }
    return Map.of();
  }

  private int answer() {
    try {
      return appliance.healthz();
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * One {@code certificate issue}, watched: seconds from {@code since} to each of {@link #MARKS} in its output, to
   * the new certificate served and to its exit.
   */
  private Map<String, Double> issuance(long since) throws Exception {
    BigInteger before = serial();
    Process issue = launch("certificate", "issue");
    CompletableFuture<Long> exit = issue.onExit().thenApply(p -> System.nanoTime());
    Map<String, Double> at = new LinkedHashMap<>();
    long deadline = since + Duration.ofMinutes(5).toNanos();
    while (!at.containsKey(SERVED) || issue.isAlive()) {
      if (System.nanoTime() > deadline) {
        issue.destroyForcibly();
        throw new AssertionError("no new certificate served within 5 minutes:\n" + log());
      }
      String out = log();
      for (Mark mark : MARKS) {
        if (!at.containsKey(mark.measure()) && mark.in(out)) {
          at.put(mark.measure(), seconds(since, System.nanoTime()));
        }
      }
      if (!at.containsKey(SERVED) && !before.equals(serial())) {
        at.put(SERVED, seconds(since, System.nanoTime()));
      }
      Thread.sleep(20);
    }
    assertEquals(0, issue.exitValue(), log());
    assertTrue(MARKS.stream().allMatch(mark -> at.containsKey(mark.measure())), log());
    at.put(EXIT, seconds(since, exit.get()));
    return at;
  }

  /** The serial the front serves now, or -1 while it does not answer. */
  private BigInteger serial() {
    try {
      return appliance.served().get(0).getSerialNumber();
    } catch (Exception e) {
      return BigInteger.ONE.negate();
    }
  }

  /** {@code bin/appliance ARGS} as an operator or the timer runs it, with the JVM options of the test's names. */
  private Process launch(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(PROJECT.resolve("bin/appliance").toString()));
    command.addAll(appliance.cli().globalOptions());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("launch" + ++launches + ".log").toFile());
    builder.environment().put("JAVA_TOOL_OPTIONS", String.join(" ", appliance.jvmOptions()));
    return builder.start();
  }

  /** The output of the last command launched. */
  private String log() {
    return appliance.log("launch" + launches + ".log");
  }

  /** The longest time without an answer that overlaps the second before or after the reload's line, in ms. */
  private static double gapAtReload(Window window) {
    Duration reloaded = Duration.ofNanos((long) (window.moments().get(RELOADED.measure()) * 1e9));
    return window.seen().longestGapBetween(reloaded.minusSeconds(1), reloaded.plusSeconds(1)).toMillis();
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }

  private static List<Double> column(List<Map<String, Double>> runs, String measure) {
    return runs.stream().map(run -> run.get(measure)).toList();
  }

  private static String row(String measure, List<Double> seconds) {
    return String.format("| %s | %.2f s | %.2f s | %s |", measure, median(seconds),
        seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), list(seconds, v -> String.format("%.2f", v)));
  }

  private static String downtime(String during, List<Window> windows) {
    List<Double> gaps = windows.stream().map(w -> (double) w.seen().longestGap().toMillis()).toList();
    List<String> failures = windows.stream().flatMap(w -> w.seen().failures().stream()).distinct().limit(3).toList();
    return String.format("| %s | %.1f s | %d | %d%s | %.0f ms, %.0f ms | %s |", during,
        windows.stream().mapToDouble(w -> w.seen().lasted().toMillis() / 1000.0).sum(),
        windows.stream().mapToInt(w -> w.seen().answered()).sum(), windows.stream().mapToInt(w -> w.seen().failures().size()).sum(),
        failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")", median(gaps),
        gaps.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), list(gaps, g -> String.format("%.0f", g)));
  }

  private static double median(List<Double> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  private static String list(List<Double> values, Function<Double, String> format) {
    return values.stream().map(format).toList().toString();
  }
}
