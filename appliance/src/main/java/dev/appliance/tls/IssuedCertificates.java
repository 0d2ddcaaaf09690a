package dev.appliance.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The index of the client certificates the appliance issued, {@code /data/ca/issued.json} (root only: it names
 * people), so that backups keep it with the CA's files. The CRL is built from its revoked entries; a damaged index is
 * an error, never an empty one, since that would forget revocations.
 */
public final class IssuedCertificates {

  /** The index's file name in {@code /data/ca}. */
  public static final String FILE = "issued.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final HostRoot root;

  public IssuedCertificates(HostRoot root) {
    this.root = root;
  }

  public Path file() {
    return root.clientCa().resolve(FILE);
  }

  /** Every certificate issued, oldest first; none when there is no index yet. */
  public List<IssuedCertificate> all() throws IOException {
    if (!Files.exists(file())) {
      return List.of();
    }
    List<IssuedCertificate> all = new ArrayList<>();
    try {
      for (JsonNode entry : JSON.readTree(file().toFile()).required("certificates")) {
        all.add(new IssuedCertificate(entry.required("serial").asText(), entry.required("name").asText(),
            entry.required("subject").asText(), text(entry, "email"), Instant.parse(entry.required("not_before").asText()),
            Instant.parse(entry.required("not_after").asText()), text(entry, "revoked_at").map(Instant::parse)));
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("the index of issued client certificates " + file() + " cannot be read (" + e.getMessage()
          + "); restore it from the backup: the CRL is built from it", e);
    }
    return all;
  }

  private static Optional<String> text(JsonNode entry, String field) {
    return Optional.ofNullable(entry.get(field)).filter(n -> !n.isNull()).map(JsonNode::asText);
  }

  /** Adds {@code certificate} to the index. */
  public void add(IssuedCertificate certificate) throws IOException {
    List<IssuedCertificate> all = new ArrayList<>(all());
    all.add(certificate);
    write(all);
  }

  /** Replaces the index's entries of the same serials with {@code changed}. */
  public void update(List<IssuedCertificate> changed) throws IOException {
    List<IssuedCertificate> all = new ArrayList<>(all());
    all.replaceAll(c -> changed.stream().filter(n -> n.serial().equals(c.serial())).findFirst().orElse(c));
    write(all);
  }

  private void write(List<IssuedCertificate> all) throws IOException {
    ObjectNode index = JSON.createObjectNode();
    ArrayNode entries = index.putArray("certificates");
    for (IssuedCertificate c : all) {
      ObjectNode entry = entries.addObject();
      entry.put("serial", c.serial());
      entry.put("name", c.name());
      entry.put("subject", c.subject());
      entry.put("email", c.email().orElse(null));
      entry.put("not_before", c.notBefore().toString());
      entry.put("not_after", c.notAfter().toString());
      entry.put("revoked_at", c.revokedAt().map(Instant::toString).orElse(null));
    }
    root.files().write(file(), "rw-------", JSON.writeValueAsString(index) + "\n");
  }
}
