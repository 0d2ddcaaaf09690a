package dev.appliance.support;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.Secret;
import dev.appliance.env.secrets.ClientCertificateAuthority;
import dev.appliance.env.secrets.SecretGenerator;
import java.security.SecureRandom;
import java.time.Instant;

/** Client-certificate CAs as the env holds them, made by env-new's own generator. */
public final class TestCas {

  private TestCas() {}

  /** A new CA for {@code domain}, valid for ten years from {@code now}. */
  public static EnvConfig.KeyAndCertificate generate(String domain, Instant now) throws Exception {
    ClientCertificateAuthority ca = ClientCertificateAuthority.generate(domain, new SecretGenerator(new SecureRandom()), now);
    return new EnvConfig.KeyAndCertificate(Secret.of(ca.privateKeyPem()), ca.certificatePem());
  }
}
