package dev.appliance.export.swarm;

import dev.appliance.support.TestEnvs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Docker engine of the test's own in Swarm mode: its data root, exec root (with its own containerd), pid file
 * and socket under one directory, so that nothing of the machine's engine is touched. Three things would clash:
 * {@code --bridge=none} deletes docker0 (the machine's engine's default bridge), so the engine gets a bridge made
 * for it; iptables rules would be rewritten in the chains the machine's engine owns, so there are none (host-mode
 * ports then go through docker-proxy, which is enough on 127.0.0.1); and Swarm's docker_gwbridge interface, the
 * VXLAN port and the address pools get names and numbers of this run.
 */
final class PrivateSwarm implements AutoCloseable {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(180);

  private final Path dir;
  private final String id;
  private final Path socket;
  private final List<String> links = new ArrayList<>();
  private Process dockerd;

  private PrivateSwarm(Path dir, String id) {
    this.dir = dir;
    this.id = id;
    this.socket = dir.resolve("docker.sock");
  }

  /** Starts the engine in {@code dir} and makes it a one-node Swarm on 127.0.0.1; {@code id} names its links. */
  static PrivateSwarm start(Path dir, String id) throws Exception {
    requireVxlan(id);
    PrivateSwarm swarm = new PrivateSwarm(Files.createDirectories(dir), id);
    try {
      swarm.startEngine();
      swarm.initSwarm();
      return swarm;
    } catch (Exception | Error e) {
      swarm.close();
      throw e;
    }
  }

  /** Overlay networks are VXLAN: without the kernel's module no Swarm stack runs, and the test says so. */
  private static void requireVxlan(String id) throws Exception {
    String link = id + "vx";
    Result added = run(List.of("ip", "link", "add", link, "type", "vxlan", "id", "4242", "dstport", "0", "dev", "lo"), Map.of());
    if (added.code() != 0) {
      throw new AssertionError("this machine cannot make VXLAN links, which Swarm's overlay networks need (load the"
          + " kernel's vxlan module: modprobe vxlan): " + added.out());
    }
    run(List.of("ip", "link", "del", link), Map.of());
  }

  private void startEngine() throws Exception {
    int net = ThreadLocalRandom.current().nextInt(1, 250);
    String bridge = id + "br";
    ip("link", "add", bridge, "type", "bridge");
    links.add(bridge);
    ip("addr", "add", "10.213." + net + ".1/24", "dev", bridge);
    ip("link", "set", bridge, "up");
    Files.writeString(dir.resolve("daemon.json"), "{}\n");
    List<String> command = List.of("dockerd", "--data-root", dir.resolve("data").toString(),
        "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("dockerd.pid").toString(),
        "--host", "unix://" + socket, "--config-file", dir.resolve("daemon.json").toString(),
        "--bridge", bridge, "--iptables=false", "--ip-forward=false", "--ip-masq=false", "--live-restore=false",
        "--userland-proxy=true", "--default-address-pool", "base=10.212." + net + ".0/24,size=28",
        "--containerd-namespace", id, "--containerd-plugins-namespace", id + "-plugins");
    dockerd = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("dockerd.log").toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (docker("version").code() != 0) {
      if (!dockerd.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the private dockerd did not answer within 60 s: " + log());
      }
      Thread.sleep(500);
    }
    // Swarm's gateway bridge, made first so that its interface has a name of this run's.
    links.add(id + "gw");
    check(docker("network", "create", "--driver", "bridge", "--subnet", "10.213." + (net + 1) + ".0/24",
        "--opt", "com.docker.network.bridge.name=" + id + "gw", "--opt", "com.docker.network.bridge.enable_icc=false",
        "docker_gwbridge"));
  }

  private void initSwarm() throws Exception {
    int dataPort = ThreadLocalRandom.current().nextInt(20000, 40000);
    check(docker("swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:" + TestEnvs.freePort(),
        "--data-path-port", Integer.toString(dataPort), "--default-addr-pool", "10.214.0.0/16"));
  }

  /** {@code DOCKER_HOST} of this engine. */
  String host() {
    return "unix://" + socket;
  }

  /** Runs the docker CLI against this engine. */
  Result docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    return run(command, Map.of("DOCKER_HOST", host()));
  }

  static Result check(Result result) {
    if (result.code() != 0) {
      throw new AssertionError("'" + String.join(" ", result.command()) + "' failed (exit " + result.code() + "): " + result.out());
    }
    return result;
  }

  /** Runs {@code command} with {@code environment} added, bounded; its output and error together. */
  static Result run(List<String> command, Map<String, String> environment) throws Exception {
    return run(command, environment, COMMAND_TIMEOUT);
  }

  /** As {@link #run(List, Map)}, bounded by {@code timeout}. */
  static Result run(List<String> command, Map<String, String> environment, Duration timeout) throws Exception {
    Path out = Files.createTempFile("swarm-it", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("'" + String.join(" ", command) + "' did not end within " + COMMAND_TIMEOUT + ": "
            + Files.readString(out));
      }
      return new Result(command, process.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** A command's exit code and output. */
  record Result(List<String> command, int code, String out) {}

  /** The last lines of the engine's log. */
  String log() throws IOException {
    Path log = dir.resolve("dockerd.log");
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static void ip(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    check(run(command, Map.of()));
  }

  /** Leaves the Swarm, stops the engine, removes its links, mounts and directory; each step whatever the last did. */
  @Override
  public void close() throws Exception {
    if (dockerd != null && dockerd.isAlive()) {
      docker("swarm", "leave", "--force");
      dockerd.destroy();
      if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
        dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    for (String link : links) {
      run(List.of("ip", "link", "del", link), Map.of());
    }
    unmountUnder(dir);
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /** What a killed engine may leave mounted (its containers' layers, network namespaces), deepest first. */
  private static void unmountUnder(Path dir) throws Exception {
    List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" ")[1])
        .filter(m -> m.startsWith(dir.toString())).sorted(Comparator.reverseOrder()).toList();
    for (String mount : mounts) {
      run(List.of("umount", "-l", mount), Map.of());
    }
  }
}
