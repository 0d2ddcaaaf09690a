package dev.appliance.steps;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.appliance.containers.ContainerSpec;
import dev.appliance.docker.DockerClients;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.host.HostRoot;
import dev.appliance.images.StackImages;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * This machine's appliance as every step sees it: the root, the stack file, the published ports, the free-space
 * minimum, where progress lines go, and (opened on first use) the Docker engine.
 */
public final class Installation implements AutoCloseable {

  private final HostRoot root;
  private final Path stackFile;
  private final Path bakedImages;
  private final int httpPort;
  private final int httpsPort;
  private final long minimumFreeMib;
  private final Consumer<String> log;
  private DockerClient docker;

  public Installation(HostRoot root, Path stackFile, Path bakedImages, int httpPort, int httpsPort, long minimumFreeMib,
      Consumer<String> log) {
    this.root = root;
    this.stackFile = stackFile.toAbsolutePath();
    this.bakedImages = bakedImages;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.minimumFreeMib = minimumFreeMib;
    this.log = log;
  }

  public HostRoot root() {
    return root;
  }

  public Path stackDir() {
    return stackFile.getParent();
  }

  /** The stack's images, logged as progress lines, with the archive baked into the machine to fall back on. */
  public StackImages images() {
    return new StackImages(docker(), line -> log.accept("images: " + line), bakedImages);
  }

  /** Whether this is the machine's own root on a machine booted with systemd (not a test root, not a container). */
  public boolean underSystemd() {
    return root.isSystem() && Files.isDirectory(Path.of("/run/systemd/system"));
  }

  public int httpsPort() {
    return httpsPort;
  }

  public long minimumFreeMib() {
    return minimumFreeMib;
  }

  public Consumer<String> log() {
    return log;
  }

  /** The stack with every {@code ${NAME}} resolved from {@code env}. */
  public Stack stack(EnvConfig env) throws IOException {
    return read(Interpolation.of(StackVariables.of(env, httpPort, httpsPort)));
  }

  /** The stack's shape (names, order, images) without an env; values that need one stay unresolved. */
  public Stack stackShape() throws IOException {
    return read(Interpolation.deferred());
  }

  private Stack read(Interpolation interpolation) throws IOException {
    if (!Files.isRegularFile(stackFile)) {
      throw new Cli.BadInputException("there is no stack file " + stackFile + "; give it with --stack FILE");
    }
    try {
      return StackFile.read(stackFile, interpolation);
    } catch (StackFile.InvalidStackException e) {
      e.lines().forEach(log);
      throw new Cli.BadInputException(stackFile + " is not a stack the appliance can run; fix the problems above");
    }
  }

  /**
   * Starts the front proxy's container if it exists from an earlier run, so that the maintenance page is served
   * even when the chain cannot go on (invalid env, failure, standby). Best effort: without it nothing is served.
   */
  public void startFrontIfCreated() {
    try {
      Stack shape = stackShape();
      shape.appliance().proxy().ifPresent(proxy -> {
        String name = ContainerSpec.containerName(shape, proxy);
        try {
          docker().startContainerCmd(name).exec();
          log.accept("front proxy started to show the maintenance page");
        } catch (NotModifiedException e) {
          // running already
        } catch (NotFoundException e) {
          log.accept("no front proxy container yet; the maintenance page is written but not served");
        }
      });
    } catch (IOException | RuntimeException e) {
      log.accept("front proxy not started: " + e.getMessage());
    }
  }

  /** The engine, connected on first use. */
  public DockerClient docker() {
    if (docker == null) {
      docker = DockerClients.connect();
    }
    return docker;
  }

  @Override
  public void close() throws IOException {
    if (docker != null) {
      docker.close();
    }
  }
}
