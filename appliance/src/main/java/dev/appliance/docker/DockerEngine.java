package dev.appliance.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.appliance.containers.ContainerSpec;
import dev.appliance.engine.ContainerState;
import dev.appliance.engine.Engine;
import dev.appliance.engine.GuardedEngine;
import dev.appliance.engine.ImageBuild;
import dev.appliance.engine.PortTakenException;
import dev.appliance.images.ImageLabels;
import dev.appliance.stack.ImageRef;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine port on docker-java: the only class that talks to Docker for the supervisor. It is over 300 lines
 * because it is the port's one adapter, a method per operation; split, docker-java would spread again.
 */
public final class DockerEngine implements Engine {

  private final DockerClient docker;

  private DockerEngine(DockerClient docker) {
    this.docker = docker;
  }

  /** The local engine (DOCKER_HOST, else /var/run/docker.sock), guarded and logging to {@code log}. */
  public static Engine connect(Consumer<String> log) {
    return new GuardedEngine(new DockerEngine(DockerClients.connect()), log);
  }

  @Override
  public boolean networkExists(String name) {
    return docker.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> n.getName().equals(name));
  }

  @Override
  public void createNetwork(String name, Map<String, String> labels) {
    docker.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels).exec();
  }

  @Override
  public Optional<ContainerState> inspect(String name) {
    try {
      return Optional.of(state(docker.inspectContainerCmd(name).exec()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private static ContainerState state(InspectContainerResponse container) {
    var state = container.getState();
    var health = state.getHealth();
    String lastProbe = "no healthcheck result yet";
    if (health != null && health.getLog() != null && !health.getLog().isEmpty()) {
      HealthStateLog last = health.getLog().get(health.getLog().size() - 1);
      lastProbe = "last check exit " + last.getExitCodeLong() + ": " + String.valueOf(last.getOutput()).strip();
    }
    var healthcheck = container.getConfig().getHealthcheck();
    List<String> test = healthcheck == null || healthcheck.getTest() == null ? List.of() : healthcheck.getTest();
    Map<String, String> labels = container.getConfig().getLabels() == null ? Map.of() : container.getConfig().getLabels();
    // Docker reports a never-finished container with the zero time, year 1.
    boolean finished = state.getFinishedAt() != null && !state.getFinishedAt().startsWith("0001");
    return new ContainerState(container.getId(), container.getName().replaceFirst("^/", ""), labels,
        Boolean.TRUE.equals(state.getRunning()), state.getExitCodeLong() == null ? 0 : state.getExitCodeLong(), finished,
        health == null ? "none" : health.getStatus(), lastProbe, test);
  }

  @Override
  public String create(ContainerSpec spec, String network) {
    return CreateContainerMapping.applyTo(spec, network, docker.createContainerCmd(spec.image())).exec().getId();
  }

  @Override
  public void start(String name) {
    try {
      docker.startContainerCmd(name).exec();
    } catch (NotModifiedException e) {
      // running already
    } catch (InternalServerErrorException e) {
      Optional<PortTakenException> taken = PortConflict.in(e.getMessage(), name, serviceOf(name));
      throw taken.isPresent() ? taken.get() : e;
    }
  }

  private String serviceOf(String name) {
    return inspect(name).map(c -> c.label(ImageLabels.SERVICE)).filter(s -> !s.isEmpty()).orElse(name);
  }

  @Override
  public void stop(String name, Duration timeout) {
    try {
      docker.stopContainerCmd(name).withTimeout((int) timeout.toSeconds()).exec();
    } catch (NotModifiedException | NotFoundException e) {
      // stopped or gone already
    }
  }

  @Override
  public void remove(String name, String stack, String reason) {
    stop(name, Duration.ofSeconds(20));
    try {
      docker.removeContainerCmd(name).withForce(true).exec();
    } catch (NotFoundException e) {
      // gone already
    }
  }

  @Override
  public boolean removeStopped(String id, String stack, String reason) {
    try {
      docker.removeContainerCmd(id).exec();
      return true;
    } catch (ConflictException e) {
      return false; // running again
    } catch (NotFoundException e) {
      return true;
    }
  }

  @Override
  public List<ContainerState> containers(Map<String, String> labels) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
        .map(DockerEngine::listed).toList();
  }

  private static ContainerState listed(Container c) {
    String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
    return new ContainerState(c.getId(), name, c.getLabels() == null ? Map.of() : c.getLabels(),
        "running".equals(c.getState()), 0, "exited".equals(c.getState()), "none", "", List.of());
  }

  @Override
  public long exec(String name, String user, List<String> command, InputStream stdin, OutputStream stdout,
      StringBuilder stderr) throws InterruptedException {
    var create = docker.execCreateCmd(name).withCmd(command.toArray(String[]::new));
    if (user != null) {
      create.withUser(user);
    }
    String exec = create.withAttachStdin(stdin != null).withAttachStdout(true).withAttachStderr(true).exec().getId();
    var start = docker.execStartCmd(exec);
    if (stdin != null) {
      start.withStdIn(stdin);
    }
    start.exec(new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        try {
          if (frame.getStreamType() == StreamType.STDOUT) {
            stdout.write(frame.getPayload());
          } else {
            stderr.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }).awaitCompletion();
    Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
    return code == null ? -1 : code;
  }

  @Override
  public String logs(String name, int lines) throws InterruptedException {
    StringBuilder text = new StringBuilder();
    try {
      docker.logContainerCmd(name).withStdOut(true).withStdErr(true).withTail(lines)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          }).awaitCompletion();
    } catch (NotFoundException e) {
      return "(no container)";
    }
    return text.toString().stripTrailing();
  }

  @Override
  public OptionalLong awaitExit(String name, Duration timeout) throws InterruptedException {
    try {
      Integer code = docker.waitContainerCmd(name).start().awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
      return code == null ? OptionalLong.empty() : OptionalLong.of(code);
    } catch (DockerClientException e) {
      return OptionalLong.empty(); // the wait timed out
    }
  }

  @Override
  public Closeable onDeath(Map<String, String> labels, Consumer<ContainerState> died) {
    return docker.eventsCmd()
        .withEventTypeFilter(EventType.CONTAINER)
        .withEventFilter("die")
        .withLabelFilter(labels)
        .exec(new ResultCallback.Adapter<Event>() {
          @Override
          public void onNext(Event event) {
            Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                ? Map.of() : event.getActor().getAttributes();
            died.accept(new ContainerState(event.getId() == null ? "" : event.getId(), attributes.getOrDefault("name", ""),
                attributes, false, 0, true, "none", "", List.of()));
          }
        });
  }

  @Override
  public Optional<String> imageId(String reference) {
    try {
      return Optional.of(docker.inspectImageCmd(reference).exec().getId());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void tag(String id, String reference) {
    int colon = reference.lastIndexOf(':');
    docker.tagImageCmd(id, reference.substring(0, colon), reference.substring(colon + 1)).withForce(true).exec();
  }

  @Override
  public boolean untag(String reference) {
    try {
      // Without force and with the image named otherwise too, Docker removes the name alone.
      docker.removeImageCmd(reference).withNoPrune(true).exec();
    } catch (NotFoundException e) {
      // gone already
    } catch (ConflictException e) {
      // The image's last name, and a container uses the image: Docker keeps both.
      return false;
    }
    return true;
  }

  @Override
  public Map<String, String> imageNames(String repositoryPrefix) {
    Map<String, String> names = new java.util.TreeMap<>();
    for (var image : docker.listImagesCmd().exec()) {
      for (String name : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
        if (name.startsWith(repositoryPrefix)) {
          names.put(name, image.getId());
        }
      }
    }
    return names;
  }

  @Override
  public List<String> repoDigests(String id) {
    try {
      List<String> digests = docker.inspectImageCmd(id).exec().getRepoDigests();
      return digests == null ? List.of() : List.copyOf(digests);
    } catch (NotFoundException e) {
      return List.of();
    }
  }

  @Override
  public Optional<String> address(String container, String network) {
    try {
      var networks = docker.inspectContainerCmd(container).exec().getNetworkSettings().getNetworks();
      return Optional.ofNullable(networks.get(network)).map(n -> n.getIpAddress()).filter(ip -> !ip.isEmpty());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void rename(String name, String newName, String stack) {
    docker.renameContainerCmd(name).withName(newName).exec();
  }

  @Override
  public Map<String, String> imageLabels(String id) {
    try {
      var config = docker.inspectImageCmd(id).exec().getConfig();
      return config == null || config.getLabels() == null ? Map.of() : config.getLabels();
    } catch (NotFoundException e) {
      return Map.of();
    }
  }

  @Override
  public String build(ImageBuild build, Consumer<String> progress) throws InterruptedException {
    var command = docker.buildImageCmd(build.context().toFile())
        .withDockerfile(build.dockerfile().toFile())
        .withTags(Set.of(build.tag()))
        .withLabels(build.labels())
        .withPull(false);
    build.args().forEach(command::withBuildArg);
    command.exec(new BuildImageResultCallback() {
      @Override
      public void onNext(BuildResponseItem item) {
        if (item.getStream() != null && item.getStream().startsWith("Step ")) {
          progress.accept(item.getStream().strip());
        }
        super.onNext(item);
      }
    }).awaitImageId(30, TimeUnit.MINUTES);
    return docker.inspectImageCmd(build.tag()).exec().getId();
  }

  @Override
  public void pull(String repository, String tagOrDigest) throws InterruptedException {
    docker.pullImageCmd(repository).withTag(tagOrDigest).start().awaitCompletion(30, TimeUnit.MINUTES);
  }

  @Override
  public String load(InputStream archive) throws InterruptedException {
    return docker.loadImageAsyncCmd(archive).start().awaitMessage().strip();
  }

  @Override
  public void save(List<String> images, OutputStream out) throws IOException {
    var save = docker.saveImagesCmd();
    // docker-java's save names an image as NAME:TAG only; StackImages refuses one without a tag before.
    images.stream().map(ImageRef::parse).map(ImageRef::withDefaultTag)
        .forEach(image -> save.withImage(image.name(), image.tag().orElseThrow()));
    try (InputStream archive = save.exec()) {
      archive.transferTo(out);
    }
  }

  @Override
  public List<String> danglingImages(Map<String, String> labels) {
    return docker.listImagesCmd().withDanglingFilter(true).withLabelFilter(labels).exec().stream()
        .map(i -> i.getId()).toList();
  }

  @Override
  public boolean removeImage(String id, String stack, String reason) {
    try {
      docker.removeImageCmd(id).exec();
      return true;
    } catch (ConflictException e) {
      return false;
    } catch (NotFoundException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    docker.close();
  }
}
