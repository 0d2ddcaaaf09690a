package dev.appliance.cli;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.appliance.containers.StackContainers;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.images.ImageLabels;
import dev.appliance.steps.Installation;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code appliance cleanup}. */
@Command(name = "cleanup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Removes the appliance's own stopped containers and its dangling images: only what carries the"
        + " label appliance.managed=true, never anything else on this engine."})
final class CleanupCommand extends StepCommand {

  @Override
  int run(Installation installation) throws Exception {
    var docker = installation.docker();
    int containers = 0;
    StackContainers stack = new StackContainers(docker, installation.stackShape(), installation.root(), Map.of(),
        installation.log());
    for (Container container : stack.containers()) {
      if (!"running".equals(container.getState())) {
        try {
          docker.removeContainerCmd(container.getId()).exec();
          installation.log().accept("removed container " + String.join(",", container.getNames()));
          containers++;
        } catch (NotFoundException e) {
          // removed meanwhile
        }
      }
    }
    int images = 0;
    for (Image image : docker.listImagesCmd().withDanglingFilter(true)
        .withLabelFilter(Map.of(ImageLabels.MANAGED, "true")).exec()) {
      try {
        docker.removeImageCmd(image.getId()).exec();
        images++;
      } catch (ConflictException e) {
        installation.log().accept("kept image " + image.getId() + ": still used");
      }
    }
    installation.log().accept("cleanup: removed " + containers + " containers and " + images + " dangling images");
    return Cli.OK;
  }
}
