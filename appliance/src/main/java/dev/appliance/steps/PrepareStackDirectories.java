package dev.appliance.steps;

import dev.appliance.env.cli.Cli;
import dev.appliance.stack.Stack;
import dev.appliance.storage.StorageLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bind-mounted directories the stack declares in {@code x-appliance/directories}, made with the owner and mode
 * it asks for, so that an application running as another user than root can write its own files there.
 */
final class PrepareStackDirectories implements Step {

  private final List<Stack.Directory> directories;

  private PrepareStackDirectories(List<Stack.Directory> directories) {
    this.directories = directories;
  }

  /**
   * The step for {@code stack}, after checking that it declares none of the appliance's own directories (whose
   * owners and modes the layout sets).
   */
  static PrepareStackDirectories of(Stack stack) {
    for (Stack.Directory directory : stack.appliance().directories()) {
      StorageLayout.DIRS.stream().filter(own -> own.path().equals(directory.path())).findFirst().ifPresent(own -> {
        throw new Cli.BadInputException("x-appliance/directories: " + directory.path() + " is the appliance's own ("
            + own.uid() + ":" + own.gid() + " " + own.mode() + "); remove it from the stack's directories");
      });
    }
    return new PrepareStackDirectories(stack.appliance().directories());
  }

  @Override
  public String name() {
    return "stack directories";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    if (directories.isEmpty()) {
      return Optional.of("none declared (x-appliance/directories)");
    }
    List<String> differ = new ArrayList<>();
    for (Stack.Directory directory : directories) {
      Path path = context.root().resolve(directory.path());
      if (!Files.isDirectory(path)
          || !context.root().ownership().has(path, directory.uid(), directory.gid(), directory.mode())) {
        differ.add(directory.path());
      }
    }
    return differ.isEmpty() ? Optional.of("in place with their owners and modes") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    for (Stack.Directory directory : directories) {
      Path path = context.root().resolve(directory.path());
      context.root().files().createDirectories(path);
      context.root().files().own(path, directory.uid(), directory.gid(), directory.mode());
      context.log().accept(directory.path() + ": " + directory.uid() + ":" + directory.gid() + " " + directory.mode());
    }
  }
}
