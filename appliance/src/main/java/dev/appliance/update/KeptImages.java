package dev.appliance.update;

import dev.appliance.engine.Engine;
import dev.appliance.engine.GuardedEngine;
import dev.appliance.stack.ImageRef;
import dev.appliance.update.UpdateJournal.Version;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The images of the last two versions, each kept under a name of its own ({@code REPOSITORY:appliance-kept-ID}) so
 * that loading or pulling a new version under the same tag leaves the old one named: cleanup removes only nameless
 * images, and a rollback needs no registry.
 */
final class KeptImages {

  private final Engine engine;
  private final Consumer<String> log;

  KeptImages(Engine engine, Consumer<String> log) {
    this.engine = engine;
    this.log = log;
  }

  /** Names every image of {@code version} with its kept name. */
  void keep(Version version) {
    version.images().forEach((image, id) -> engine.tag(id, keptName(image, id)));
  }

  /** Gives each image of {@code version} its stack name again, as before the update. */
  void renameBack(Version version) {
    version.images().forEach((image, id) -> {
      ImageRef ref = ImageRef.parse(image).withDefaultTag();
      // A name by digest alone names its content: it cannot have moved.
      if (ref.tag().isPresent() && !engine.imageId(image).equals(Optional.of(id))) {
        engine.tag(id, ref.name() + ":" + ref.tag().get());
        log.accept("image " + image + " is " + UpdatePlan.shortId(id) + " again");
      }
    });
  }

  /** Takes the kept names off every image that is in neither {@code versions}. */
  void keepOnly(Version... versions) {
    Set<String> wanted = new HashSet<>();
    Set<String> repositories = new HashSet<>();
    for (Version version : versions) {
      wanted.addAll(version.images().values());
      version.images().keySet().forEach(image -> repositories.add(ImageRef.parse(image).name()));
    }
    // Only this stack's repositories: other stacks on the same engine keep their own.
    for (String repository : repositories) {
      for (Map.Entry<String, String> named : engine.imageNames(repository + ":" + GuardedEngine.KEPT_TAG).entrySet()) {
        if (!wanted.contains(named.getValue()) && !engine.untag(named.getKey())) {
          log.accept("the image name " + named.getKey() + " stays: a container still uses that image");
        }
      }
    }
  }

  static String keptName(String image, String id) {
    return ImageRef.parse(image).name() + ":" + GuardedEngine.KEPT_TAG + UpdatePlan.shortId(id);
  }
}
