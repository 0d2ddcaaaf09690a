package dev.appliance.access;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The cloud image's default user ({@code system_info.default_user.name} of {@code /etc/cloud/cloud.cfg}: ubuntu on
 * Ubuntu, debian on Debian), whom cloud-init gives the env's {@code ssh_authorized_keys}; sshd must keep letting it in.
 */
final class DefaultUser {

  private DefaultUser() {}

  /** The group that lets the default user through AllowGroups: its primary group, else its name (cloud-init's). */
  static Optional<String> group(HostRoot root) throws IOException {
    Optional<String> name = name(root.resolve("/etc/cloud/cloud.cfg"));
    if (name.isEmpty()) {
      return Optional.empty();
    }
    HostAccounts accounts = new HostAccounts(root);
    Optional<HostAccounts.Account> account = accounts.account(name.get());
    return account.isPresent() ? accounts.groupName(account.get().gid()).or(() -> name) : name;
  }

  static Optional<String> name(Path cloudConfig) throws IOException {
    if (!Files.isRegularFile(cloudConfig)) {
      return Optional.empty();
    }
    Object config;
    try {
      config = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(cloudConfig));
    } catch (YamlEngineException e) {
      throw new IOException(cloudConfig + " is not YAML cloud-init can read: " + e.getMessage(), e);
    }
    Object name = at(at(config, "system_info"), "default_user") instanceof Map<?, ?> user ? user.get("name") : null;
    return name instanceof String text && text.matches("[a-z_][a-z0-9_-]{0,31}") ? Optional.of(text) : Optional.empty();
  }

  private static Object at(Object node, String key) {
    return node instanceof Map<?, ?> map ? map.get(key) : null;
  }
}
