package dev.appliance.env.build.iso;

import dev.appliance.env.build.qr.QrFrames;
import dev.appliance.env.files.SecretFiles;
import dev.appliance.env.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Builds env-cidata.iso. The files are staged in a private directory that is wiped afterwards. */
public final class SeedIso {

  /** Files beside env.yml that replace or extend the generated seed files. */
  static final String CUSTOM_META_DATA = "meta-data.custom";
  static final String NETWORK_CONFIG = "network-config";

  private final ProcessRunner runner;
  private final String tool;

  private SeedIso(ProcessRunner runner, String tool) {
    this.runner = runner;
    this.tool = tool;
  }

  /**
   * A builder using xorriso, or genisoimage when xorriso is missing.
   *
   * @throws IOException naming the package to install when neither tool is on the PATH
   */
  public static SeedIso withInstalledTool(ProcessRunner runner) throws IOException {
    String tool = ProcessRunner.firstOnPath("xorriso", "genisoimage").orElseThrow(() -> new IOException(
        "neither xorriso nor genisoimage is installed; install one with 'apt-get install xorriso'"));
    return new SeedIso(runner, tool);
  }

  /**
   * The seed's files: {@code user-data} is env.yml byte for byte; {@code meta-data} names the instance after the
   * env's hash (so a changed env is a new instance to cloud-init) and the host after the domain, unless
   * {@code meta-data.custom} lies beside env.yml; {@code network-config} is copied when it lies there.
   */
  public static Map<String, byte[]> files(Path envFile, byte[] env, String domain) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("user-data", env);
    Path dir = envFile.toAbsolutePath().getParent();
    Path custom = dir.resolve(CUSTOM_META_DATA);
    files.put("meta-data", Files.isRegularFile(custom) ? Files.readAllBytes(custom)
        : ("instance-id: iid-appliance-" + QrFrames.checksum(env).toLowerCase(Locale.ROOT) + "\nlocal-hostname: " + domain + "\n")
            .getBytes(StandardCharsets.UTF_8));
    Path network = dir.resolve(NETWORK_CONFIG);
    if (Files.isRegularFile(network)) {
      files.put(NETWORK_CONFIG, Files.readAllBytes(network));
    }
    return files;
  }

  /** Builds the ISO of {@code files} in a private directory under {@code workDir}, and returns its bytes. */
  public byte[] build(Map<String, byte[]> files, Path workDir) throws IOException {
    Path stage = SecretFiles.temporaryDirectory(workDir, ".env-build-");
    try {
      Path content = stage.resolve("seed");
      SecretFiles.createDirectory(content);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        SecretFiles.replace(content.resolve(file.getKey()), out -> out.write(file.getValue()));
      }
      Path iso = stage.resolve("seed.iso");
      runner.run(IsoCommands.forTool(tool, iso, content), Duration.ofMinutes(2));
      return Files.readAllBytes(iso);
    } finally {
      SecretFiles.wipe(stage);
    }
  }
}
