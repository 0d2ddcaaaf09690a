package dev.appliance.tls;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last check of the served certificate, kept in {@code /run/appliance/served-certificate} so that {@code status}
 * and the metrics show it without a handshake of their own.
 *
 * @param checked when (ISO-8601)
 * @param certificate what the front served at the last check that got one (a failed check keeps it), or null
 * @param error why the handshake failed, or null if it succeeded
 */
public record ServedCheck(String checked, ServedCertificate certificate, String error) {

  private static final List<String> FIELDS = List.of("subject", "issuer", "not_before", "not_after", "names", "sha256");

  static Path file(HostRoot root) {
    return root.runState().resolve("served-certificate");
  }

  /** Whether the handshake succeeded. */
  public boolean ok() {
    return error == null;
  }

  /** The last check, if one was recorded since the boot (and the file is this appliance's format). */
  public static Optional<ServedCheck> read(HostRoot root) throws IOException {
    Path file = file(root);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, String> values = new HashMap<>();
    Files.readAllLines(file).forEach(line -> {
      String[] field = line.split(" ", 2);
      values.put(field[0], field.length == 2 ? field[1] : "");
    });
    try {
      Instant.parse(values.getOrDefault("checked", ""));
      ServedCertificate certificate = null;
      if (values.keySet().containsAll(FIELDS)) {
        Instant.parse(values.get("not_before"));
        Instant.parse(values.get("not_after"));
        certificate = new ServedCertificate(values.get("subject"), values.get("issuer"), values.get("not_before"),
            values.get("not_after"), Arrays.stream(values.get("names").split(" ")).filter(n -> !n.isEmpty()).toList(),
            values.get("sha256"));
      }
      String error = values.get("error");
      return error == null && certificate == null ? Optional.empty()
          : Optional.of(new ServedCheck(values.get("checked"), certificate, error));
    } catch (DateTimeParseException e) {
      return Optional.empty(); // cut short or not ours: the next check writes it whole
    }
  }

  /** Writes it atomically: a line {@code FIELD VALUE} a field. */
  void write(HostRoot root) throws IOException {
    StringBuilder text = new StringBuilder("checked " + checked + "\n");
    if (error != null) {
      text.append("error ").append(oneLine(error)).append('\n');
    }
    if (certificate != null) {
      List<String> values = List.of(certificate.subject(), certificate.issuer(), certificate.notBefore(),
          certificate.notAfter(), String.join(" ", certificate.names()), certificate.sha256());
      for (int i = 0; i < FIELDS.size(); i++) {
        text.append(FIELDS.get(i)).append(' ').append(oneLine(values.get(i))).append('\n');
      }
    }
    root.files().write(file(root), "rw-r--r--", text.toString());
  }

  private static String oneLine(String value) {
    return value.replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * For status: {@code CN=x, issued by CN=y, expires 2027-02-01 (61 days); checked T}, the days counted at the check,
   * or the failure with what was served before it.
   */
  public String describe() {
    String served = certificate == null ? "" : certificate.describe(Instant.parse(checked));
    return ok() ? served + "; checked " + checked
        : "the last check (" + checked + ") FAILED: " + error + (certificate == null ? "" : "; served before: " + served);
  }
}
