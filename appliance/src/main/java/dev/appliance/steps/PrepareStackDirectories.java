package dev.appliance.steps;

import dev.appliance.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bind-mounted directories the stack declares in {@code x-appliance/directories}, made with the owner and mode
 * it asks for, so that an application running as another user than root can write its own files there.
 */
public final class PrepareStackDirectories implements Step {

  private final List<Stack.Directory> directories;

  private PrepareStackDirectories(List<Stack.Directory> directories) {
    this.directories = directories;
  }

  /** The step for {@code stack}, whose reader refused the appliance's own directories. */
  /** Makes the directories of {@code stack} as its step would (an update's new stack, before it starts). */
  public static void prepare(StepContext context, Stack stack) throws Exception {
    new Recipe("update", java.util.List.of(of(stack))).run(context);
  }

  static PrepareStackDirectories of(Stack stack) {
    return new PrepareStackDirectories(stack.appliance().directories());
  }

  /**
   * Refuses a symbolic link on the way from the root to {@code path}: a container can plant one in a directory it
   * mounts, and the appliance, running as root, must not give the owner and mode to where it points.
   */
  private static void refuseLinks(StepContext context, Path path) throws IOException {
    for (Path at = path; at.startsWith(context.root().dir()) && !at.equals(context.root().dir()); at = at.getParent()) {
      if (Files.isSymbolicLink(at)) {
        throw new IOException(at + " is a symbolic link (planted by a container?); the appliance gives owners and"
            + " modes to directories only: remove the link, then run prepare-appliance again");
      }
    }
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
      refuseLinks(context, path);
      if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
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
      refuseLinks(context, path);
      context.root().files().createDirectories(path);
      context.root().files().own(path, directory.uid(), directory.gid(), directory.mode());
      context.log().accept(directory.path() + ": " + directory.uid() + ":" + directory.gid() + " " + directory.mode());
    }
  }
}
