package dev.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.appliance.containers.HttpsProbe;
import dev.appliance.docker.DockerClients;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.DerivedImages;
import dev.appliance.support.SteadyClient;
import dev.appliance.support.SteadyClient.Outcome;
import dev.appliance.support.TestEnvs;
import dev.appliance.support.ThrowawayStack;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Updates of a serving appliance under a steady visitor ({@link SteadyClient}: 127.0.0.1, 20 requests a second, each
 * on a TLS connection of its own), on one new appliance per run, in order: 1 to 2 with a migration, behind the
 * maintenance page; 2 to a version with the same migrations, switched ({@code appliance update}); back to 2 by
 * {@code appliance rollback} (a switch too); the same change from 2 the way before updates ({@code appliance stop},
 * then prepare-appliance, prepare-app and run with the new stack); and a version whose second new migration fails,
 * rolled back to the dump. Every command is {@code bin/appliance} (a new JVM), the supervisor too, in a process of its
 * own as under systemd. Run on demand with bench/update.sh; not part of CI. Results in target/benchmarks/update.md.
 */
class UpdateBenchmark {

  private static final int RUNS = Integer.getInteger("bench.runs", 1);
  private static final Path PROJECT = TestEnvs.STACK.getParent().getParent();
  /** The benchmark's own versions (an UpdateIT beside it builds its own tags), derived from version 2. */
  private static final String SAME_MIGRATIONS = "appliance-bench/reference-app:3";
  private static final String BROKEN_MIGRATION = "appliance-bench/reference-app:4";
  private static final Duration LONG = Duration.ofMinutes(10);
  /** The visitor's bound: 20 requests a second for 10 minutes. */
  private static final int REQUESTS = 12_000;
  private static final String FAILED = "the visitor: failed requests";
  private static final String GAP = "the visitor: longest gap between two answers";
  /** Each request waits for the one before: a slow TLS handshake on a busy machine lowers the rate. */
  private static final String RATE = "the visitor: requests a second it made (20 asked; one at a time)";

  private final Table migration = new Table("1 to 2 with a migration, `appliance update` (behind the maintenance page)");
  private final Table switched = new Table("2 to 3, the same migrations, `appliance update` (switch)");
  private final Table rollback = new Table("3 back to 2, `appliance rollback` (switch; not a target of issue 16)");
  private final Table restarted = new Table("2 to 3, the same migrations, the way before updates: `appliance stop`,"
      + " then prepare-appliance, prepare-app and run with the new stack");
  private final Table failed = new Table("3 to 4, whose second new migration fails: `appliance update`, rolled back to"
      + " the dump");
  /** What the visitor got that was not a 200, per scenario and run. */
  private final Map<String, List<String>> seen = new LinkedHashMap<>();

  private Path work;
  private int commands;

