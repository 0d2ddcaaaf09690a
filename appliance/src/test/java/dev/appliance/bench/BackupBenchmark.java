package dev.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.backup.Manifest;
import dev.appliance.containers.HttpsProbe;
import dev.appliance.images.ImageLabels;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import dev.appliance.support.ThrowawayStack;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Backups with restic on a large /data and database, each measure beside restic alone on the same data: a full
 * backup into a new repository ({@code appliance backup}, a new JVM, against {@code pg_dump | restic backup --stdin}
 * plus {@code restic backup} of the same directories), an unchanged re-run, a restore onto a brand-new appliance
 * booted from the same env ({@code appliance restore --yes}, against {@code restic restore} and {@code pg_restore}
 * into a fresh PostgreSQL container) and its time to serving, and the peak resident memory of the backup's JVM and
 * of restic. Run on demand with bench/backup.sh; not part of CI. Results in target/benchmarks/backup.md.
 */
class BackupBenchmark {

  /** Full backups and restores, each of a new repository or onto a new appliance. */
  private static final int RUNS = Integer.getInteger("bench.runs", 1);
  /** Unchanged re-runs are cheap: at least three. */
  private static final int RERUNS = Math.max(3, RUNS);
  private static final int DATA_MIB = Integer.getInteger("bench.data.mib", 1024);
  private static final int DATABASE_MIB = Integer.getInteger("bench.database.mib", 200);
  private static final Path PROJECT = TestEnvs.STACK.getParent().getParent();
  private static final String REPOSITORY = "/volatile/bench-repo";
  private static final String DATABASE = "app";
  private static final String DUMP = DATABASE + ".pgdump";
  private static final Duration LONG = Duration.ofMinutes(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String EXIT = "to the command's exit";
  private static final List<Mark> BACKUP_MARKS = List.of(
      new Mark("to the dump's restic started (repository opened, every file's SHA-256 taken)", "restic backup --stdin"),
      new Mark("to `database app dumped`", "backup: database " + DATABASE + " dumped"),
      new Mark("to `N files into snapshot`", " files into snapshot "),
      new Mark("to `backup: verifying`", "backup: verifying"),
      new Mark("to `backup: keeping` (verified: restic check, dump and manifest read back)", "backup: keeping "),
      new Mark("to `backup verified` (retention: forget --prune)", "backup verified"));
  private static final List<Mark> RESTORE_MARKS = List.of(
      new Mark("to restic restore started (snapshots listed, application stopped)", "restic restore"),
      new Mark("to the files restored and held against the manifest", " match the manifest"),
      new Mark("to `a new database cluster` (files moved in)", "restore: a new database cluster"),
      new Mark("to `database app restored` (pg_restore, row counts)", "restore: database " + DATABASE + " restored"));

  /**
   * A moment of a watched command: the first line of its output that holds {@code text}, or the first restic process
   * whose command line starts so ({@code restic SUBCOMMAND}, {@code --stdin} appended for a snapshot of stdin).
   */
  private record Mark(String measure, String text) {}

  /** The supervisor's resident memory just before each full backup, and its highest during it, in KiB. */
  private final List<Long> supervisorBeforeKib = new ArrayList<>();
  private final List<Long> supervisorDuringKib = new ArrayList<>();

  /** A command watched to its end: seconds to each mark and to its exit, peak resident memory in KiB, output. */
  private record Watched(Map<String, Double> at, long jvmKib, long resticKib, String out) {
    double took() {
      return at.get(EXIT);
    }

    double between(Mark from, Mark to) {
      return at.get(to.measure()) - at.get(from.measure());
    }
  }

  private Path work;
  private int commands;

  @Test
  void backupAndRestore() throws Exception {
    work = Files.createTempDirectory("bench-backup");
    Path env = TestEnvs.localhost(work.resolve("env"), "appliance:\n  backup:\n    url: file://" + REPOSITORY + "\n");
    Files.writeString(work.resolve("restic-password"), "restic alone's password, beside the appliance's\n");
    List<Watched> full = new ArrayList<>();
    List<Watched> unchanged = new ArrayList<>();
    List<Watched> restores = new ArrayList<>();
    List<Double> serving = new ArrayList<>();
    List<Map<String, Double>> aloneFull = new ArrayList<>();
    List<Map<String, Double>> aloneUnchanged = new ArrayList<>();
    List<Map<String, Double>> aloneRestores = new ArrayList<>();
    List<Long> aloneResticKib = new ArrayList<>();
    String data;
    long dataBytes;
    long dumpBytes;
    try (Appliance a = new Appliance("a")) {
      a.prepare(env);
      Process supervisor = a.serve();
      data = fill(a);
      dataBytes = includedBytes(a.root.resolve("data"));
      // The first command through bin/appliance records its class-data archive: a warm-up, not a measure.
      watch(a.launch("status"), List.of());
      Path aloneRepository = null;
      for (int i = 0; i < RUNS; i++) {
        if (i > 0) {
          a.forgetRepository();
        }
        aloneRepository = work.resolve("restic-repo-" + i);
        supervisorBeforeKib.add(residentKib(supervisor.pid()));
        long[] supervisorPeak = {0};
        var sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> supervisorPeak[0] = Math.max(supervisorPeak[0], residentKib(supervisor.pid())),
            0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        full.add(watch(a.launch("backup"), BACKUP_MARKS));
        sampler.shutdownNow();
        sampler.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        supervisorDuringKib.add(supervisorPeak[0]);
        Map<String, Double> alone = new LinkedHashMap<>();
        alone.put("init", watchAlone(resticAlone(aloneRepository, "init", "--repository-version", "2")).took());
        aloneResticKib.add(backUpAlone(a, aloneRepository, alone));
        aloneFull.add(alone);
      }
      dumpBytes = Manifest.read(a.root.resolve("data").resolve(Manifest.PATH)).database().bytes();
      for (int i = 0; i < RERUNS; i++) {
        unchanged.add(watch(a.launch("backup"), BACKUP_MARKS));
        Map<String, Double> alone = new LinkedHashMap<>();
        backUpAlone(a, aloneRepository, alone);
        aloneUnchanged.add(alone);
      }
      long rows = Long.parseLong(a.psql("SELECT count(*) FROM bench_payload").strip());
      for (int i = 0; i < RUNS; i++) {
        try (Appliance b = new Appliance("b" + i)) {
          b.prepare(env);
          Files.createDirectories(b.root.resolve("volatile"));
          Files.createSymbolicLink(b.root.resolve(REPOSITORY.substring(1)), a.root.resolve(REPOSITORY.substring(1)));
          Watched restore = watch(b.launch("restore", "--yes"), RESTORE_MARKS);
          long began = System.nanoTime();
          b.serve();
          serving.add((System.nanoTime() - began) / 1e9);
          restores.add(restore);
          assertEquals(rows, Long.parseLong(b.psql("SELECT count(*) FROM bench_payload").strip()));
          assertEquals(Files.size(a.root.resolve("data/vault/bench/random.bin")), Files.size(b.root.resolve("data/vault/bench/random.bin")));
        }
        aloneRestores.add(restoreAlone(aloneRepository, rows, i));
      }
      a.stop(supervisor);
    } finally {
      new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
    }
    String report = report(data, dataBytes, dumpBytes, full, unchanged, restores, serving, aloneFull, aloneUnchanged,
        aloneRestores, aloneResticKib);
    Path out = Path.of("target", "benchmarks", "backup.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report + "\n");
    System.out.println(report);
  }

  /** One appliance in a root of its own under the work folder, its stack named for the test. */
  private final class Appliance implements AutoCloseable {
    final ThrowawayStack stack = new ThrowawayStack();
    final Path root;
    final ApplianceCli cli;
    final int https;

    Appliance(String name) throws IOException {
      root = work.resolve(name);
      https = TestEnvs.freePort();
      cli = new ApplianceCli(root, TestEnvs.stack(work.resolve(name + "-stack"), stack.name), TestEnvs.freePort(), https);
    }

    void prepare(Path env) {
      ApplianceCli.ok(cli.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
      ApplianceCli.ok(cli.run("prepare-appliance"));
      ApplianceCli.ok(cli.run("prepare-app"));
    }

    /** {@code bin/appliance ARGS} as an operator or a timer runs it, its output into a log of the work folder. */
    ProcessBuilder launch(String... args) {
      List<String> command = new ArrayList<>(List.of(PROJECT.resolve("bin/appliance").toString()));
      command.addAll(cli.globalOptions());
      command.addAll(List.of(args));
      return new ProcessBuilder(command);
    }

    /** Starts {@code bin/appliance run}; returns once the application answers 200 through the front. */
    Process serve() throws Exception {
      Path log = work.resolve("run-" + ++commands + ".log");
      Process run = launch("run").redirectErrorStream(true).redirectOutput(log.toFile()).start();
      HttpsProbe probe = new HttpsProbe(https, "/healthz");
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (probe.status() != 200) {
        assertTrue(run.isAlive() && System.nanoTime() < deadline, () -> "not serving: " + read(log));
        Thread.sleep(100);
      }
      return run;
    }

    String psql(String sql) throws Exception {
      return output(List.of("docker", "exec", "-u", "postgres", stack.name + "-postgres", "psql", "-X", "-q", "-At",
          "-v", "ON_ERROR_STOP=1", "--dbname=" + DATABASE, "-c", sql));
    }

    /** A new repository for the next full backup: the old one, the state that knew it and restic's cache gone. */
    void forgetRepository() throws Exception {
      for (String path : List.of(REPOSITORY, "/data/etc/backup/state", "/volatile/cache/restic")) {
        output(List.of("rm", "-rf", root.resolve(path.substring(1)).toString()));
      }
    }

    void stop(Process supervisor) throws Exception {
      cli.run("stop", "--timeout", "10");
      supervisor.waitFor();
    }

    @Override
    public void close() throws IOException {
      cli.run("stop", "--timeout", "5");
      stack.close();
    }
  }

  /**
   * Fills the appliance's vault (as the application's user, 1000:1000) with DATA_MIB: 30 % random bytes, 30 %
   * log-like text, the rest many small files of either kind; and its database with a table of at least DATABASE_MIB.
   * Returns what it made, described.
   */
  private String fill(Appliance a) throws Exception {
    Path bench = Files.createDirectories(a.root.resolve("data/vault/bench"));
    long mib = 1 << 20;
    long big = DATA_MIB * 300L / 1024 * mib;
    Random random = new Random(15);
    write(bench.resolve("random.bin"), big, out -> randomBytes(random, out));
    write(bench.resolve("app.log"), big, out -> logLines(random, out));
    long small = DATA_MIB * mib - 2 * big;
    int files = 0;
    for (long written = 0; written < small; files++) {
      long size = Math.min(small - written, 1024 + random.nextInt(31 * 1024));
      Path file = Files.createDirectories(bench.resolve(String.format("small/%03d", files / 200)))
          .resolve(String.format("%05d%s", files, files % 2 == 0 ? ".bin" : ".txt"));
      write(file, size, files % 2 == 0 ? out -> randomBytes(random, out) : out -> logLines(random, out));
      written += size;
    }
    output(List.of("chown", "-R", "1000:1000", bench.toString()));
    a.psql("CREATE TABLE bench_payload (id bigint PRIMARY KEY, created timestamptz NOT NULL, payload text NOT NULL)");
    long rows = 0;
    while (databaseBytes(a) < DATABASE_MIB * mib) {
      a.psql("INSERT INTO bench_payload SELECT i, now() - i * interval '1 second', md5(i::text) || md5((i + 1)::text)"
          + " || md5((i + 2)::text) || ' order ' || i || ' of customer ' || (i % 9973) || ' shipped'"
          + " FROM generate_series(" + (rows + 1) + ", " + (rows + 250_000) + ") i");
      rows += 250_000;
    }
    return String.format("%d MiB in /data/vault: %d MiB random, %d MiB log-like text, %d MiB in %d small files (1 to"
        + " 32 KiB, either kind); a database of %d MiB (pg_database_size; a table of %d rows of md5 text)",
        DATA_MIB, big / mib, big / mib, small / mib, files, databaseBytes(a) / mib, rows);
  }

  private static long databaseBytes(Appliance a) throws Exception {
    return Long.parseLong(a.psql("SELECT pg_database_size('" + DATABASE + "')").strip());
  }

  @FunctionalInterface
  private interface Content {
    void write(OutputStream out) throws IOException;
  }

  /** Writes {@code content} until the file holds {@code size} bytes. */
  private static void write(Path file, long size, Content content) throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      LimitedOutput limited = new LimitedOutput(out, size);
      while (limited.left > 0) {
        content.write(limited);
      }
    }
  }

  /** Passes on at most {@code left} bytes, dropping the rest. */
  private static final class LimitedOutput extends java.io.FilterOutputStream {
    long left;

    LimitedOutput(OutputStream out, long left) {
      super(out);
      this.left = left;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int n = (int) Math.min(len, left);
      out.write(b, off, n);
      left -= n;
    }
  }

  private static void randomBytes(Random random, OutputStream out) throws IOException {
    byte[] block = new byte[1 << 16];
    random.nextBytes(block);
    out.write(block, 0, block.length);
  }

  private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN"};
  private static final String[] PATHS = {"/documents", "/documents/%d", "/healthz", "/login", "/vault/%d/download"};

  /** A block of lines like an application's log: times, levels, request paths, ids, durations. */
  private static void logLines(Random random, OutputStream out) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      lines.append(String.format("2025-%02d-%02dT%02d:%02d:%02d.%03dZ %-5s [worker-%d] request %08x %s %s took %d ms%n",
          1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
          random.nextInt(1000), LEVELS[random.nextInt(LEVELS.length)], random.nextInt(8), random.nextInt(),
          random.nextBoolean() ? "GET" : "POST", String.format(PATHS[random.nextInt(PATHS.length)], random.nextInt(100_000)),
          random.nextInt(400)));
    }
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
  }

  /** The bytes of what a backup holds of /data: every file but the live cluster's. */
  private static long includedBytes(Path data) throws IOException {
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(p -> !p.startsWith(data.resolve("postgresql")) && Files.isRegularFile(p))
          .mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /**
   * restic alone on the appliance's data: {@code pg_dump -Fc} in the database container piped into {@code restic
   * backup --stdin}, then {@code restic backup} of what the appliance backs up of /data; their times into {@code
   * times}. Returns restic's peak resident memory, in KiB.
   */
  private long backUpAlone(Appliance a, Path repository, Map<String, Double> times) throws Exception {
    ProcessBuilder dump = resticAlone(repository, "backup", "--json", "--host", "localhost", "--stdin",
        "--stdin-filename", DUMP);
    String restic = String.join(" ", dump.command().stream().map(arg -> "'" + arg + "'").toList());
    dump.command("bash", "-o", "pipefail", "-c", "docker exec -u postgres " + a.stack.name + "-postgres pg_dump -Fc"
        + " --dbname=" + DATABASE + " | " + restic);
    Watched dumped = watchAlone(dump);
    times.put("pg_dump -Fc piped into restic backup --stdin", dumped.took());
    Path data = a.root.resolve("data");
    List<String> files = new ArrayList<>(List.of("backup", "--json", "--one-file-system", "--host", "localhost",
        "--exclude", data.resolve("etc/alerts").toString(), "--exclude", data.resolve("etc/backup/state").toString(), "--"));
    try (Stream<Path> entries = Files.list(data)) {
      entries.map(p -> p.getFileName().toString()).filter(name -> !name.equals("postgresql")).sorted().forEach(files::add);
    }
    Watched filed = watchAlone(resticAlone(repository, files.toArray(String[]::new)).directory(data.toFile()));
    times.put("restic backup of /data", filed.took());
    return Math.max(dumped.resticKib(), filed.resticKib());
  }

  /**
   * restic alone's restore: the files' and the dump's snapshots restored into a new folder, a new PostgreSQL
   * container started from the stack's image (initdb, the role and database made by its entrypoint), and the dump
   * restored into it by pg_restore as the appliance runs it (one transaction, stopping at the first error).
   */
  private Map<String, Double> restoreAlone(Path repository, long rows, int run) throws Exception {
    Map<String, Double> times = new LinkedHashMap<>();
    Path target = work.resolve("restic-restore-" + run);
    JsonNode snapshots = JSON.readTree(output(resticAlone(repository, "snapshots", "--json", "--latest", "1").command(),
        resticAlone(repository).environment()));
    String filesSnapshot = "";
    String dumpSnapshot = "";
    for (JsonNode snapshot : snapshots) {
      if (snapshot.path("paths").toString().contains(DUMP)) {
        dumpSnapshot = snapshot.path("id").asText();
      } else {
        filesSnapshot = snapshot.path("id").asText();
      }
    }
    times.put("restic restore of the files", watchAlone(resticAlone(repository, "restore", filesSnapshot, "--target",
        target.resolve("files").toString())).took());
    times.put("restic restore of the dump", watchAlone(resticAlone(repository, "restore", dumpSnapshot, "--target",
        target.resolve("database").toString())).took());
    try (ThrowawayStack scratch = new ThrowawayStack()) {
      String name = scratch.name + "-postgres";
      long began = System.nanoTime();
      output(List.of("docker", "run", "-d", "--name", name, "--label", ImageLabels.STACK + "=" + scratch.name,
          "--memory", "512m", "-e", "POSTGRES_DB=" + DATABASE, "-e", "POSTGRES_PASSWORD=bench", "appliance/postgres:15"));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (!output(List.of("docker", "inspect", "-f", "{{.State.Health.Status}}", name)).strip().equals("healthy")) {
        assertTrue(System.nanoTime() < deadline, "the throwaway PostgreSQL is not healthy within 2 minutes");
        Thread.sleep(100);
      }
      times.put("a new PostgreSQL container, healthy", (System.nanoTime() - began) / 1e9);
      ProcessBuilder restore = new ProcessBuilder("docker", "exec", "-i", "-u", "postgres", name, "pg_restore",
          "--exit-on-error", "--single-transaction", "--dbname=" + DATABASE)
          .redirectInput(target.resolve("database").resolve(DUMP).toFile());
      times.put("pg_restore", watchAlone(restore).took());
      assertEquals(rows, Long.parseLong(output(List.of("docker", "exec", "-u", "postgres", name, "psql", "-X", "-At",
          "--dbname=" + DATABASE, "-c", "SELECT count(*) FROM bench_payload")).strip()));
    }
    output(List.of("rm", "-rf", target.toString()));
    return times;
  }

  /** restic alone with its own repository, password file and cache (new, as the appliance's is on a first run). */
  private ProcessBuilder resticAlone(Path repository, String... args) {
    List<String> command = new ArrayList<>(List.of("restic"));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("RESTIC_REPOSITORY", repository.toString());
    builder.environment().put("RESTIC_PASSWORD_FILE", work.resolve("restic-password").toString());
    builder.environment().put("RESTIC_CACHE_DIR", repository + "-cache");
    builder.environment().put("TZ", "UTC");
    return builder;
  }

  private Watched watchAlone(ProcessBuilder builder) throws Exception {
    return watch(builder, List.of());
  }

  /**
   * Runs {@code builder} to its end (at most 30 minutes, exit 0 asserted), its output into a log of the work folder:
   * seconds from its start to each of {@code marks} and to its exit, and the peak resident memory (VmHWM, sampled)
   * of its JVM and of its restic processes.
   */
  private Watched watch(ProcessBuilder builder, List<Mark> marks) throws Exception {
    Path log = work.resolve("command-" + ++commands + ".log");
    long since = System.nanoTime();
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Map<String, Double> at = new LinkedHashMap<>();
    List<String> started = new ArrayList<>();
    long jvm = 0;
    long restic = 0;
    while (process.isAlive()) {
      assertTrue(System.nanoTime() < since + LONG.toNanos(), () -> String.join(" ", builder.command())
          + " did not end within " + LONG + ":\n" + read(log));
      for (ProcessHandle handle : Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList()) {
        List<String> command = commandLine(handle.pid());
        long peak = peakKib(handle.pid());
        if (command.isEmpty()) {
          continue;
        }
        if (command.get(0).endsWith("/java") || command.get(0).equals("java")) {
          jvm = Math.max(jvm, peak);
        } else if (command.get(0).endsWith("restic")) {
          restic = Math.max(restic, peak);
          String what = "restic " + command.stream().skip(1).filter(arg -> !arg.startsWith("-")).findFirst().orElse("")
              + (command.contains("--stdin") ? " --stdin" : "");
          if (!started.contains(what)) {
            started.add(what);
            at.put(what, seconds(since, System.nanoTime()));
          }
        }
      }
      String out = read(log);
      for (Mark mark : marks) {
        if (!at.containsKey(mark.measure()) && (out.contains(mark.text()) || at.containsKey(mark.text()))) {
          at.put(mark.measure(), at.getOrDefault(mark.text(), seconds(since, System.nanoTime())));
        }
      }
      Thread.sleep(50);
    }
    at.put(EXIT, seconds(since, System.nanoTime()));
    String out = read(log);
    assertEquals(0, process.exitValue(), () -> String.join(" ", builder.command()) + ":\n" + out);
    for (Mark mark : marks) {
      at.putIfAbsent(mark.measure(), at.get(EXIT)); // a line printed just before the exit, between two polls
    }
    return new Watched(at, jvm, restic, out);
  }

  private static List<String> commandLine(long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
      return line.isEmpty() ? List.of() : List.of(line.split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The resident memory (VmRSS) of {@code pid} now, in KiB. */
  private static long residentKib(long pid) {
    return statusKib(pid, "VmRSS:");
  }

  private static long peakKib(long pid) {
    return statusKib(pid, "VmHWM:");
  }

  /** A memory line of /proc/PID/status, in KiB; 0 once the process is gone. */
  private static long statusKib(long pid, String field) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(l -> l.startsWith(field)).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }

  private String report(String data, long dataBytes, long dumpBytes, List<Watched> full, List<Watched> unchanged,
      List<Watched> restores, List<Double> serving, List<Map<String, Double>> aloneFull,
      List<Map<String, Double>> aloneUnchanged, List<Map<String, Double>> aloneRestores, List<Long> aloneResticKib) {
    double mib = (dataBytes + dumpBytes) / 1048576.0;
    List<String> lines = new ArrayList<>(List.of(
        "Data: " + data + ". A backup reads " + String.format("%.0f MiB of /data and a dump of %.0f MiB (pg_dump -Fc)",
            dataBytes / 1048576.0, dumpBytes / 1048576.0) + ".", ""));
    lines.addAll(backups("full backup into a new repository", RUNS, full, aloneFull, mib));
    lines.add("");
    lines.addAll(backups("unchanged re-run, the dump included", RERUNS, unchanged, aloneUnchanged, mib));
    lines.add("");
    lines.addAll(List.of("| restore onto a brand-new appliance (median of " + RUNS + ") | median | max | runs |",
        "| --- | --- | --- | --- |"));
    List<Double> aloneRestore = totals(aloneRestores);
    lines.add(row("restic alone: the two snapshots restored, a new PostgreSQL, pg_restore", aloneRestore));
    aloneRestores.get(0).keySet().forEach(part -> lines.add(row("&nbsp;&nbsp;" + part, column(aloneRestores, part))));
    List<Double> restore = restores.stream().map(Watched::took).toList();
    lines.add(row("`appliance restore --yes`: " + EXIT, restore));
    RESTORE_MARKS.forEach(mark -> lines.add(row("&nbsp;&nbsp;" + mark.measure(), restores.stream()
        .map(w -> w.at().get(mark.measure())).toList())));
    lines.add(row("restore to serving: `appliance run` until `/healthz` answers 200 through the front", serving));
    List<Double> rto = new ArrayList<>();
    for (int i = 0; i < restores.size(); i++) {
      rto.add(restore.get(i) + serving.get(i));
    }
    lines.add(row("**RTO**: from `appliance restore` to serving (target under 300 s)", rto));
    lines.addAll(List.of("", String.format("Restore: the appliance takes %.2f× the time of restic alone (target at most"
        + " 1.5×).", median(restore) / median(aloneRestore)), ""));
    lines.addAll(List.of("| peak resident memory (VmHWM, sampled every 50 ms) | median | max | runs |",
        "| --- | --- | --- | --- |",
        memory("the supervisor (`appliance run`) just before a full backup (resident, VmRSS)", supervisorBeforeKib),
        memory("the supervisor during a full backup, its highest VmRSS (target under 100 MB)", supervisorDuringKib),
        memory("JVM of `appliance backup`, full backup", full.stream().map(Watched::jvmKib).toList()),
        memory("restic under `appliance backup`, full backup (its largest process)", full.stream().map(Watched::resticKib).toList()),
        memory("restic alone, full backup (its largest process)", aloneResticKib),
        memory("JVM of `appliance backup`, unchanged re-run", unchanged.stream().map(Watched::jvmKib).toList()),
        memory("JVM of `appliance restore`", restores.stream().map(Watched::jvmKib).toList()),
        memory("restic under `appliance restore`", restores.stream().map(Watched::resticKib).toList())));
    return String.join("\n", lines);
  }

  private static List<String> backups(String what, int runs, List<Watched> appliance, List<Map<String, Double>> alone,
      double mib) {
    List<String> lines = new ArrayList<>(List.of("| " + what + " (median of " + runs + ") | median | max | runs |",
        "| --- | --- | --- | --- |"));
    List<Double> aloneTotal = totals(alone);
    lines.add(row("restic alone: " + String.join(", then ", alone.get(0).keySet()), aloneTotal));
    alone.get(0).keySet().forEach(part -> lines.add(row("&nbsp;&nbsp;" + part, column(alone, part))));
    List<Double> took = appliance.stream().map(Watched::took).toList();
    lines.add(row("`appliance backup`: " + EXIT, took));
    BACKUP_MARKS.forEach(mark -> lines.add(row("&nbsp;&nbsp;" + mark.measure(), appliance.stream()
        .map(w -> w.at().get(mark.measure())).toList())));
    List<Double> proper = appliance.stream().map(w -> w.at().get(BACKUP_MARKS.get(2).measure())).toList();
    List<Double> verifying = appliance.stream().map(w -> w.between(BACKUP_MARKS.get(3), BACKUP_MARKS.get(4))).toList();
    lines.add(row("the appliance's backup proper (start to the files' snapshot)", proper));
    lines.add(row("the appliance's verification (`verifying` to `keeping`)", verifying));
    lines.add(row("the appliance's retention (`keeping` to `verified`)", appliance.stream()
        .map(w -> w.between(BACKUP_MARKS.get(4), BACKUP_MARKS.get(5))).toList()));
    double a = median(took);
    double r = median(aloneTotal);
    lines.addAll(List.of("", String.format("Throughput (%.0f MiB of /data and dump): restic alone %.1f MiB/s; the appliance"
        + " %.1f MiB/s for the whole command, %.0f %% of restic alone's; %.1f MiB/s, %.0f %%, for its backup proper.",
        mib, mib / r, mib / a, 100 * r / a, mib / median(proper), 100 * r / median(proper))));
    return lines;
  }

  private static List<Double> totals(List<Map<String, Double>> runs) {
    return runs.stream().map(run -> run.values().stream().mapToDouble(Double::doubleValue).sum()).toList();
  }

  private static List<Double> column(List<Map<String, Double>> runs, String measure) {
    return runs.stream().map(run -> run.get(measure)).toList();
  }

  private static String row(String measure, List<Double> seconds) {
    return String.format("| %s | %.2f s | %.2f s | %s |", measure, median(seconds),
        seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), list(seconds, v -> String.format("%.2f", v)));
  }

  private static String memory(String measure, List<Long> kib) {
    List<Double> mib = kib.stream().map(k -> k / 1024.0).toList();
    return String.format("| %s | %.0f MiB | %.0f MiB | %s |", measure, median(mib),
        mib.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), list(mib, v -> String.format("%.0f", v)));
  }

  private static double median(List<Double> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  private static String list(List<Double> values, Function<Double, String> format) {
    return values.stream().map(format).toList().toString();
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }

  /** Runs {@code command} (exit 0 asserted); its standard output. */
  private static String output(List<String> command) throws Exception {
    return output(command, Map.of());
  }

  private static String output(List<String> command, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), () -> String.join(" ", command) + ":\n" + out);
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
