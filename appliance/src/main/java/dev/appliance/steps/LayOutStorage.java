package dev.appliance.steps;

import dev.appliance.storage.StorageLayout;
import java.util.List;
import java.util.Optional;

/** The runtime layout under /data, /volatile and /run with owners and modes, and /app/etc linked to /data/etc. */
final class LayOutStorage implements Step {

  @Override
  public String name() {
    return "storage layout";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    List<String> differences = new StorageLayout(context.root()).differences();
    return differences.isEmpty() ? Optional.of("in place under " + context.root().dir()) : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    new StorageLayout(context.root()).apply();
    context.log().accept("storage layout ready under " + context.root().dir());
  }
}
