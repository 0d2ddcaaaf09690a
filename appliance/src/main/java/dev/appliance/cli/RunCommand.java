package dev.appliance.cli;

import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.Installation;
import dev.appliance.supervise.RestartBudget;
import dev.appliance.supervise.Supervisor;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code appliance run}. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Starts the stack (dependencies first, the front proxy last), ends the maintenance page when the"
        + " application answers, and supervises it in the foreground until stopped (SIGTERM, Ctrl-C, appliance stop).",
        "A service that dies is restarted with backoff; one that dies too often makes the appliance failed (exit 1)."})
final class RunCommand extends StepCommand {

  @Mixin
  SupervisorOptions supervising;

  @Override
  int run(Installation installation) throws Exception {
    return supervising.supervisor(installation).run();
  }

  /** How many restarts in what time make a crash loop, and how often the heartbeat says "alive". */
  static final class SupervisorOptions {
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(names = "--max-restarts", paramLabel = "N", defaultValue = "5",
        description = "More than N restarts of one service within the window make the appliance failed (default: 5).")
    int maxRestarts;

    @picocli.CommandLine.Option(names = "--restart-window", paramLabel = "MINUTES", defaultValue = "5",
        description = "The window for --max-restarts, in minutes (default: 5).")
    int windowMinutes;

    @picocli.CommandLine.Option(names = "--heartbeat-every", paramLabel = "SECONDS", defaultValue = "300",
        description = "Ping appliance/alert/heartbeat_url every SECONDS while serving (default: 300).")
    void heartbeatSeconds(long seconds) {
      if (seconds < 1) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--heartbeat-every " + seconds
            + ": give a number of seconds, 1 or more");
      }
      heartbeat = Duration.ofSeconds(seconds);
    }

    private Duration heartbeat = Supervisor.DEFAULT_HEARTBEAT;

    Supervisor supervisor(Installation installation) {
      return new Supervisor(installation, new RestartBudget(maxRestarts, Duration.ofMinutes(windowMinutes)))
          .heartbeatEvery(heartbeat);
    }
  }
}
