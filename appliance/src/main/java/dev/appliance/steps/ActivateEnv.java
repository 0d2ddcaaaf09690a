package dev.appliance.steps;

import dev.appliance.envsource.ActiveEnv;
import java.util.Optional;

/** The env found and validated, written as {@code /run/active-env.yml} (0600) unless it is that already. */
final class ActivateEnv implements Step {

  private final String source;
  private final byte[] content;

  ActivateEnv(String source, byte[] content) {
    this.source = source;
    this.content = content.clone();
  }

  @Override
  public String name() {
    return "active env";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    return ActiveEnv.holds(context.root(), source, content)
        ? Optional.of("this env from " + source + ", unchanged") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    ActiveEnv.write(context.root(), source, content, context.clock().instant());
    context.log().accept("active env written: " + context.root().activeEnv() + " (from " + source + ")");
  }
}
