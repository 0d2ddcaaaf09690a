package dev.appliance.images;

import dev.appliance.engine.Engine;
import dev.appliance.engine.ImageBuild;
import dev.appliance.env.files.AtomicWriter;
import dev.appliance.stack.ImageRef;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Service;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds, saves and loads every image of a stack. */
public final class StackImages {

  private final Engine engine;
  private final Consumer<String> progress;
  private final Path baked;
  private boolean bakedLoaded;

  public StackImages(Engine engine, Consumer<String> progress) {
    this(engine, progress, null);
  }

  /**
   * With {@code baked}, the archive an image was provisioned with ({@code appliance images save}): a missing image is
   * loaded from it before it is built or pulled, so that a machine whose Docker data was lost needs no registry.
   */
  public StackImages(Engine engine, Consumer<String> progress, Path baked) {
    this.engine = engine;
    this.progress = progress;
    this.baked = baked;
  }

  /** A stack image that cannot be used as the stack names it: neither buildable nor present, or not savable. */
  public static final class MissingImageException extends Exception {
    private static final long serialVersionUID = 1L;

    MissingImageException(String message) {
      super(message);
    }
  }

  /**
   * Builds each service that has a {@code build} section (its context relative to {@code stackDir}) with no pull,
   * tagged with its image name and labelled as the appliance's; checks that every other image is present.
   *
   * @return image name to image ID, for every image of the stack
   */
  public Map<String, String> build(Stack stack, Path stackDir) throws MissingImageException, InterruptedException {
    Map<String, String> ids = new LinkedHashMap<>();
    for (Service service : stack.services().values()) {
      String image = imageName(stack, service);
      if (ids.containsKey(image)) {
        continue;
      }
      if (service.build().isPresent()) {
        ids.put(image, build(stack, service, image, stackDir));
      } else {
        ids.put(image, present(image).orElseThrow(() -> new MissingImageException("the image " + image + " of service "
            + service.name() + " is not in the engine and has no build section; build or load it first")));
        progress.accept(image + ": present (" + shortId(ids.get(image)) + ")");
      }
    }
    return ids;
  }

  /**
   * Makes every image of the stack present: those the engine has are used as they are (an installed appliance
   * has its images loaded, without the base images a rebuild would need); a missing one is loaded from the baked
   * archive if there is one, else built from its build section, or else pulled.
   *
   * @return image name to image ID
   */
  public Map<String, String> ensure(Stack stack, Path stackDir) throws MissingImageException, InterruptedException {
    Map<String, String> ids = new LinkedHashMap<>();
    for (Service service : stack.services().values()) {
      if (!ids.containsKey(imageName(stack, service))) {
        ids.putAll(ensure(stack, service, stackDir));
      }
    }
    return ids;
  }

  /** The image of {@code service}, made present as {@link #ensure(Stack, Path)} does; returns image name to ID. */
  public Map<String, String> ensure(Stack stack, Service service, Path stackDir) throws MissingImageException, InterruptedException {
    String image = imageName(stack, service);
    Optional<String> id = present(image);
    if (id.isEmpty() && loadBaked()) {
      id = present(image);
    }
    if (id.isEmpty() && service.build().isPresent()) {
      id = Optional.of(build(stack, service, image, stackDir));
    } else if (id.isEmpty()) {
      id = pull(image);
    }
    return Map.of(image, id.orElseThrow(() -> new MissingImageException("the image " + image + " of service "
        + service.name() + " is not in the engine and cannot be pulled; load it (appliance images load FILE)")));
  }

  /** Loads the baked archive, once; whether it was loaded now. */
  private boolean loadBaked() throws InterruptedException {
    if (bakedLoaded || baked == null || !Files.isRegularFile(baked)) {
      return false;
    }
    bakedLoaded = true;
    progress.accept("loading the images baked into this machine from " + baked);
    try (InputStream archive = Files.newInputStream(baked)) {
      progress.accept(engine.load(archive));
      return true;
    } catch (IOException | RuntimeException e) {
      progress.accept("cannot load " + baked + ": " + e.getMessage());
      return false;
    }
  }

