package dev.appliance.steps;

import dev.appliance.containers.StackContainers;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.failure.FailureFlag;
import dev.appliance.host.HostRoot;
import dev.appliance.proxy.FrontConfig;
import dev.appliance.proxy.FrontProxy;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.stack.Stack;
import dev.appliance.storage.DockerDaemonConfig;
import dev.appliance.storage.FreeSpace;
import dev.appliance.storage.StorageLayout;
import dev.appliance.storage.StorageMounts;
import dev.appliance.tls.ClientCaFiles;
import dev.appliance.tls.ServerCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code prepare-appliance}: storage, TLS material and the front proxy, which it starts showing "starting" (or
 * "standby"), so that visitors see a page from the first moment.
 */
public final class PrepareAppliance {

  private final Installation installation;

  public PrepareAppliance(Installation installation) {
    this.installation = installation;
  }

  public void run() throws Exception {
    HostRoot root = installation.root();
    Consumer<String> log = installation.log();
    new FailureFlag(root).refuseIfRaised("prepare-appliance");
    EnvConfig env = ActiveEnv.require(root).config();

    boolean mounted = new StorageMounts(root, log).apply(env.appliance().storage());
    new StorageLayout(root).apply();
    log.accept("storage layout ready under " + root.dir());
    new FreeSpace(root, installation.minimumFreeMib()).check();
    if (root.isSystem()) {
      boolean changed = new DockerDaemonConfig(root).apply();
      if (changed || mounted) {
        log.accept("restarting Docker for its data root on /volatile/docker and bounded logs");
        new ProcessRunner().run(List.of("systemctl", "restart", "docker"), Duration.ofMinutes(5));
      }
    }

    Instant now = Instant.now();
    ServerCertificate.Origin origin = new ServerCertificate(root).prepare(env, now);
    log.accept("server certificate: " + origin.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    if (env.appliance().ssl().clientCa().isPresent()) {
      new ClientCaFiles(root).prepare(env.appliance().ssl().clientCa().get(), now);
    }

    Stack stack = installation.stack(env);
    String proxy = stack.appliance().proxy().orElseThrow(() -> new dev.appliance.env.cli.Cli.BadInputException(
        "the stack names no front proxy; add x-appliance/proxy: SERVICE"));
    var ids = installation.images().ensure(stack, stack.services().get(proxy), installation.stackDir());
    StackContainers containers = new StackContainers(installation.docker(), stack, root, ids, log);
    MaintenancePage page = new MaintenancePage(root);
    if (!page.operatorHeld()) {
      if (env.appliance().standby()) {
        page.show("Standby", "This appliance is on standby (appliance/standby in env.yml); the application is not started.");
      } else {
        page.show("Starting", "The application is starting; this takes a minute.");
      }
    }
    FrontProxy front = new FrontProxy(containers, root, log);
    boolean siteChanged = front.install(new FrontConfig(stack.appliance().web(), installation.httpsPort(),
        env.appliance().ssl().clientCa().isPresent(), env.appliance().ssl().clientCertsMandatory()));
    containers.ensureNetwork();
    containers.ensureRunning(proxy);
    if (!siteChanged) {
      // The certificate may have changed under an unchanged site.
      front.reload();
    }
  }
}
