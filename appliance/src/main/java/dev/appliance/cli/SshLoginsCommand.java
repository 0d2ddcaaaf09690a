package dev.appliance.cli;

import dev.appliance.access.SshLoginWatch;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.Installation;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance ssh-logins}: what appliance-ssh-logins.service runs, whatever state the application is in. */
@Command(name = "ssh-logins", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Tells the operators of every SSH login (user, address, key fingerprint) with an info alert, and"
        + " warns of a login by any other method than a key; reads sshd's journal every few seconds until stopped."})
final class SshLoginsCommand extends StepCommand {

  static final Duration EVERY = Duration.ofSeconds(5);

  @Option(names = "--once", description = "Read the journal once and end.")
  boolean once;

  @Override
  int run(Installation installation) throws Exception {
    if (!installation.root().isSystem()) {
      throw new Cli.BadInputException("appliance ssh-logins reads this machine's journal, so it runs with --root /"
          + " only (--root is " + installation.root().dir() + "); on the machine: systemctl start appliance-ssh-logins");
    }
    SshLoginWatch watch = new SshLoginWatch(installation.root(), installation.processes());
    boolean waiting = false;
    while (true) {
      // Without an active env there is no channel to tell: the journal is read once prepare-env made one.
      if (installation.hasActiveEnv()) {
        watch.poll(installation.alerts());
        waiting = false;
      } else if (!waiting) {
        installation.log().accept("ssh-logins: no active env yet (/run/active-env.yml); logins are read once there is");
        waiting = true;
      }
      if (once) {
        return Cli.OK;
      }
      installation.sleeper().sleep(EVERY);
    }
  }
}