  @Test
  void updates() throws Exception {
    work = Files.createTempDirectory("bench-update");
    try {
      Path env = TestEnvs.localhost(work.resolve("env"));
      try (DockerClient docker = DockerClients.connect()) {
        DerivedImages.sameMigrations(docker, work, SAME_MIGRATIONS, "3");
        DerivedImages.brokenMigration(docker, work, BROKEN_MIGRATION, "4");
      }
      for (int i = 0; i < RUNS; i++) {
        try (Appliance a = new Appliance("a" + i)) {
          a.prepare(env);
          a.serve();
          if (i == 0) {
            // The first short command through bin/appliance records its class-data archive: a warm-up, not a measure.
            watch(a.launch(a.recorded, "status"));
          }
          migrate(a);
          switchOver(a);
          rollBack(a);
          stopAndStart(a);
          failMigration(a);
        }
      }
    } finally {
      new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
    }
    String report = report();
    Path out = Path.of("target", "benchmarks", "update.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report + "\n");
    System.out.println(report);
  }

  private void migrate(Appliance a) throws Exception {
    Visitor visitor = new Visitor(a);
    Command update = watch(a.launch(a.recorded, "update", "--stack", a.v2.toString()));
    Visit visit = visitor.stop(update.began());
    assertEquals(0, update.code(), update.out());
    assertTrue(update.out().contains("how: maintenance"), update.out());
    assertTrue(visit.ends("2"), visit.describe());
    migration.seconds("`appliance update`: to its exit", update.took());
    marks(migration, update, List.of("preflight passed", "update: backed up", "update: stopping", "update: dumped (",
        "update: migrating:", "update: migrated", "update: candidate up", "update: done"));
    migration.seconds("the visitor: the maintenance page up (its first 503 to the first 200 after its last)", visit.pageUp());
    migration.seconds("the visitor: the new version's first answer", visit.firstAnswer("2"));
    migration.count("the visitor: requests answered 503 (the page)", visit.count(Visit::page));
    migration.count("the visitor: other failed requests", visit.count(o -> !o.answered() && !Visit.page(o)));
    seen(migration, visit);
  }

  private void switchOver(Appliance a) throws Exception {
    Visitor visitor = new Visitor(a);
    Command update = watch(a.launch(a.recorded, "update", "--stack", a.v3.toString()));
    Visit visit = visitor.stop(update.began());
    assertEquals(0, update.code(), update.out());
    assertTrue(update.out().contains("how: switch"), update.out());
    assertTrue(visit.ends("3"), visit.describe());
    withoutDowntime(switched, update, visit, "3");
    marks(switched, update, List.of("preflight passed", "update: backed up", "started beside the serving",
        "update: candidate up", "update: switched", "update: done"));
    seen(switched, visit);
  }

  private void rollBack(Appliance a) throws Exception {
    Visitor visitor = new Visitor(a);
    Command back = watch(a.launch(a.recorded, "rollback"));
    Visit visit = visitor.stop(back.began());
    assertEquals(0, back.code(), back.out());
    assertTrue(visit.ends("2"), visit.describe());
    withoutDowntime(rollback, back, visit, "2");
    marks(rollback, back, List.of("started beside the serving", "update: candidate up", "update: switched",
        "update: done"));
    seen(rollback, visit);
  }

  /** The failed requests, longest gap and wall time of a switch, and when the visitor first got {@code version}. */
  private static void withoutDowntime(Table table, Command command, Visit visit, String version) {
    table.count(FAILED, visit.count(o -> !o.answered()));
    table.seconds(GAP, visit.longestGap());
    table.seconds("the visitor: the new version's first answer", visit.firstAnswer(version));
    table.seconds("the command: to its exit (wall time)", command.took());
  }

  private void stopAndStart(Appliance a) throws Exception {
    Visitor visitor = new Visitor(a);
    Command stop = watch(a.launch(a.recorded, "stop"));
    assertEquals(0, stop.code(), stop.out());
    assertTrue(a.supervisor.waitFor(2, TimeUnit.MINUTES), "the supervisor did not end after appliance stop");
    Instant stopped = Instant.now();
    ApplianceCli next = a.cli(a.v3);
    Command prepareAppliance = watch(a.launch(next, "prepare-appliance"));
    assertEquals(0, prepareAppliance.code(), prepareAppliance.out());
    Command prepareApp = watch(a.launch(next, "prepare-app"));
    assertEquals(0, prepareApp.code(), prepareApp.out());
    Instant run = Instant.now();
    a.supervisor = a.launch(next, "run").redirectErrorStream(true)
        .redirectOutput(work.resolve("run-" + ++commands + ".log").toFile()).start();
    Instant answered = visitor.await("3");
    Visit visit = visitor.stop(stop.began());
    restarted.count(FAILED, visit.count(o -> !o.answered()));
    restarted.seconds(GAP, visit.longestGap());
    restarted.seconds("the visitor: the new version's first answer, from the start of `appliance stop`",
        seconds(stop.began(), answered));
    restarted.seconds("&nbsp;&nbsp;`appliance stop`", stop.took());
    restarted.seconds("&nbsp;&nbsp;the supervisor's exit after it (the first run's writes its class-data archive)",
        seconds(stop.ended(), stopped));
    restarted.seconds("&nbsp;&nbsp;`appliance prepare-appliance`", prepareAppliance.took());
    restarted.seconds("&nbsp;&nbsp;`appliance prepare-app`", prepareApp.took());
    restarted.seconds("&nbsp;&nbsp;`appliance run` to the new version's first answer", seconds(run, answered));
    seen(restarted, visit);
  }

  private void failMigration(Appliance a) throws Exception {
    Visitor visitor = new Visitor(a);
    Command update = watch(a.launch(a.recorded, "update", "--stack", a.v4.toString()));
    Visit visit = visitor.stop(update.began());
    assertEquals(1, update.code(), update.out());
    assertTrue(update.out().contains("the migration failed"), update.out());
    assertTrue(visit.ends("3"), visit.describe());
    failed.seconds("**from the update's start until the old version serves again** (the visitor's first 200 after"
        + " the page)", visit.afterPage());
    failed.seconds("`appliance update`: to its exit (code 1)", update.took());
    marks(failed, update, List.of("preflight passed", "update: backed up", "update: dumped (", "update: migrating:",
        "update: failed at", "update: the database restored", "update: rolled back"));
    failed.seconds("**the rollback's own part**: from `update: failed at` to `update: rolled back`",
        update.at("update: rolled back") - update.at("update: failed at"));
    failed.seconds("&nbsp;&nbsp;of which the database restored from the dump (`dropped and restored` to `restored;`)",
        update.at("update: the database restored;") - update.at("update: the database dropped and restored"));
    failed.seconds("the visitor: the maintenance page up (its first 503 to the first 200 after its last)", visit.pageUp());
    failed.count("the visitor: other failed requests", visit.count(o -> !o.answered() && !Visit.page(o)));
    seen(failed, visit);
  }

  /** A row for each of {@code texts}: the seconds from the command's start to the first line holding it. */
  private static void marks(Table table, Command command, List<String> texts) {
    texts.forEach(text -> table.seconds("&nbsp;&nbsp;to `" + text + "`", command.at(text)));
  }

  private void seen(Table table, Visit visit) {
    table.rate(RATE, visit.rate());
    seen.computeIfAbsent(table.title, t -> new ArrayList<>()).add(visit.describe());
  }

  /** One appliance in a root of its own under the work folder, its stack named for the benchmark. */
  private final class Appliance implements AutoCloseable {
    final ThrowawayStack stack = new ThrowawayStack();
    final Path root;
    final int http = TestEnvs.freePort();
    final int https = TestEnvs.freePort();
    final Path v1;
    final Path v2;
    final Path v3;
    final Path v4;
    /** With the stack the root records: what the appliance runs after each update. */
    final ApplianceCli recorded;
    Process supervisor;

    Appliance(String name) throws IOException {
      root = work.resolve(name);
      v1 = stack(name, "appliance/reference-app:1");
      v2 = stack(name, "appliance/reference-app:2");
      v3 = stack(name, SAME_MIGRATIONS);
      v4 = stack(name, BROKEN_MIGRATION);
      recorded = cli(v1).withRecordedStack();
    }

    private Path stack(String name, String image) throws IOException {
      return TestEnvs.stack(work.resolve(name + "-stack-" + image.replaceAll("[^a-z0-9]", "-")), stack.name,
          "image: appliance/reference-app:2", "image: " + image);
    }

    ApplianceCli cli(Path stackFile) {
      return new ApplianceCli(root, stackFile, http, https);
    }

    void prepare(Path env) {
      ApplianceCli first = cli(v1);
      ApplianceCli.ok(first.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
      ApplianceCli.ok(first.run("prepare-appliance"));
      ApplianceCli.ok(first.run("prepare-app"));
    }

    /** {@code bin/appliance ARGS} as an operator or a timer runs it, with {@code cli}'s options. */
    ProcessBuilder launch(ApplianceCli cli, String... args) {
      List<String> command = new ArrayList<>(List.of(PROJECT.resolve("bin/appliance").toString()));
      command.addAll(cli.globalOptions());
      command.addAll(List.of(args));
      return new ProcessBuilder(command);
    }

    /** Starts {@code bin/appliance run}; returns once the application answers 200 through the front. */
    void serve() throws Exception {
      Path log = work.resolve("run-" + ++commands + ".log");
      supervisor = launch(recorded, "run").redirectErrorStream(true).redirectOutput(log.toFile()).start();
      HttpsProbe probe = new HttpsProbe(https, "/healthz");
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (probe.status() != 200) {
        assertTrue(supervisor.isAlive() && System.nanoTime() < deadline, () -> "not serving: " + read(log));
        Thread.sleep(100);
      }
    }

    @Override
    public void close() throws Exception {
      recorded.run("stop", "--timeout", "5");
      if (supervisor != null && !supervisor.waitFor(1, TimeUnit.MINUTES)) {
        supervisor.destroyForcibly();
      }
      stack.close();
    }
  }

  /** A line of a command's output, and when it came. */
  private record Line(Instant at, String text) {}

  /** A command run to its end: when it began and ended, its exit code, its lines. */
  private record Command(Instant began, Instant ended, int code, List<Line> lines) {
    double took() {
      return seconds(began, ended);
    }

    /** Seconds from the start to the first line holding {@code text}. */
    double at(String text) {
      return lines.stream().filter(l -> l.text().contains(text)).findFirst().map(l -> seconds(began, l.at()))
          .orElseThrow(() -> new AssertionError("no line holds '" + text + "':\n" + out()));
    }

    String out() {
      return String.join("\n", lines.stream().map(Line::text).toList());
    }
  }

  /** Runs {@code builder} to its end (killed after 10 minutes), each line of its output timed as it comes. */
  private Command watch(ProcessBuilder builder) throws Exception {
    Path log = work.resolve("command-" + ++commands + ".log");
    Instant began = Instant.now();
    Process process = builder.redirectErrorStream(true).start();
    process.onExit().completeOnTimeout(process, LONG.toSeconds(), TimeUnit.SECONDS).thenAccept(Process::destroyForcibly);
    List<Line> lines = new ArrayList<>();
    try (BufferedReader out = process.inputReader(); BufferedWriter file = Files.newBufferedWriter(log)) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(new Line(Instant.now(), line));
        file.write(line + "\n");
      }
    }
    int code = process.waitFor();
    return new Command(began, Instant.now(), code, lines);
  }

