package dev.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.steps.StackVariables;
import dev.appliance.containers.HttpsProbe;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Start to serving, images present, containers created from scratch each run: the appliance ({@code bin/appliance
 * run}, a new JVM) against {@code docker-compose up -d} on the same stack, data and ports, each until the application
 * answers 200 through the front proxy; plus the supervisor's resident memory (its metrics endpoint on, and scraped)
 * and {@code appliance status} time.
 * Run on demand with bench/start-to-serving.sh; not part of CI. Results in target/benchmarks/start-to-serving.md.
 */
class StartToServingBenchmark {

  private static final int RUNS = Integer.getInteger("bench.runs", 5);
  private static final Path PROJECT = TestEnvs.STACK.getParent().getParent();

  @Test
  void startToServing() throws Exception {
    Path work = Files.createTempDirectory("bench");
    Path root = work.resolve("root");
    int metrics = TestEnvs.freePort();
    Path env = TestEnvs.metrics(TestEnvs.localhost(work.resolve("env")), work.resolve("metrics-env.yml"), metrics, false);
    Path stack = TestEnvs.stack(work.resolve("stack"), "bench");
    int http = TestEnvs.freePort();
    int https = TestEnvs.freePort();
    ApplianceCli cli = new ApplianceCli(root, stack, http, https);
    for (String step : List.of("prepare-env", "prepare-appliance", "prepare-app")) {
      ApplianceCli.Result result = step.equals("prepare-env") ? cli.run(step, "--env", env.toString(), "--metadata-url", "none")
          : cli.run(step);
      assertEquals(0, result.code(), result.out() + result.err());
    }
    cli.run("stop");
    cli.run("cleanup");
    HttpsProbe probe = new HttpsProbe(https, "/healthz");

    List<String> appliance = new ArrayList<>(List.of(PROJECT.resolve("bin/appliance").toString()));
    appliance.addAll(cli.globalOptions());
    List<Double> applianceSeconds = new ArrayList<>();
    List<Long> rssMib = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      List<String> run = new ArrayList<>(appliance);
      run.add("run");
      long start = System.nanoTime();
      Process process = new ProcessBuilder(run).redirectErrorStream(true).redirectOutput(work.resolve("run.log").toFile()).start();
      assertEquals(200, awaitOk(probe, Duration.ofMinutes(2)), () -> read(work.resolve("run.log")));
      applianceSeconds.add((System.nanoTime() - start) / 1e9);
      Thread.sleep(5000);
      scrape(metrics, 20);
      rssMib.add(rssMib(process.pid()));
      cli.run("stop");
      process.waitFor();
      cli.run("cleanup");
    }

    List<Double> statusSeconds = new ArrayList<>();
    List<String> status = new ArrayList<>(appliance);
    status.add("status");
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      new ProcessBuilder(status).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
      statusSeconds.add((System.nanoTime() - start) / 1e9);
    }

    Path compose = composeFile(stack, root, work);
    Map<String, String> variables = StackVariables.of(EnvLoader.load(env), http, https);
    List<Double> composeSeconds = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      compose(compose, variables, "up", "-d");
      assertEquals(200, awaitOk(probe, Duration.ofMinutes(2)));
      composeSeconds.add((System.nanoTime() - start) / 1e9);
      compose(compose, variables, "down");
    }

    double a = median(applianceSeconds);
    double c = median(composeSeconds);
    String report = String.join("\n",
        "| measure (median of " + RUNS + ") | value | runs |", "| --- | --- | --- |",
        String.format("| appliance run: start to HTTPS 200 | %.2f s | %s |", a, list(applianceSeconds)),
        String.format("| docker-compose up -d: start to HTTPS 200 | %.2f s | %s |", c, list(composeSeconds)),
        String.format("| ratio appliance / compose | %.2f | |", a / c),
        String.format("| supervisor resident memory, serving, metrics scraped | %d MiB | %s |", rssMib.stream().sorted().toList().get(rssMib.size() / 2), rssMib),
        String.format("| appliance status (median of 10) | %.2f s | %s |", median(statusSeconds), list(statusSeconds)));
    Path out = Path.of("target", "benchmarks", "start-to-serving.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report + "\n");
    System.out.println(report);
  }

  /**
   * The same stack for Debian's docker-compose 1.29: file format 2.4 (which has health conditions) instead of a
   * top-level name, host paths under the benchmark's root; x-appliance is an extension compose ignores.
   */
  private static Path composeFile(Path stack, Path root, Path work) throws IOException {
    String text = Files.readString(stack).replaceFirst("(?m)^name: .*$", "version: \"2.4\"");
    for (String dir : List.of("/data/", "/volatile/", "/app/etc/")) {
      text = text.replace("      - " + dir, "      - " + root + dir);
    }
    return Files.writeString(work.resolve("docker-compose.yml"), text);
  }

  private static void compose(Path file, Map<String, String> variables, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker-compose", "-p", "benchcompose", "-f", file.toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(file.getParent().toFile(), "compose.log")));
    builder.environment().putAll(variables);
    assertEquals(0, builder.start().waitFor(), () -> read(file.getParent().resolve("compose.log")));
  }

  /** Scrapes the supervisor's metrics {@code times}, as Prometheus would every 15 s for five minutes. */
  private static void scrape(int port, int times) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < times; i++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
    }
  }

  private static long rssMib(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String list(List<Double> values) {
    return values.stream().map(v -> String.format("%.2f", v)).toList().toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Polls until the probe answers 200 (the benchmark's own clock: it measures the wait); the last status seen. */
  private static int awaitOk(HttpsProbe probe, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int status = probe.status();
    while (status != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      status = probe.status();
    }
    return status;
  }
}
