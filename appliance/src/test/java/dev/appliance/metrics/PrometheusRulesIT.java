package dev.appliance.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.steps.Installation;
import dev.appliance.steps.PrepareAppliance;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.TestEnvs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules the project ships and the configuration prepare-appliance writes, checked by Debian's promtool (package
 * prometheus): the rules' syntax, their unit tests (prometheus/appliance.rules.test.yml), and the whole configuration
 * with the rules it names.
 */
class PrometheusRulesIT {

  private static final Path RULES = Path.of("../prometheus").toAbsolutePath().normalize();
  private static final ProcessRunner PROGRAMS = new ProcessRunner();

  @BeforeAll
  static void promtoolIsInstalled() {
    assertTrue(ProcessRunner.firstOnPath("promtool").isPresent(),
        "promtool is missing; install it with: apt-get install prometheus (then stop the server it may start)");
  }

  private static String promtool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    ProcessRunner.Output output = PROGRAMS.run(command, Duration.ofMinutes(1));
    return output.stdout() + output.stderr();
  }

  @Test
  void theRulesAreValidAndPassTheirTests() throws Exception {
    String checked = promtool("check", "rules", RULES.resolve("appliance.rules.yml").toString());
    assertTrue(checked.contains("SUCCESS: 6 rules found"), checked);
    String tested = promtool("test", "rules", RULES.resolve("appliance.rules.test.yml").toString());
    assertTrue(tested.contains("SUCCESS"), tested);
  }

  @Test
  void theConfigurationPrepareApplianceWritesIsValid(@TempDir Path dir) throws Exception {
    Path env = TestEnvs.metrics(TestEnvs.localhost(dir.resolve("env")), dir.resolve("metrics.yml"), 9555, true);
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv(env);
    try (Installation installation = appliance.installation()) {
      new PrepareAppliance(installation).run();
    }
    String checked = promtool("check", "config", appliance.root.resolve("/etc/prometheus/prometheus.yml").toString());
    assertTrue(checked.contains("SUCCESS: 1 rule files found") && checked.contains("SUCCESS: 6 rules found"), checked);
  }
}
