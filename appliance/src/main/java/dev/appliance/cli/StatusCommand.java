package dev.appliance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.docker.EngineListing;
import dev.appliance.os.OsStatus;
import dev.appliance.status.StatusReport;
import dev.appliance.steps.Installation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance status}. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Shows the appliance's state (whether a supervisor runs), the active env's source and its problems,"
        + " each service with health and restarts, tags, flags, the failure reason, maintenance, free space on /data"
        + " and /volatile, the certificate's expiry, and the certificate the front served at the supervisor's last"
        + " check.",
        "Exit codes: 0 running (a disk at the warning level included), 3 stopped, 1 failed, invalid active env,"
            + " containers without a supervisor, or /data or /volatile critically full (95 % used, or under --min-free)."})
final class StatusCommand extends StepCommand {

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @Override
  int run(Installation installation) throws Exception {
    StatusReport report = StatusReport.read(installation.root(), installation.stackShape(), EngineListing.local(),
        installation.clock(), installation.minimumFreeMib(), installation::holder);
    var out = top().spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT, SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
          .writeValueAsString(report));
    } else {
      report.lines().forEach(out::println);
      // The machine's packages and Docker: on the machine itself, not about a test root.
      if (installation.root().dir().equals(java.nio.file.Path.of("/"))) {
        OsStatus.lines(installation.root(), installation.processes()).forEach(out::println);
      }
    }
    return report.state().exitCode();
  }
}
