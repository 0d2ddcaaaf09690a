package dev.appliance.engine;

import dev.appliance.containers.ContainerSpec;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The container engine as the appliance uses it, and nothing more: the one way to Docker. The docker-java adapter
 * implements it, a fake implements it for the unit tests, and {@link GuardedEngine} wraps whichever is used, so that
 * every removal is logged and only what carries the appliance's labels is ever removed.
 */
public interface Engine extends Closeable {

  // Networks

  boolean networkExists(String name);

  void createNetwork(String name, Map<String, String> labels);

  // Containers

  /** The container called {@code name}, if it exists. */
  Optional<ContainerState> inspect(String name);

  /** Creates the container of {@code spec} (not started) on {@code network}; returns its ID. */
  String create(ContainerSpec spec, String network);

  /**
   * Starts the container; one that runs already is left alone.
   *
   * @throws PortTakenException if a port it publishes is taken on this machine
   */
  void start(String name);

  /** Stops the container within {@code timeout}, then kills it; a stopped or missing one is left alone. */
  void stop(String name, Duration timeout);

  /**
   * Removes the container, stopping it first. Callers go through {@link GuardedEngine}, which refuses what is not
   * the stack's own.
   *
   * @param reason why, for the log
   */
  void remove(String name, String stack, String reason);

  /**
   * Removes the container only if it is stopped (never stopping or killing it); false if it runs. Callers go
   * through {@link GuardedEngine}.
   */
  boolean removeStopped(String id, String stack, String reason);

  /** The containers carrying every label of {@code labels}, running or not. */
  List<ContainerState> containers(Map<String, String> labels);

  /** Runs {@code command} as {@code user} (null: the image's) in the running container; returns its exit code. */
  default long exec(String name, String user, List<String> command, OutputStream stdout, StringBuilder stderr)
      throws InterruptedException {
    return exec(name, user, command, null, stdout, stderr);
  }

  /**
   * Runs {@code command} as {@code exec} does, its standard input read from {@code stdin} (null: none attached). The
   * input's end does not reach the command (docker-java does not pass it on): the command must know how much to
   * read, as {@code head -c BYTES} does.
   */
  long exec(String name, String user, List<String> command, InputStream stdin, OutputStream stdout, StringBuilder stderr)
      throws InterruptedException;

  /** The container's last {@code lines} lines of output. */
  String logs(String name, int lines) throws InterruptedException;

  /** Waits for the container to exit; its exit code, or empty if it still ran after {@code timeout}. */
  OptionalLong awaitExit(String name, Duration timeout) throws InterruptedException;

  /** Reports each container carrying {@code labels} that dies, until closed. */
  Closeable onDeath(Map<String, String> labels, Consumer<ContainerState> died);

  // Images

  /** The ID of the image {@code reference} names, if the engine has it. */
  Optional<String> imageId(String reference);

  /** Gives the image {@code id} the name {@code reference} too ({@code REPOSITORY:TAG}); a name it had moves here. */
  void tag(String id, String reference);

  /**
   * Takes the name {@code reference} off its image; the image stays while it has another name. False when the name
   * stays because it is the image's last and a container (another stack's, say) still uses the image.
   */
  boolean untag(String reference);

  /** The image names of the engine that start with {@code repositoryPrefix}, each with its image ID. */
  Map<String, String> imageNames(String repositoryPrefix);

  /** The container's IP address on {@code network}, if it is connected there. */
  Optional<String> address(String container, String network);

  /** The {@code REPOSITORY@sha256:...} names of the image, one per registry it was pulled from or pushed to. */
  List<String> repoDigests(String id);

  /** Renames a container (its network aliases stay). Callers go through {@link GuardedEngine}. */
  void rename(String name, String newName, String stack);

  /** The labels of the image, empty if there is none. */
  Map<String, String> imageLabels(String id);

  /** Builds an image, pulling nothing; progress lines go to {@code progress}; returns its ID. */
  String build(ImageBuild build, Consumer<String> progress) throws InterruptedException;

  /** Pulls {@code repository:tag} (or {@code repository@digest}); a failure leaves the image missing. */
  void pull(String repository, String tagOrDigest) throws InterruptedException;

  /** Loads a {@code docker save} archive; returns the engine's answer. */
  String load(InputStream archive) throws InterruptedException;

  /** Writes {@code images} as one {@code docker save} archive to {@code out}. */
  void save(List<String> images, OutputStream out) throws IOException;

  /** The IDs of the dangling images carrying {@code labels}. */
  List<String> danglingImages(Map<String, String> labels);

  /**
   * Removes an image; false if a container still uses it. Callers go through {@link GuardedEngine}.
   *
   * @param reason why, for the log
   */
  boolean removeImage(String id, String stack, String reason);
}
