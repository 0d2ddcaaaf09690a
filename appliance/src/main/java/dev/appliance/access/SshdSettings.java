package dev.appliance.access;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code sshd -T} printed: each lower-case key with its values (a repeated key, like allowgroups, adds one). */
record SshdSettings(Map<String, List<String>> values) {

  static SshdSettings parse(String output) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      String[] parts = line.strip().split(" ", 2);
      if (parts.length == 2) {
        values.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1].strip());
      }
    }
    return new SshdSettings(values);
  }

  /** Where sshd differs from {@code policy}, one line each, such as {@code maxauthtries is 6, the policy says 3}. */
  List<String> differences(SshPolicy policy) {
    List<String> differences = new ArrayList<>();
    policy.effective().forEach((key, wanted) -> {
      List<String> actual = values.getOrDefault(key, List.of());
      if (!actual.equals(wanted)) {
        differences.add(key + " is " + (actual.isEmpty() ? "not set" : String.join(" ", actual)) + ", the policy says "
            + String.join(" ", wanted));
      }
    });
    return differences;
  }

  /** @throws IOException naming every difference from {@code policy}, and where to look */
  void require(SshPolicy policy) throws IOException {
    List<String> differences = differences(policy);
    if (!differences.isEmpty()) {
      throw new IOException("sshd does not run with the SSH policy of " + SshPolicy.PATH + ": "
          + String.join("; ", differences) + "; find what sets them otherwise: grep -ri KEY"
          + " /etc/ssh/sshd_config /etc/ssh/sshd_config.d, and see what sshd runs with: sshd -T");
    }
  }
}
