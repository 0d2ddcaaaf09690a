package dev.appliance.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.alerts.Alert;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SSH login, from sshd's journal line {@code Accepted METHOD for USER from ADDRESS port N ssh2[: TYPE FP]}.
 *
 * @param method {@code publickey}, or a method the policy forbids ({@code password}, {@code keyboard-interactive/pam})
 * @param key the key's type and fingerprint ({@code ED25519 SHA256:...}), for a key login
 * @param micros when, in microseconds since the epoch (the journal's {@code __REALTIME_TIMESTAMP}), unique per login
 */
record SshLogin(String user, String address, String method, Optional<String> key, long micros) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ACCEPTED = Pattern.compile(
      "Accepted (\\S+) for (\\S+) from (\\S+) port \\d+ ssh2(?:: (\\S+ \\S+))?");

  /** The login in one line of {@code journalctl -o json}, if it is one. */
  static Optional<SshLogin> parse(String jsonLine) throws IOException {
    JsonNode entry = JSON.readTree(jsonLine);
    JsonNode message = entry.path("MESSAGE");
    // The journal gives a message that is not UTF-8 as an array of bytes: no login line of sshd's is one.
    if (!message.isTextual()) {
      return Optional.empty();
    }
    Matcher accepted = ACCEPTED.matcher(message.asText());
    if (!accepted.lookingAt()) {
      return Optional.empty();
    }
    return Optional.of(new SshLogin(accepted.group(2), accepted.group(3), accepted.group(1),
        Optional.ofNullable(accepted.group(4)), Long.parseLong(entry.path("__REALTIME_TIMESTAMP").asText("0"))));
  }

  Instant at() {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** The alert for the operators: info for a key, a warning for any other method, which the policy forbids. */
  Alert alert() {
    String key = "ssh-login/" + user.replaceAll("[^A-Za-z0-9._-]", "-") + "/" + micros;
    if (method.equals("publickey")) {
      return Alert.info(key, "SSH login: " + user + " from " + address, user + " logged in over SSH from " + address
          + " at " + at() + " with the key " + key().orElse("(not logged)") + ". Every SSH login is alerted; who may"
          + " log in is appliance/users in env.yml.");
    }
    return Alert.warning(key, "SSH login by " + method + ": " + user + " from " + address, user
        + " logged in over SSH from " + address + " at " + at() + " by " + method + ", which the appliance's SSH"
        + " policy forbids (keys only). See what sshd runs with: sshd -T | grep -i -e authentication -e allowgroups;"
        + " restart the appliance to write the policy again: systemctl restart appliance");
  }
}
