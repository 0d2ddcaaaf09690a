package dev.appliance.env.cli;

import dev.appliance.env.files.SecretFiles;
import dev.appliance.env.newenv.EnvTemplate;
import dev.appliance.env.newenv.EnvWriter;
import dev.appliance.env.secrets.DnsRecords;
import dev.appliance.env.secrets.SecretGenerator;
import dev.appliance.env.secrets.WireGuardKey;
import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.types.DomainNameType;
import dev.appliance.env.validate.EnvCheck;
import dev.appliance.env.validate.EnvironmentChecks;
import dev.appliance.env.validate.Nodes;
import dev.appliance.env.yaml.ConfigProblem;
import dev.appliance.env.yaml.YamlReader;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack.SecretRequest;
import dev.appliance.stack.StackFile;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code env-new DOMAIN DIR}: writes a complete DIR/env.yml with every secret generated, and never overwrites one. */
@Command(name = "env-new", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {"Writes DIR/env.yml for DOMAIN with every secret generated (mode 0600, DIR 0700), and prints the DNS"
        + " records to publish. An existing env.yml is never overwritten.", "",
        "Exit codes: 0 written, 2 bad input (invalid domain, env.yml exists, invalid --extra), 1 failure."})
public final class EnvNewCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DOMAIN", description = "Public DNS name of the appliance, like app.example.org.")
  String domain;

  @Parameters(index = "1", paramLabel = "DIR", description = "Directory to write env.yml into (created if missing).")
  Path dir;

  @Option(names = "--extra", paramLabel = "FILE",
      description = "YAML presets merged into the new env: ssh keys, alerting, update settings, ...")
  Path extra;

  @Option(names = "--stack", paramLabel = "FILE",
      description = "The application's stack.yml: the secrets its x-appliance/secrets declares are generated"
          + " (default: those of the reference stack, SECRET_KEY and VAULT_PGP_KEY).")
  Path stack;

  @Option(names = "--environment", paramLabel = "KIND", defaultValue = "production",
      description = "production (default), staging, qa or development. A new production env lacks what only you can"
          + " give (a backup target off the machine, an alert channel): env-new lists it, and env-build refuses the env"
          + " until it is there.")
  String environment;

  private final Clock clock;

  public EnvNewCommand() {
    this(Clock.systemUTC());
  }

  EnvNewCommand(Clock clock) {
    this.clock = clock;
  }

  public static void main(String... args) {
    Cli.main(new EnvNewCommand(), args);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    DomainNameType.problem(domain).ifPresent(why -> {
      throw new Cli.BadInputException("'" + domain + "' is not a valid domain name: " + why.message() + "; fix: " + why.fix());
    });
    if (environment.equals("backup")) {
      throw new Cli.BadInputException("--environment backup: " + EnvironmentChecks.BACKUP_REFUSED + "; fix: "
          + EnvironmentChecks.BACKUP_FIX);
    }
    if (!List.of("production", "staging", "qa", "development").contains(environment)) {
      throw new Cli.BadInputException("--environment must be production, staging, qa or development, not '"
          + environment + "'");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new Cli.BadInputException(dir + " is not a directory; give the directory that env.yml should go into");
    }
    Path target = dir.resolve("env.yml");
    if (Files.exists(target)) {
      throw new Cli.BadInputException(target + " already exists; env-new never overwrites an env. "
          + "Move it away or choose another DIR.");
    }
    Map<String, Object> presets = extra == null ? Map.of() : presets(extra);
    List<SecretRequest> appSecrets = stack == null ? EnvTemplate.DEFAULT_APP_SECRETS : stackSecrets(stack);

    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    EnvTemplate template = EnvTemplate.create(domain, environment, appSecrets, new SecretGenerator(new SecureRandom()), now);
    EnvTemplate.merge(template.values(), presets);
    String text = EnvWriter.write(template.values(), List.of(
        "env.yml of " + domain + " (" + environment + "), made by env-new " + VersionProvider.version() + " on " + now + ".",
        "It holds every secret of this installation: keep it private, and keep the recovery sheet from env-build.",
        "Check it after every edit with 'env-check env.yml'; every key is explained in docs/env-reference.md."));
    EnvCheck.Result check = EnvCheck.text(text, "env.yml");
    // What production still needs is the operator's to give; anything else would be env-new's own mistake.
    if (check.problems().size() != check.productionNeeds().size()) {
      throw new IllegalStateException("the new env does not pass env-check: " + check.problems().stream()
          .filter(p -> !check.productionNeeds().contains(p))
          .map(p -> p.format(target.toString())).collect(Collectors.joining("; ")));
    }
    try {
      SecretFiles.createDirectory(target.toAbsolutePath().getParent());
      SecretFiles.writeNew(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (FileAlreadyExistsException e) {
      throw new Cli.BadInputException(target + " already exists; env-new never overwrites an env.");
    }

    out.println("env-new: wrote " + target + " (mode 0600) for " + domain + ", environment " + environment + ".");
    out.println("It holds every secret of this installation. Keep it private; never send it unencrypted.");
    warnIfOpen(target.toAbsolutePath().getParent());
    out.println();
    DnsRecords.forDomain(domain, "default", template.dkim().publicKeyBase64()).forEach(out::println);
    printHints(out, check, target);
    out.println("Next: edit " + target + ", then check it with 'env-check " + target + "'.");
    return Cli.OK;
  }

  /** The VPN's public key, and what a production env still needs: the same lines as env-check prints. */
  private static void printHints(PrintWriter out, EnvCheck.Result check, Path target) {
    vpnPublicKey(check).ifPresent(key -> {
      out.println();
      out.println("The appliance's WireGuard public key (for the peers of appliance/vpn): " + key);
    });
    out.println();
    if (!check.productionNeeds().isEmpty() || !check.warnings().isEmpty()) {
      out.println("Before env-build, this production env still needs what env-check says here"
          + " (a warning does not stop env-build):");
      Report.lines(check.productionNeeds(), check.warnings(), target.toString()).forEach(out::println);
      out.println();
    }
  }

  /** The public half of the env's VPN key, as the presets left it. */
  private static Optional<String> vpnPublicKey(EnvCheck.Result check) {
    return check.root().flatMap(root -> Nodes.text(root, EnvSchema.VPN_PRIVATE_KEY))
        .map(key -> WireGuardKey.of(key).publicKey());
  }

  /** The secrets {@code file} declares; its problems are printed with their positions. */
  private List<SecretRequest> stackSecrets(Path file) throws java.io.IOException {
    if (!Files.isRegularFile(file)) {
      throw new Cli.BadInputException("cannot read --stack " + file + ": no such file");
    }
    try {
      return StackFile.read(file, Interpolation.deferred()).appliance().secrets();
    } catch (StackFile.InvalidStackException e) {
      e.lines().forEach(spec.commandLine().getOut()::println);
      throw new Cli.BadInputException("--stack " + file + " has problems; nothing was written");
    }
  }

  /** Reads and checks the --extra presets; their problems are reported with the preset file's own positions. */
  private Map<String, Object> presets(Path file) throws java.io.IOException {
    if (!Files.isRegularFile(file)) {
      throw new Cli.BadInputException("cannot read --extra " + file + ": no such file");
    }
    EnvCheck.Result check = EnvCheck.fragment(file);
    if (!check.valid()) {
      PrintWriter out = spec.commandLine().getOut();
      for (ConfigProblem problem : check.problems()) {
        out.println(problem.format(file.toString()));
      }
      throw new Cli.BadInputException("--extra " + file + " has " + check.problems().size() + " problem(s); nothing was written");
    }
    // The values of the very document that was checked: reading the file again could give another one.
    Object loaded = YamlReader.values(check.root().orElseThrow());
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) loaded;
    if (map.get("appliance") instanceof Map<?, ?> appliance && appliance.containsKey("domain")) {
      throw new Cli.BadInputException("--extra " + file + " sets appliance/domain; give the domain as DOMAIN instead");
    }
    return map;
  }

  private void warnIfOpen(Path directory) throws java.io.IOException {
    var permissions = Files.getPosixFilePermissions(directory);
    if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
      spec.commandLine().getErr().println("env-new: warning: " + directory + " can be entered by other users; "
          + "consider 'chmod 700 " + directory + "'");
    }
  }
}
