package dev.appliance.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The appliance's SSH policy, {@code /etc/ssh/sshd_config.d/10-appliance.conf}: keys only, no root, three tries,
 * only the operators and the image's default user. Its directives are also what {@code sshd -T} must show.
 */
record SshPolicy(Map<String, List<String>> directives) {

  static final String PATH = "/etc/ssh/sshd_config.d/10-appliance.conf";

  SshPolicy {
    directives = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(directives));
  }

  /** The policy that lets in {@code appliance-operators} and, if there is one, the default user's group. */
  static SshPolicy of(Optional<String> defaultUserGroup) {
    Map<String, List<String>> directives = new LinkedHashMap<>();
    directives.put("PermitRootLogin", List.of("no"));
    directives.put("PasswordAuthentication", List.of("no"));
    directives.put("KbdInteractiveAuthentication", List.of("no"));
    directives.put("PermitEmptyPasswords", List.of("no"));
    directives.put("AuthenticationMethods", List.of("publickey"));
    directives.put("MaxAuthTries", List.of("3"));
    directives.put("X11Forwarding", List.of("no"));
    // Operators' keys are root's files (see OperatorFiles); the default user's stay where cloud-init writes them.
    directives.put("AuthorizedKeysFile", List.of(OperatorFiles.KEYS + "/%u", ".ssh/authorized_keys"));
    directives.put("AllowGroups", defaultUserGroup.map(g -> List.of(AccountCommands.OPERATORS, g))
        .orElse(List.of(AccountCommands.OPERATORS)));
    return new SshPolicy(directives);
  }

  String text() {
    StringBuilder text = new StringBuilder("# The appliance's SSH policy, written by prepare-appliance (checked with"
        + " sshd -t first); the first value sshd reads wins, so this file comes first.\n");
    directives.forEach((key, values) -> text.append(key).append(' ').append(String.join(" ", values)).append('\n'));
    return text.toString();
  }

  /** Each directive as {@code sshd -T} prints it: the key in lower case, one line per value of AllowGroups only. */
  Map<String, List<String>> effective() {
    Map<String, List<String>> effective = new LinkedHashMap<>();
    directives.forEach((key, values) -> effective.put(key.toLowerCase(Locale.ROOT),
        key.equals("AllowGroups") ? values : List.of(String.join(" ", values))));
    return effective;
  }
}
