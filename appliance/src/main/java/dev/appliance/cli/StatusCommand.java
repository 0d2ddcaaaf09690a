package dev.appliance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.docker.EngineListing;
import dev.appliance.status.StatusReport;
import dev.appliance.steps.Installation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance status}. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Shows the active env's source, each service with health and restarts, tags, flags, the failure"
        + " reason, maintenance, free space on /data and /volatile, and the certificate's expiry.",
        "Exits 1 while the appliance is failed or /data or /volatile is critically full (95 % used, or under"
        + " --min-free); a warning (80 % used) is shown and exits 0."})
final class StatusCommand extends StepCommand {

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @Override
  int run(Installation installation) throws Exception {
    StatusReport report = StatusReport.read(installation.root(), installation.stackShape(), EngineListing.local(),
        installation.clock(), installation.minimumFreeMib());
    var out = top.spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT, SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
          .writeValueAsString(report));
    } else {
      report.lines().forEach(out::println);
    }
    return report.failed() == null && !report.spaceCritical() ? Cli.OK : Cli.FAILURE;
  }
}
