package dev.appliance.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Builds, saves and loads every image of a stack. */
public final class StackImages {

  private final DockerClient docker;
  private final Consumer<String> progress;
  private final Path baked;
  private boolean bakedLoaded;

  public StackImages(DockerClient docker, Consumer<String> progress) {
    this(docker, progress, null);
  }

  /**
   * With {@code baked}, the archive an image was provisioned with ({@code appliance images save}): a missing image is
   * loaded from it before it is built or pulled, so that a machine whose Docker data was lost needs no registry.
   */
  public StackImages(DockerClient docker, Consumer<String> progress, Path baked) {
    this.docker = docker;
    this.progress = progress;
    this.baked = baked;
  }

  /** A stack image that is neither buildable nor present. */
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
    java.util.Optional<String> id = present(image);
    if (id.isEmpty() && loadBaked()) {
      id = present(image);
    }
    if (id.isEmpty() && service.build().isPresent()) {
      id = java.util.Optional.of(build(stack, service, image, stackDir));
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
      progress.accept(docker.loadImageAsyncCmd(archive).start().awaitMessage().strip());
      return true;
    } catch (IOException | RuntimeException e) {
      progress.accept("cannot load " + baked + ": " + e.getMessage());
      return false;
    }
  }

  private java.util.Optional<String> pull(String image) throws InterruptedException {
    progress.accept(image + ": pulling");
    try {
      docker.pullImageCmd(repository(image)).withTag(tag(image)).start().awaitCompletion(30, TimeUnit.MINUTES);
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
      if (present(image).isEmpty()) {
        throw new MissingImageException("the image " + image + " is not in the engine; run 'appliance images build' first");
      }
    }
    var save = docker.saveImagesCmd();
    images.forEach(image -> save.withImage(repository(image), tag(image)));
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try (InputStream archive = save.exec(); OutputStream out = Files.newOutputStream(temp)) {
      long bytes = archive.transferTo(out);
      progress.accept("saved " + images.size() + " images (" + bytes / (1024 * 1024) + " MiB) to " + file);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Loads an archive written by {@link #save} and checks that every image of {@code stack} is then present. The
   * asynchronous command waits for the engine's answer: the plain one returns before the layers are imported.
   */
  public void load(Stack stack, Path file) throws IOException, MissingImageException, InterruptedException {
    try (InputStream archive = Files.newInputStream(file)) {
      String message = docker.loadImageAsyncCmd(archive).start().awaitMessage();
      progress.accept(message.strip());
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
    var command = docker.buildImageCmd(context.toFile())
        .withDockerfile(context.resolve(build.dockerfile()).toFile())
        .withTags(java.util.Set.of(image))
        .withLabels(ImageLabels.of(stack.name(), service.name()))
        .withPull(false);
    build.args().forEach(command::withBuildArg);
    String id = command.exec(new BuildImageResultCallback() {
      @Override
      public void onNext(BuildResponseItem item) {
        if (item.getStream() != null && item.getStream().startsWith("Step ")) {
          progress.accept(image + ": " + item.getStream().strip());
        }
        super.onNext(item);
      }
    }).awaitImageId(30, TimeUnit.MINUTES);
    progress.accept(image + ": built (" + shortId(id) + ")");
    return docker.inspectImageCmd(image).exec().getId();
  }

  private java.util.Optional<String> present(String image) {
    try {
      return java.util.Optional.of(docker.inspectImageCmd(image).exec().getId());
    } catch (NotFoundException e) {
      return java.util.Optional.empty();
    }
  }

  private static String repository(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
  }

  private static String tag(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
  }

  private static String shortId(String id) {
    return id.replace("sha256:", "").substring(0, Math.min(12, id.replace("sha256:", "").length()));
  }
}
