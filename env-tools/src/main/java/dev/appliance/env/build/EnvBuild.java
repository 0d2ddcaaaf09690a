package dev.appliance.env.build;

import dev.appliance.env.build.iso.SeedIso;
import dev.appliance.env.build.pdf.RecoverySheet;
import dev.appliance.env.build.pgp.EncryptedPackage;
import dev.appliance.env.build.pgp.Recipients;
import dev.appliance.env.build.pgp.Recipients.RecipientsException;
import dev.appliance.env.build.qr.QrFrames;
import dev.appliance.env.build.qr.QrFrames.TooLargeException;
import dev.appliance.env.files.SecretFiles;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.env.model.InvalidEnvException;
import dev.appliance.env.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;

/**
 * Builds the outputs of one env. Everything that can be refused (an invalid env, unusable recipients, an env too
 * large for the sheet, a missing ISO tool) is checked before the first file is written.
 */
public final class EnvBuild {

  public static final String PDF = "env.yml.pdf";
  public static final String ISO = "env-cidata.iso";

  /**
   * What to build.
   *
   * @param env the env.yml
   * @param recipients public keys to encrypt the package to, if a package is wanted
   * @param out the directory for the outputs
   * @param encryptedOnly leave only the encrypted package on disk
   */
  public record Options(Path env, Optional<Path> recipients, Path out, boolean encryptedOnly) {}

  private final ProcessRunner runner;
  private final Consumer<String> progress;

  public EnvBuild(ProcessRunner runner, Consumer<String> progress) {
    this.runner = runner;
    this.progress = progress;
  }

  /** Builds the outputs; returns the files written. */
  public List<Path> run(Options options, Instant now)
      throws InvalidEnvException, RecipientsException, TooLargeException, IOException {
    // One read: the sheet, the seed and the package hold exactly the bytes that were validated.
    byte[] env = Files.readAllBytes(options.env());
    EnvConfig config = EnvLoader.load(options.env(), env);
    String domain = config.appliance().domain().name();
    List<OpenPGPCertificate> recipients = options.recipients().isPresent()
        ? Recipients.read(options.recipients().get(), now) : List.of();
    List<String> frames = QrFrames.encode(env);
    SeedIso seedIso = SeedIso.withInstalledTool(runner);

    byte[] pdf = RecoverySheet.render(domain, env, frames, now);
    progress.accept("recovery sheet: " + frames.size() + " QR codes of env.yml (" + env.length + " bytes)");
    byte[] iso = seedIso.build(SeedIso.files(options.env(), env, domain), workDir(options.out()));
    progress.accept("cloud-init seed: volume id cidata, user-data = env.yml");

    List<Path> written = new ArrayList<>();
    SecretFiles.createDirectory(options.out());
    if (!options.encryptedOnly()) {
      written.add(write(options.out().resolve(PDF), pdf));
      written.add(write(options.out().resolve(ISO), iso));
    }
    if (!recipients.isEmpty()) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put("env.yml", env);
      files.put(PDF, pdf);
      files.put(ISO, iso);
      Path target = options.out().resolve(EncryptedPackage.fileName(domain, now));
      SecretFiles.replace(target, out -> {
        try {
          EncryptedPackage.write(out, recipients, files, now);
        } catch (PGPException e) {
          throw new IOException("cannot encrypt the package: " + e.getMessage(), e);
        }
      });
      progress.accept("encrypted package for " + recipients.size() + (recipients.size() == 1 ? " recipient" : " recipients"));
      written.add(target);
    }
    return written;
  }

  /** Where the ISO's clear-text inputs are staged: memory-backed /dev/shm when there is one, else the output dir. */
  private static Path workDir(Path out) throws IOException {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      return shm;
    }
    SecretFiles.createDirectory(out);
    return out;
  }

  private static Path write(Path target, byte[] bytes) throws IOException {
    SecretFiles.replace(target, out -> out.write(bytes));
    return target;
  }
}
