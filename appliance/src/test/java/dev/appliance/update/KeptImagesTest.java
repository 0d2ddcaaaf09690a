package dev.appliance.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.engine.GuardedEngine;
import dev.appliance.support.FakeEngine;
import dev.appliance.update.UpdateJournal.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeptImagesTest {

  private final FakeEngine fake = new FakeEngine();
  private final List<String> log = new ArrayList<>();
  private final KeptImages kept = new KeptImages(new GuardedEngine(fake, log::add), log::add);

  /** Version TAG, its image loaded as app/web:TAG with an ID of its own (kept names carry the ID's first digits). */
  private Version version(String tag) {
    String id = "sha256:" + tag.repeat(64);
    fake.tag(id, "app/web:" + tag);
    return new Version(tag, "stack.yml", Map.of("app/web:" + tag, id), null);
  }

  @Test
  void onlyTheTwoVersionsGivenKeepTheirNames() {
    Version one = version("1");
    Version two = version("2");
    Version three = version("3");
    kept.keep(one);
    kept.keep(two);
    kept.keep(three);

    kept.keepOnly(two, three);

    assertEquals(Map.of(keptName(two), id(two), keptName(three), id(three)), fake.imageNames("app/web:appliance-kept-"));
  }

  @Test
  void aNameAContainerStillNeedsStaysAndTheRestGoOn() {
    Version one = version("1");
    Version two = version("2");
    kept.keep(one);
    kept.keep(two);
    // The tag moved on (a load under the same name) and another stack's container still runs the old image.
    fake.untag("app/web:1");
    fake.withImageInUse(keptName(one));
    Version three = version("3");
    kept.keep(three);

    kept.keepOnly(two, three);

    assertEquals(id(one), fake.imageId(keptName(one)).orElseThrow());
    assertTrue(log.contains("the image name " + keptName(one) + " stays: a container still uses that image"), log::toString);
    assertEquals(3, fake.imageNames("app/web:appliance-kept-").size());
  }

  private static String keptName(Version version) {
    String image = version.images().keySet().iterator().next();
    return KeptImages.keptName(image, version.images().get(image));
  }

  private static String id(Version version) {
    return version.images().values().iterator().next();
  }
}
