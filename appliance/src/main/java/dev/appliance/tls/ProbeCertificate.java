package dev.appliance.tls;

import dev.appliance.env.model.EnvConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The client certificate the supervisor's readiness probe presents where the front demands one
 * ({@code client_certs_mandatory}): signed by the env's client CA in memory for an hour, never written, and not in
 * the index of issued certificates, since it never leaves the process.
 */
public final class ProbeCertificate {

  static final String NAME = "appliance readiness probe";
  static final Duration VALIDITY = Duration.ofHours(1);

  private ProbeCertificate() {}

  /** The probe's key managers; none where the front admits visitors without a certificate. */
  public static Optional<KeyManager[]> keyManagers(EnvConfig env, Instant now) throws GeneralSecurityException, IOException {
    EnvConfig.SslConfig ssl = env.appliance().ssl();
    if (!ssl.clientCertsMandatory() || ssl.clientCa().isEmpty()) {
      return Optional.empty();
    }
    ClientCa ca = ClientCa.of(ssl.clientCa().get());
    NewClientCertificate probe = NewClientCertificate.issue(ca, NAME, Optional.empty(), VALIDITY, now, new SecureRandom());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] none = new char[0];
    store.setKeyEntry(NAME, probe.key(), none, new Certificate[] {probe.certificate(), ca.certificate()});
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, none);
    return Optional.of(factory.getKeyManagers());
  }
}
