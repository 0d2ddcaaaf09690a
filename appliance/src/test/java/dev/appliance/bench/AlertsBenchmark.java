package dev.appliance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appliance.containers.HttpsProbe;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.HttpRecorder;
import dev.appliance.support.SmtpRelay;
import dev.appliance.support.TestEnvs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The supervisor with alerts and metrics, against the real engine, a real relay (aiosmtpd, STARTTLS and a login) and
 * a local heartbeat service: its resident memory beside one without them, and the time from the kill that makes a
 * crash loop to the mail in the relay's mailbox and to the heartbeat's {@code /fail}. Run on demand with
 * bench/alerts.sh; not part of CI. Results in target/benchmarks/alerts.md.
 */
class AlertsBenchmark {

  private static final int RUNS = Integer.getInteger("bench.runs", 3);
  private static final Path PROJECT = TestEnvs.STACK.getParent().getParent();

  @Test
  void alertLatencyAndMemory() throws Exception {
    Path work = Files.createTempDirectory("bench-alerts");
    List<Long> plainRss = new ArrayList<>();
    List<Long> alertingRss = new ArrayList<>();
    List<Double> toMail = new ArrayList<>();
    List<Double> toFail = new ArrayList<>();
    try (SmtpRelay relay = SmtpRelay.secured(work.resolve("relay"), SmtpRelay.LOCAL_NAMES);
        HttpRecorder heartbeat = new HttpRecorder()) {
      Path trust = trustStore(work.resolve("relay/relay.crt"), work.resolve("trust.p12"));
      Path plainEnv = TestEnvs.localhost(work.resolve("plain"));
      Path alertEnv = TestEnvs.withAlert(TestEnvs.localhost(work.resolve("alerting")), work.resolve("alerting.yml"),
          "email: [ops@example.org]", "smtp:", "  host: localhost", "  port: " + relay.port(),
          "  username: " + SmtpRelay.USER, "  password: " + SmtpRelay.PASSWORD, "heartbeat_url: " + heartbeat.uri("/hb"));
      Files.writeString(alertEnv, Files.readString(alertEnv).replaceFirst("(?m)^  metric:\\n(    #.*\\n)*    exporter: false",
          "  metric:\n    exporter: true"));
      for (int i = 0; i < RUNS; i++) {
        Served plain = serve(work.resolve("p" + i), plainEnv, trust);
        plainRss.add(plain.rssMib);
        plain.cli.run("stop");
        plain.process.waitFor();
        plain.cli.run("cleanup");
        Served served = serve(work.resolve("a" + i), alertEnv, trust);
        alertingRss.add(served.rssMib);
        int mails = relay.received().size();
        int fails = heartbeat.at("/hb/fail").size();
        long killed = crashLoop(served);
        toMail.add(await(() -> count(relay) > mails, killed, "the mail"));
        toFail.add(await(() -> heartbeat.at("/hb/fail").size() > fails, killed, "the /fail"));
        served.process.waitFor();
        served.cli.run("stop");
        served.cli.run("cleanup");
      }
    }
    String report = String.join("\n",
        "| measure (median of " + RUNS + ") | value | runs |", "| --- | --- | --- |",
        String.format("| supervisor resident memory, alerts and metrics off | %d MiB | %s |", median(plainRss), plainRss),
        String.format("| supervisor resident memory, alerts (mail, heartbeat) and metrics on | %d MiB | %s |",
            median(alertingRss), alertingRss),
        String.format("| crash-loop kill to the mail in the mailbox | %.2f s | %s |", medianOf(toMail), list(toMail)),
        String.format("| crash-loop kill to the heartbeat's /fail | %.2f s | %s |", medianOf(toFail), list(toFail)));
    Path out = Path.of("target", "benchmarks", "alerts.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report + "\n");
    System.out.println(report);
  }

  private record Served(ApplianceCli cli, Process process, long rssMib, Path log) {}

  /** Prepares a fresh root with {@code env} and runs the supervisor until it serves, then 5 s more. */
  private Served serve(Path dir, Path env, Path trust) throws Exception {
    Path root = dir.resolve("root");
    Path stack = TestEnvs.stack(dir.resolve("stack"), "benchalerts");
    int https = TestEnvs.freePort();
    ApplianceCli cli = new ApplianceCli(root, stack, TestEnvs.freePort(), https);
    for (String step : List.of("prepare-env", "prepare-appliance", "prepare-app")) {
      ApplianceCli.Result result = step.equals("prepare-env") ? cli.run(step, "--env", env.toString(), "--metadata-url", "none")
          : cli.run(step);
      assertEquals(0, result.code(), result.out() + result.err());
    }
    List<String> run = new ArrayList<>(List.of(PROJECT.resolve("bin/appliance").toString()));
    run.addAll(cli.globalOptions());
    run.addAll(List.of("run", "--max-restarts", "1"));
    Path log = dir.resolve("run.log");
    ProcessBuilder builder = new ProcessBuilder(run).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + trust
        + " -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=bench");
    Process process = builder.start();
    HttpsProbe probe = new HttpsProbe(https, "/healthz");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (probe.status() != 200) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new AssertionError("not serving: " + Files.readString(log));
      }
      Thread.sleep(200);
    }
    Thread.sleep(5000);
    return new Served(cli, process, rssMib(process.pid()), log);
  }

  /** Kills the worker, waits for its restart, kills it again: the second kill makes the crash loop. Its time. */
  private static long crashLoop(Served served) throws Exception {
    docker("kill", "benchalerts-worker");
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!Files.readString(served.log).contains("worker: started") || !running("benchalerts-worker")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no restart: " + Files.readString(served.log));
      }
      Thread.sleep(100);
    }
    long killed = System.nanoTime();
    docker("kill", "benchalerts-worker");
    return killed;
  }

  private static boolean running(String container) throws Exception {
    Process inspect = new ProcessBuilder("docker", "inspect", "-f", "{{.State.Running}}", container)
        .redirectErrorStream(true).start();
    return new String(inspect.getInputStream().readAllBytes()).strip().equals("true") && inspect.waitFor() == 0;
  }

  private static void docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    assertEquals(0, new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start().waitFor(), String.join(" ", command));
  }

  private static int count(SmtpRelay relay) {
    try {
      return relay.received().size();
    } catch (Exception e) {
      return 0;
    }
  }

  /** Seconds from {@code since} until {@code done}, polled every 50 ms, at most two minutes. */
  private static double await(BooleanSupplier done, long since, String what) throws InterruptedException {
    long deadline = since + Duration.ofMinutes(2).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within two minutes of the crash loop");
      }
      Thread.sleep(50);
    }
    return (System.nanoTime() - since) / 1e9;
  }

  /** A PKCS12 trust store holding the relay's certificate, for the supervisor's JVM. */
  private static Path trustStore(Path certificate, Path store) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    try (var in = Files.newInputStream(certificate)) {
      keys.setCertificateEntry("relay", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    try (OutputStream out = Files.newOutputStream(store)) {
      keys.store(out, "bench".toCharArray());
    }
    return store;
  }

  private static long rssMib(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  private static double medianOf(List<Double> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  private static String list(List<Double> values) {
    return values.stream().map(v -> String.format("%.2f", v)).toList().toString();
  }
}
