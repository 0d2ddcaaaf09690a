package dev.appliance.steps;

import dev.appliance.app.Tags;
import dev.appliance.images.StackImages;
import dev.appliance.stack.Stack;
import java.util.Map;
import java.util.Optional;

/**
 * Every image of the stack present before anything is stopped: loaded from the baked archive, built or pulled
 * when missing; the version is recorded as {@code tags/last_prepared}.
 */
final class PrepareImages implements Step {

  private final Installation installation;
  private final Stack stack;
  private Map<String, String> ids;

  PrepareImages(Installation installation, Stack stack) {
    this.installation = installation;
    this.stack = stack;
  }

  @Override
  public String name() {
    return "images";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    try {
      Map<String, String> present = new StackImages(context.engine(), context.log()).ids(stack);
      if (new Tags(context.root(), context.clock()).read(Tags.LAST_PREPARED).equals(Optional.of(Map.copyOf(present)))) {
        ids = present;
        return Optional.of("present and recorded as last_prepared");
      }
    } catch (StackImages.MissingImageException e) {
      // some image is missing: apply makes it present
    }
    return Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    ids = installation.images().ensure(stack, installation.stackDir());
    new Tags(context.root(), context.clock()).write(Tags.LAST_PREPARED, ids);
  }

  /** Image name to ID, once the step ran or found them present. */
  Map<String, String> ids() {
    return ids;
  }
}
