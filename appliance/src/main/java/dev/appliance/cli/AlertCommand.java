package dev.appliance.cli;

import dev.appliance.alerts.Channel;
import dev.appliance.alerts.ChannelResults.ChannelResult;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.steps.Installation;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance alert test}: the operator's proof that alerts arrive. */
@Command(name = "alert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = {AlertCommand.Test.class, AlertCommand.Send.class},
    description = {"Alerts: 'appliance alert test' sends a test alert through every channel appliance/alert"
        + " configures; 'appliance alert send' sends what is due while no supervisor runs (appliance-alerts.timer)."})
final class AlertCommand extends CommandGroup {

  /** {@code appliance alert send}: what appliance-alerts.timer runs. */
  @Command(name = "send", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Sends the alert messages that are due: one the hourly limit deferred, the daily reminder of an"
          + " open alert, a retry of a channel that failed. Does nothing while a supervisor runs: it sends them itself."})
  static final class Send extends StepCommand {

    @Override
    int run(Installation installation) throws Exception {
      Optional<String> supervisor = installation.holder(ApplianceLock.SUPERVISOR);
      if (supervisor.isPresent()) {
        installation.log().accept("alerts: the supervisor, " + supervisor.get() + ", sends them; nothing to do");
        return Cli.OK;
      }
      installation.alerting().sendDue();
      return Cli.OK;
    }
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
      if (channel.isPresent() && !List.of("email", "sentry", "heartbeat").contains(channel.get())) {
        throw new Cli.BadInputException("--channel " + channel.get() + ": no such channel; give email, sentry or heartbeat");
      }
      if (!installation.hasActiveEnv()) {
        throw new Cli.BadInputException("there is no active env to read appliance/alert from (or it cannot be read);"
            + " run: appliance prepare-env");
      }
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
