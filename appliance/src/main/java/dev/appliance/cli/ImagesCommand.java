package dev.appliance.cli;

import dev.appliance.docker.DockerEngine;
import dev.appliance.engine.Engine;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.images.StackImages;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code appliance images build|save|load}: the stack's images, built offline and moved as one archive. */
@Command(name = "images", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Builds the stack's images (nothing is pulled), or saves and loads all of them as one archive.",
    subcommands = {ImagesCommand.Build.class, ImagesCommand.Save.class, ImagesCommand.Load.class})
public final class ImagesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  ApplianceCommand top;

  @Option(names = "--stack", paramLabel = "FILE", description = "The stack file (default: the global --stack).")
  Path stack;

  private Path stackFile() throws java.io.IOException {
    return stack != null ? stack : top.stackFile();
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Cli.BAD_INPUT;
  }

  Stack readStack() throws Exception {
    Path file = stackFile();
    if (!Files.isRegularFile(file)) {
      throw new Cli.BadInputException("cannot read the stack file " + file);
    }
    try {
      // Image names and build contexts need no values from the env.
      return StackFile.read(file, Interpolation.deferred());
    } catch (StackFile.InvalidStackException e) {
      e.lines().forEach(spec.commandLine().getOut()::println);
      throw new Cli.BadInputException(file + " is not a stack the appliance can run; fix the problems above");
    }
  }

  /** What a subcommand does with the stack's images. */
  @FunctionalInterface
  interface Action {
    void apply(StackImages images, Stack stack) throws Exception;
  }

  /** Reads the stack, connects to the engine and runs {@code action}; a missing image is bad input. */
  int run(Action action) throws Exception {
    Stack read = readStack();
    PrintWriter out = spec.commandLine().getOut();
    try (Engine engine = DockerEngine.connect(out::println)) {
      action.apply(new StackImages(engine, line -> out.println("images: " + line)), read);
    } catch (StackImages.MissingImageException e) {
      throw new Cli.BadInputException(e.getMessage());
    }
    return Cli.OK;
  }

  /** {@code images build}. */
  @Command(name = "build", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Builds every image of the stack from its Dockerfile, pulling nothing; labels it as the appliance's.")
  static final class Build implements Callable<Integer> {
    @ParentCommand
    ImagesCommand parent;

    @Override
    public Integer call() throws Exception {
      return parent.run((images, stack) -> images.build(stack, parent.stackFile().toAbsolutePath().getParent()));
    }
  }

  /** {@code images save FILE}. */
  @Command(name = "save", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Writes every image of the stack into one archive (as docker save does).")
  static final class Save implements Callable<Integer> {
    @ParentCommand
    ImagesCommand parent;

    @Parameters(paramLabel = "FILE", description = "The archive to write.")
    Path file;

    @Override
    public Integer call() throws Exception {
      return parent.run((images, stack) -> images.save(stack, file));
    }
  }

  /** {@code images load FILE}. */
  @Command(name = "load", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Loads an archive written by 'images save' into the engine, and checks every image of the stack is there.")
  static final class Load implements Callable<Integer> {
    @ParentCommand
    ImagesCommand parent;

    @Parameters(paramLabel = "FILE", description = "The archive to load.")
    Path file;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        throw new Cli.BadInputException("cannot read " + file);
      }
      return parent.run((images, stack) -> images.load(stack, file));
    }
  }
}