  /** The steady client, from now until {@link #stop}. */
  private final class Visitor {
    final SteadyClient client;

    Visitor(Appliance a) {
      client = SteadyClient.start(a.https, "/version", REQUESTS);
    }

    /** Waits for the first 200 with {@code version} (at most 5 minutes); when it came. */
    Instant await(String version) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (true) {
        for (Outcome outcome : client.outcomes()) {
          if (outcome.answered() && outcome.text().equals(version)) {
            return outcome.at();
          }
        }
        assertTrue(System.nanoTime() < deadline, "no answer " + version + " within 5 minutes");
        Thread.sleep(20);
      }
    }

    /** Stops a second after the command ended (the steady state after it); what it saw, timed from {@code since}. */
    Visit stop(Instant since) throws InterruptedException {
      Thread.sleep(1_000);
      client.stop();
      return new Visit(since, client.outcomes(), client.longestGap());
    }
  }

  /** What the visitor saw, its moments in seconds from {@code since} (the start of the command measured). */
  private record Visit(Instant since, List<Outcome> outcomes, Duration gap) {

    /** The front's maintenance page. */
    static boolean page(Outcome outcome) {
      return !outcome.answered() && outcome.text().contains("HTTP/1.1 503");
    }

    long count(Predicate<Outcome> which) {
      return outcomes.stream().filter(which).count();
    }

    double longestGap() {
      return gap.toNanos() / 1e9;
    }

    double rate() {
      return outcomes.size() / seconds(outcomes.get(0).at(), outcomes.get(outcomes.size() - 1).at());
    }

    boolean ends(String version) {
      return !outcomes.isEmpty() && outcomes.get(outcomes.size() - 1).answered()
          && outcomes.get(outcomes.size() - 1).text().equals(version);
    }

    double firstAnswer(String version) {
      return outcomes.stream().filter(o -> o.answered() && o.text().equals(version)).findFirst()
          .map(o -> seconds(since, o.at())).orElseThrow(() -> new AssertionError("never answered " + version + ": "
              + describe()));
    }

    /** From the first 503 to the first 200 after the last one. */
    double pageUp() {
      Outcome first = outcomes.stream().filter(Visit::page).findFirst()
          .orElseThrow(() -> new AssertionError("the visitor never saw the maintenance page: " + describe()));
      return seconds(first.at(), since.plusNanos(Math.round(afterPage() * 1e9)));
    }

    /** Seconds to the first 200 after the last 503. */
    double afterPage() {
      int last = -1;
      for (int i = 0; i < outcomes.size(); i++) {
        if (page(outcomes.get(i))) {
          last = i;
        }
      }
      for (int i = last + 1; i < outcomes.size(); i++) {
        if (outcomes.get(i).answered()) {
          return seconds(since, outcomes.get(i).at());
        }
      }
      throw new AssertionError("no answer after the maintenance page: " + describe());
    }

    /** The requests that did not end in 200, grouped by what came, each group with its first and last moment. */
    String describe() {
      Map<String, List<Double>> groups = new LinkedHashMap<>();
      outcomes.stream().filter(o -> !o.answered()).forEach(o -> groups.computeIfAbsent(o.text(), t -> new ArrayList<>())
          .add(seconds(since, o.at())));
      if (groups.isEmpty()) {
        return "none of " + outcomes.size() + " requests failed";
      }
      List<String> parts = new ArrayList<>();
      groups.forEach((text, at) -> parts.add(String.format("%d × `%s` from %.2f s to %.2f s", at.size(), text,
          at.get(0), at.get(at.size() - 1))));
      return outcomes.size() + " requests: " + String.join("; ", parts);
    }
  }

  /** The measures of one scenario, a row each, a value per run. */
  private static final class Table {
    final String title;
    final Map<String, List<Double>> rows = new LinkedHashMap<>();
    final Set<String> counts = new HashSet<>();
    final Set<String> rates = new HashSet<>();

    Table(String title) {
      this.title = title;
    }

    void seconds(String measure, double value) {
      rows.computeIfAbsent(measure, m -> new ArrayList<>()).add(value);
    }

    void count(String measure, long value) {
      counts.add(measure);
      seconds(measure, value);
    }

    void rate(String measure, double value) {
      rates.add(measure);
      seconds(measure, value);
    }

    String median(String measure) {
      return format(measure, UpdateBenchmark.median(rows.get(measure)));
    }

    String format(String measure, double value) {
      return counts.contains(measure) ? String.format("%.0f", value)
          : rates.contains(measure) ? String.format("%.1f", value) : String.format("%.2f s", value);
    }

    List<String> lines() {
      List<String> lines = new ArrayList<>(List.of("| " + title + " (median of " + RUNS + ") | median | max | runs |",
          "| --- | --- | --- | --- |"));
      rows.forEach((measure, values) -> lines.add("| " + measure + " | " + median(measure) + " | "
          + format(measure, values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()) + " | "
          + values.stream().map(v -> format(measure, v)).toList() + " |"));
      return lines;
    }
  }

  private String report() {
    List<String> lines = new ArrayList<>(List.of(
        "| 2 to 3, the same migrations, under the visitor (medians) | `appliance update` | `appliance stop`, then"
            + " prepare-appliance, prepare-app, run |",
        "| --- | --- | --- |",
        "| failed requests (target 0 for the update) | " + switched.median(FAILED) + " | " + restarted.median(FAILED) + " |",
        "| longest gap between two answers (target under 1 s) | " + switched.median(GAP) + " | " + restarted.median(GAP) + " |",
        "| the new version's first answer, from the first command's start | "
            + switched.median("the visitor: the new version's first answer") + " | "
            + restarted.median("the visitor: the new version's first answer, from the start of `appliance stop`") + " |",
        "| requests a second the visitor made (20 asked) | " + switched.median(RATE) + " | " + restarted.median(RATE) + " |",
        ""));
    for (Table table : List.of(switched, restarted, rollback, migration, failed)) {
      lines.addAll(table.lines());
      lines.add("");
    }
    lines.add("What the visitor got that was not a 200, in seconds from the start of the (first) command:");
    lines.add("");
    seen.forEach((title, runs) -> {
      for (int i = 0; i < runs.size(); i++) {
        lines.add("- " + title + (RUNS > 1 ? ", run " + (i + 1) : "") + ": " + runs.get(i));
      }
    });
    return String.join("\n", lines);
  }

  private static double median(List<Double> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
