package dev.appliance.cli;

import dev.appliance.containers.StackContainers;
import dev.appliance.containers.StartOrder;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.stack.Stack;
import dev.appliance.steps.Installation;
import dev.appliance.supervise.RunState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance stop}. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Stops the stack's containers in the reverse of their start order; a running supervisor then ends.",
        "Exits 1 if a service stopped badly: with an error of its own, not by the stop signal or the timeout's kill."})
final class StopCommand extends StepCommand {

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long each service may take to stop before it is killed (default: 30).")
  int timeout;

  @Override
  int run(Installation installation) throws Exception {
    new RunState(installation.root()).markStopping();
    Stack stack = installation.stackShape();
    List<String> badly = new StackContainers(installation.engine(), stack, installation.root(), Map.of(),
        installation.clock(), installation.sleeper(), installation.log())
        .stop(StartOrder.of(stack), Duration.ofSeconds(timeout));
    if (!badly.isEmpty()) {
      installation.log().accept("stopped, but " + String.join(", ", badly) + " did not stop cleanly: read the lines above"
          + " before starting again, and free space first if a disk is full (appliance status)");
      return Cli.FAILURE;
    }
    installation.log().accept("stopped");
    return Cli.OK;
  }
}
