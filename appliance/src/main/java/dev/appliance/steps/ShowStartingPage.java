package dev.appliance.steps;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.proxy.MaintenancePage;
import java.util.Optional;

/**
 * The page visitors see until the application answers: "starting", or "standby" for a cold spare. Not raised while
 * a supervisor runs (prepare-appliance again on a serving appliance), since nothing would end it.
 */
final class ShowStartingPage implements Step {

  private final EnvConfig env;

  ShowStartingPage(EnvConfig env) {
    this.env = env;
  }

  @Override
  public String name() {
    return "maintenance page";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    MaintenancePage page = new MaintenancePage(context.root(), context.clock());
    if (page.operatorHeld()) {
      return Optional.of("held by the operator (appliance maintenance off ends it)");
    }
    // The supervisor ends the page it started with; one raised now, while it serves, would stay up for good.
    Optional<String> supervisor = context.otherSupervisor();
    if (supervisor.isPresent()) {
      return supervisor.map(holder -> "off: a supervisor, " + holder + ", serves the application");
    }
    return page.shown().filter(title()::equals).map(t -> "showing '" + t + "'");
  }

  private String title() {
    return env.appliance().standby() ? "Standby" : "Starting";
  }

  @Override
  public void apply(StepContext context) throws Exception {
    MaintenancePage page = new MaintenancePage(context.root(), context.clock());
    if (env.appliance().standby()) {
      page.show(title(), "This appliance is on standby (appliance/standby in env.yml); the application is not started.");
    } else {
      page.show(title(), "The application is starting; this takes a minute.");
    }
  }
}