  private Optional<String> pull(String image) throws InterruptedException {
    progress.accept(image + ": pulling");
    try {
      ImageRef ref = ImageRef.parse(image);
      engine.pull(ref.name(), ref.tagOrDigest());
    } catch (RuntimeException e) {
      progress.accept(image + ": cannot pull: " + e.getMessage());
    }
    return present(image);
  }

  /** The IDs of every image of the stack, which must all be present. */
  public Map<String, String> ids(Stack stack) throws MissingImageException {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String image : names(stack).keySet()) {
      ids.put(image, present(image).orElseThrow(() -> new MissingImageException("the image " + image
          + " is not in the engine; run: appliance prepare-app")));
    }
    return ids;
  }

  /** Writes every image of the stack, which must all be present, into one archive at {@code file}. */
  public void save(Stack stack, Path file) throws MissingImageException, IOException {
    List<String> images = new ArrayList<>(new LinkedHashMap<>(names(stack)).keySet());
    for (String image : images) {
      ImageRef ref = ImageRef.parse(image).withDefaultTag();
      if (ref.tag().isEmpty()) {
        // An archive names its images by tag; one given by digest alone would come back nameless.
        throw new MissingImageException("the image " + image + " has a digest but no tag, and an archive names its"
            + " images by tag; give it one in the stack (image: NAME:TAG@DIGEST)");
      }
      if (present(image).isEmpty()) {
        throw new MissingImageException("the image " + image + " is not in the engine; run 'appliance images build' first");
      }
    }
    // The user's own output file, not a host state file: written atomically where they asked.
    AtomicWriter.replace(file, "rw-r--r--", out -> engine.save(images, out));
    progress.accept("saved " + images.size() + " images (" + Files.size(file) / (1024 * 1024) + " MiB) to " + file);
  }

  /**
   * Loads an archive written by {@link #save} and checks that every image of {@code stack} is then present. The
   * asynchronous command waits for the engine's answer: the plain one returns before the layers are imported.
   */
  public void load(Stack stack, Path file) throws IOException, MissingImageException, InterruptedException {
    try (InputStream archive = Files.newInputStream(file)) {
      progress.accept(engine.load(archive));
    }
    for (String image : names(stack).keySet()) {
      if (present(image).isEmpty()) {
        throw new MissingImageException("the image " + image + " is not in " + file + "; save it with 'appliance images save'");
      }
    }
    progress.accept("loaded " + names(stack).size() + " images from " + file);
  }

  /** The image names of the stack's services, in order, each once. */
  public static Map<String, String> names(Stack stack) {
    Map<String, String> names = new LinkedHashMap<>();
    stack.services().values().forEach(s -> names.putIfAbsent(imageName(stack, s), s.name()));
    return names;
  }

  /** The service's image, or {@code STACK/SERVICE:latest} for a build without one. */
  public static String imageName(Stack stack, Service service) {
    return service.image().orElse(stack.name() + "/" + service.name() + ":latest");
  }

  private String build(Stack stack, Service service, String image, Path stackDir) throws InterruptedException {
    Stack.Build build = service.build().get();
    Path context = stackDir.resolve(build.context()).normalize();
    progress.accept(image + ": building from " + context);
    String id = engine.build(new ImageBuild(context, context.resolve(build.dockerfile()), image,
        ImageLabels.of(stack.name(), service.name()), build.args()), line -> progress.accept(image + ": " + line));
    progress.accept(image + ": built (" + shortId(id) + ")");
    return id;
  }

  private Optional<String> present(String image) {
    return engine.imageId(image);
  }

  private static String shortId(String id) {
    return id.replace("sha256:", "").substring(0, Math.min(12, id.replace("sha256:", "").length()));
  }
}
