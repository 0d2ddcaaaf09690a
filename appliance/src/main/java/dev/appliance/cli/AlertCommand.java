package dev.appliance.cli;

import dev.appliance.alerts.Channel;
import dev.appliance.alerts.ChannelResults.ChannelResult;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.Installation;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance alert test}: the operator's proof that alerts arrive. */
@Command(name = "alert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = AlertCommand.Test.class,
    description = "Alerts: 'appliance alert test' sends a test alert through every channel appliance/alert configures.")
final class AlertCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Cli.BAD_INPUT;
  }

  /** {@code appliance alert test [--channel NAME]}. */
  @Command(name = "test", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Sends a test alert through every configured channel (e-mail, Sentry, heartbeat) at once, past"
          + " the hourly limit, and says what each answered. The heartbeat gets what is true: a ping, or /fail while"
          + " the appliance is failed.", "Exit codes: 0 every channel took it, 1 one failed, 2 no such channel."})
  static final class Test extends StepCommand {

    @Option(names = "--channel", paramLabel = "NAME", description = "Only this channel: email, sentry or heartbeat.")
    Optional<String> channel;

    @Override
    int run(Installation installation) throws Exception {
      List<Channel> channels = installation.alerting().channels().stream()
          .filter(c -> channel.map(c.name()::equals).orElse(true)).toList();
      if (channels.isEmpty()) {
        throw new Cli.BadInputException(channel.map(name -> "alert channel " + name + " is not configured")
            .orElse("no alert channel is configured") + " in the active env; set appliance/alert/email with"
            + " appliance/alert/smtp, appliance/alert/sentry_dsn or appliance/alert/heartbeat_url, then run:"
            + " appliance prepare-env");
      }
      var out = top().spec.commandLine().getOut();
      boolean failed = false;
      for (Channel c : channels) {
        ChannelResult result = installation.alerting().test(c);
        out.println(result.ok() ? c.name() + ": ok (" + result.detail() + ")" : c.name() + ": FAILED: " + result.detail());
        failed |= !result.ok();
      }
      out.flush();
      return failed ? Cli.FAILURE : Cli.OK;
    }
  }
}
