package dev.appliance.env.cli;

import dev.appliance.env.docs.EnvReference;
import dev.appliance.env.validate.EnvCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code env-check FILE}: prints every problem of an env.yml as FILE:LINE:COLUMN: message, never a secret. */
@Command(name = "env-check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {"Checks an env.yml and prints every problem as FILE:LINE:COLUMN: message. Secret values are never"
        + " printed.", "",
        "Warnings (FILE:LINE:COLUMN: warning: ...) do not make the env invalid. In production (appliance/environment)"
            + " the backups must leave the machine, alerts need a channel, and the certificate must be trusted.", "",
        "Exit codes: 0 the env is valid (prints 'ok', after its warnings), 2 it has problems or cannot be read,"
            + " 1 internal failure."})
public final class EnvCheckCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "The env.yml to check.")
  Path file;

  @Option(names = "--reference", description = "Print the reference of every env key (Markdown) and exit.")
  boolean reference;

  public static void main(String... args) {
    Cli.main(new EnvCheckCommand(), args);
  }

  @Override
  public Integer call() throws IOException {
    if (reference) {
      spec.commandLine().getOut().print(EnvReference.markdown());
      return Cli.OK;
    }
    if (file == null) {
      throw new Cli.BadInputException("missing FILE; usage: env-check FILE");
    }
    if (!Files.isRegularFile(file)) {
      throw new Cli.BadInputException("cannot read " + file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
    }
    if (!Files.isReadable(file)) {
      throw new Cli.BadInputException("cannot read " + file + ": permission denied");
    }
    EnvCheck.Result result = EnvCheck.file(file);
    var out = spec.commandLine().getOut();
    Report.lines(result, file.toString()).forEach(out::println);
    if (result.valid()) {
      out.println("ok");
      return Cli.OK;
    }
    int n = result.problems().size();
    spec.commandLine().getErr().println("env-check: " + n + (n == 1 ? " problem" : " problems") + " in " + file);
    return Cli.BAD_INPUT;
  }
}
