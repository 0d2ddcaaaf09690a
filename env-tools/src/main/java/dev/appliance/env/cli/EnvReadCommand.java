package dev.appliance.env.cli;

import dev.appliance.env.build.qr.EnvReader;
import dev.appliance.env.build.qr.FrameSetException;
import dev.appliance.env.build.qr.QrFrames;
import dev.appliance.env.build.qr.UnreadableImageException;
import dev.appliance.env.files.SecretFiles;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code env-read IMAGE...}: rebuilds env.yml from scans or photos of the recovery sheet's QR codes. */
@Command(name = "env-read", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {"Rebuilds env.yml from scans or photos (PNG or JPEG) of the QR pages of its recovery sheet: one file"
        + " or many, in any order, pages possibly rotated. The result is checked against the checksum in the codes;"
        + " missing codes are listed. The output is written with mode 0600 and never overwrites a file.", "",
        "Exit codes: 0 written, 2 bad input (codes missing, codes of two envs, unreadable image, output exists), 1 failure."})
public final class EnvReadCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Scans or photos of the pages with the QR codes.")
  List<Path> images;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "env.yml",
      description = "Where to write the env (default: env.yml).")
  Path output;

  public static void main(String... args) {
    Cli.main(new EnvReadCommand(), args);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (Files.exists(output)) {
      throw new Cli.BadInputException(output + " already exists; env-read never overwrites a file. Choose another --output.");
    }
    byte[] env;
    try {
      env = EnvReader.read(images, line -> out.println("env-read: " + line));
    } catch (FrameSetException e) {
      throw new Cli.BadInputException(e.getMessage() + "; nothing was written");
    } catch (UnreadableImageException e) {
      throw new Cli.BadInputException(e.getMessage());
    }
    try {
      SecretFiles.writeNew(output, env);
    } catch (FileAlreadyExistsException e) {
      throw new Cli.BadInputException(output + " already exists; env-read never overwrites a file.");
    }
    out.println("env-read: wrote " + output + " (" + env.length + " bytes, SHA-256 " + QrFrames.sha256(env).toLowerCase()
        + "); check it with 'env-check " + output + "'");
    return Cli.OK;
  }
}
