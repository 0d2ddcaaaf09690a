package dev.appliance.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.EnvNewCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Envs and stacks for the supervisor's tests, made by the real env-new and from the project's own stack. */
public final class TestEnvs {

  /** The project's stack, containers/stack.yml. */
  public static final Path STACK = Path.of("..", "containers", "stack.yml").toAbsolutePath().normalize();

  private TestEnvs() {}

  /** A development env for localhost with the secrets the project's stack needs, in {@code dir/env.yml}. */
  public static Path localhost(Path dir) {
    return envNew(dir, "localhost");
  }

  /** As {@link #localhost(Path)}, with {@code presets} (env YAML, as env-new --extra takes them) merged in. */
  public static Path localhost(Path dir, String presets) throws IOException {
    return forDomain(dir, "localhost", presets);
  }

  /** A development env for {@code domain}, with {@code presets} merged in. */
  public static Path forDomain(Path dir, String domain, String presets) throws IOException {
    Path extra = Files.writeString(Files.createDirectories(dir).resolve("presets.yml"), presets);
    return envNew(dir, domain, "--extra", extra.toString());
  }

  private static Path envNew(Path dir, String domain, String... options) {
    List<String> arguments = new ArrayList<>(List.of(domain, dir.toString(), "--environment", "development",
        "--stack", STACK.toString()));
    arguments.addAll(List.of(options));
    StringWriter out = new StringWriter();
    int code = Cli.run(new EnvNewCommand(), new PrintWriter(out), new PrintWriter(out), arguments.toArray(String[]::new));
    assertEquals(0, code, out.toString());
    return dir.resolve("env.yml");
  }

  /** The env with its {@code appliance/alert} section replaced by {@code lines} (each indented under alert:). */
  public static Path withAlert(Path env, Path target, String... lines) throws IOException {
    String text = Files.readString(env);
    String section = "  alert:\n" + String.join("", java.util.Arrays.stream(lines).map(l -> "    " + l + "\n").toList());
    String changed = text.replaceFirst("(?ms)^  alert:\n.*?\n\n", java.util.regex.Matcher.quoteReplacement(section + "\n"));
    assertNotEquals(text, changed, "env-new writes appliance/alert");
    return Files.writeString(target, changed);
  }

  /** The env with appliance/standby set. */
  public static Path standby(Path env, Path target) throws IOException {
    String text = Files.readString(env);
    String changed = text.replaceFirst("(?m)^  standby: false$", "  standby: true");
    assertNotEquals(text, changed, "env-new writes appliance/standby");
    return Files.writeString(target, changed);
  }

  /** The env with the supervisor's metrics on 127.0.0.1:{@code port}, and with {@code server}, Prometheus too. */
  public static Path metrics(Path env, Path target, int port, boolean server) throws IOException {
    String text = Files.readString(env);
    String changed = text.replaceFirst("(?m)^    exporter: false$", "    exporter: true")
        .replaceFirst("(?m)^    port: 9469$", "    port: " + port)
        .replaceFirst("(?m)^    server: false$", "    server: " + server);
    assertNotEquals(text, changed, "env-new writes appliance/metric");
    return Files.writeString(target, changed);
  }

  /**
   * A copy of the project's stack under another name (so that its containers, network and labels are the test's
   * own), build contexts made absolute, and {@code replacements} applied as pairs of literal text.
   */
  public static Path stack(Path dir, String name, String... replacements) throws IOException {
    String text = Files.readString(STACK)
        .replaceFirst("(?m)^name: .*$", "name: " + name)
        .replace("context: front", "context: " + STACK.getParent().resolve("front"))
        .replace("context: postgres", "context: " + STACK.getParent().resolve("postgres"))
        .replace("context: redis", "context: " + STACK.getParent().resolve("redis"));
    for (int i = 0; i + 1 < replacements.length; i += 2) {
      text = text.replace(replacements[i], replacements[i + 1]);
    }
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("stack.yml"), text);
  }

  /** A free TCP port on this machine. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
