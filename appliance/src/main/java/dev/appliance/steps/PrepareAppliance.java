package dev.appliance.steps;

import dev.appliance.access.ApplySshPolicy;
import dev.appliance.access.OperatorAccounts;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.failure.FailureFlag;
import dev.appliance.firewall.ConfigureFirewall;
import dev.appliance.proxy.FrontConfig;
import dev.appliance.stack.Stack;
import dev.appliance.vpn.ConfigureVpn;
import java.util.List;

/**
 * {@code prepare-appliance}: storage, TLS material and the front proxy, which it starts showing "starting" (or
 * "standby"), so that visitors see a page from the first moment. Every input (the active env, the stack) is read
 * and validated before the first step changes anything.
 */
public final class PrepareAppliance {

  private final Installation installation;

  public PrepareAppliance(Installation installation) {
    this.installation = installation;
  }

  public Recipe.Outcome run() throws Exception {
    new FailureFlag(installation.root(), installation.clock()).refuseIfRaised("prepare-appliance");
    EnvConfig env = ActiveEnv.require(installation.root()).config();
    Stack stack = installation.stack(env);
    Front front = Front.of(installation, stack);
    FrontConfig site = FrontConfig.of(stack, env, installation.httpsPort());
    PrepareStackDirectories directories = PrepareStackDirectories.of(stack);
    installation.hold(ApplianceLock.EXCLUSIVE, "prepare-appliance");
    // Host access first: it needs no /data, and a missing disk or a full one must not leave the firewall unloaded,
    // an absent operator able to log in, or SSH as the image had it.
    Recipe recipe = new Recipe("prepare-appliance", List.of(
        OperatorAccounts.checked(installation.root(), env.appliance().users()), new ApplySshPolicy(),
        new ConfigureVpn(env.appliance().vpn()), new ConfigureFirewall(env.appliance().firewall(), env.appliance().vpn()),
        new MountVolumes(env.appliance().storage()),
        new LayOutStorage(),
        directories,
        new CheckFreeSpace(installation.minimumFreeMib()),
        new ConfigureDocker(),
        new InstallServerCertificate(env),
        new InstallClientCa(env),
        new ShowStartingPage(env),
        new InstallFrontSite(front, site),
        new StartFront(front),
        new ReloadFront(front),
        new ObtainCertificate(env, front, false, true),
        new ReloadFront(front),
        new ConfigurePrometheus(env.appliance().metric(), installation.underSystemd()),
        new ScheduleBackups(env.appliance().backup(), installation.underSystemd()),
        new ScheduleUpdates(env.appliance().update(), installation.underSystemd())));
    Recipe.Outcome outcome = installation.stoppable(stack, () -> recipe.run(installation));
    if (outcome == Recipe.Outcome.STOPPED) {
      installation.stopAll(stack);
    } else {
      installation.rememberStack();
    }
    return outcome;
  }
}
