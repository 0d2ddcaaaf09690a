package dev.appliance.firewall;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.env.process.ProcessRunner.ProcessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real nft, each command in a network namespace of its own that ends with it, so that nothing reaches this
 * machine's rules: as root {@code unshare --net}, otherwise also in a user namespace where the caller is root.
 */
final class PrivateNft {

  static final NftCommands COMMANDS = new NftCommands(prefix());

  private PrivateNft() {}

  private static List<String> prefix() {
    List<String> prefix = new ArrayList<>(List.of("unshare"));
    if (!"root".equals(System.getProperty("user.name"))) {
      prefix.addAll(List.of("--user", "--map-root-user"));
    }
    prefix.add("--net");
    return prefix;
  }

  /** nft's complaint about {@code rules}, or empty when {@code nft -c} accepts them. */
  static Optional<String> check(String rules, Path dir) throws IOException {
    Path file = Files.writeString(Files.createTempFile(dir, "rules", ".nft"), rules);
    try {
      new ProcessRunner().run(COMMANDS.check(file), Duration.ofSeconds(30));
      return Optional.empty();
    } catch (ProcessException e) {
      if (e.exitCode() == ProcessRunner.NO_EXIT) {
        throw e;
      }
      return Optional.of(e.stderr());
    }
  }
}
