package dev.appliance.steps;

import dev.appliance.proxy.FrontConfig;
import java.util.Optional;

/** The front proxy's nginx site, checked with {@code nginx -t} in the front's own image before it goes live. */
final class InstallFrontSite implements Step {

  private final Front front;
  private final FrontConfig config;

  InstallFrontSite(Front front, FrontConfig config) {
    this.front = front;
    this.config = config;
  }

  @Override
  public String name() {
    return "front proxy site";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    return front.proxy().current(config) ? Optional.of("up to date") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    front.proxy().install(config);
  }
}
