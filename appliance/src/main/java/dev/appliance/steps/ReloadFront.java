package dev.appliance.steps;

import dev.appliance.proxy.FrontProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running front rereads its site and certificates when they differ from what it last loaded (a digest kept in
 * {@code /run/appliance/front-loaded} after each successful reload). A crash or a failed reload after a new
 * certificate was written so leads to a reload on the next run, never to a front serving the old one for good.
 */
public final class ReloadFront implements Step {

  private final Front front;

  ReloadFront(Front front) {
    this.front = front;
  }

  private static Path loaded(StepContext context) {
    return context.root().runState().resolve("front-loaded");
  }

  @Override
  public String name() {
    return "front proxy reload";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    if (!front.running()) {
      return Optional.of("not needed: the front proxy is not running (it reads them when it starts)");
    }
    Path loaded = loaded(context);
    return Files.isRegularFile(loaded) && Files.readString(loaded).strip().equals(front.proxy().fingerprint())
        ? Optional.of("serving the current site and certificates") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    reload(context, front.proxy());
  }

  /** Reloads the running front and records what it loaded; whether nginx did. */
  public static boolean reload(StepContext context, FrontProxy proxy) throws IOException, InterruptedException {
    String fingerprint = proxy.fingerprint();
    // A failed reload leaves the front serving what it had (nginx -t passed the site); it is tried again next run.
    if (!proxy.reload()) {
      return false;
    }
    context.root().files().write(loaded(context), "rw-r--r--", fingerprint + "\n");
    return true;
  }
}
