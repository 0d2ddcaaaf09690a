package dev.appliance.cli;

import dev.appliance.containers.StackContainers;
import dev.appliance.containers.StartOrder;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.stack.Stack;
import dev.appliance.steps.Installation;
import dev.appliance.supervise.RunState;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance stop}. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Stops the stack's containers in the reverse of their start order; a running supervisor then ends.")
final class StopCommand extends StepCommand {

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long each service may take to stop before it is killed (default: 30).")
  int timeout;

  @Override
  int run(Installation installation) throws Exception {
    new RunState(installation.root()).markStopping();
    Stack stack = installation.stackShape();
    new StackContainers(installation.engine(), stack, installation.root(), Map.of(), installation.clock(),
        installation.sleeper(), installation.log()).stop(StartOrder.of(stack), Duration.ofSeconds(timeout));
    installation.log().accept("stopped");
    return Cli.OK;
  }
}
