package dev.appliance.tls;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The client-certificate CA's certificate and revocation list in {@code /data/ca}, which the front proxy checks
 * client certificates against. The CRL is built from the index of issued certificates ({@link IssuedCertificates})
 * and re-signed before its next-update comes near, because nginx refuses every client without a valid CRL.
 */
public final class ClientCaFiles {

  private final HostRoot root;

  public ClientCaFiles(HostRoot root) {
    this.root = root;
  }

  public Path certificateFile() {
    return root.clientCa().resolve("ca.crt");
  }

  public Path crlFile() {
    return root.clientCa().resolve("crl.pem");
  }

  /**
   * Whether the env's CA certificate is in place with a CRL from it that needs no new signature yet (see
   * {@link RevocationList#current}), as {@link #prepare} leaves them.
   *
   * @throws IOException also when the index cannot be read
   */
  public boolean current(ClientCa ca, Instant now) throws IOException {
    if (!Files.isRegularFile(certificateFile()) || !Files.readString(certificateFile()).equals(ca.certificatesPem())
        || !root.ownership().has(root.clientCa(), 0, 0, "rwxr-xr-x")) {
      return false;
    }
    return crlCurrent(ca, now);
  }

  /** As {@link #current(ClientCa, Instant)}, for the env's CA; false when that cannot sign. */
  public boolean current(EnvConfig.KeyAndCertificate ca, Instant now) throws IOException {
    try {
      return current(ClientCa.of(ca), now);
    } catch (ClientCa.UnusableCaException e) {
      return false;
    }
  }

  /** Writes the CA certificate from the env, and a new CRL from the index unless the one there is current. */
  public void prepare(ClientCa ca, Instant now) throws IOException, GeneralSecurityException {
    root.files().createDirectories(root.clientCa());
    root.files().own(root.clientCa(), 0, 0, "rwxr-xr-x");
    root.files().write(certificateFile(), "rw-r--r--", ca.certificatesPem());
    if (!crlCurrent(ca, now)) {
      // From the index, keeping the revocations of the CRL it replaces.
      root.files().write(crlFile(), "rw-r--r--", RevocationList.sign(ca, index(), crl(ca.certificate()), now));
    }
  }

  private boolean crlCurrent(ClientCa ca, Instant now) throws IOException {
    Optional<RevocationList> crl = crl(ca.certificate());
    return crl.isPresent() && crl.get().current(index(), now);
  }

  /** The CRL in place, if {@code ca} signed it. */
  public Optional<RevocationList> crl(X509Certificate ca) throws IOException {
    return Files.isRegularFile(crlFile()) ? RevocationList.read(Files.readAllBytes(crlFile()), ca) : Optional.empty();
  }

  private List<IssuedCertificate> index() throws IOException {
    return new IssuedCertificates(root).all();
  }
}
