package dev.appliance.steps;

import dev.appliance.storage.FreeSpace;
import java.util.Optional;

/** The free-space gate: with too little room on /data or /volatile the chain stops here, saying what to free. */
final class CheckFreeSpace implements Step {

  private final long minimumMib;

  CheckFreeSpace(long minimumMib) {
    this.minimumMib = minimumMib;
  }

  @Override
  public String name() {
    return "free space";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    return new FreeSpace(context.root(), minimumMib).enough();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    new FreeSpace(context.root(), minimumMib).check();
  }
}
