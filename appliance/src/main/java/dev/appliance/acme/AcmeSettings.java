package dev.appliance.acme;

import dev.appliance.env.model.EnvConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What the env asks of the ACME CA: the names (the domain first, then {@code extra_names}), the contact, the CA and
 * the key type. Empty when Let's Encrypt is off or the operator's own certificate wins.
 *
 * @param directory the CA the certificates come from
 * @param staging the CA to prove a new set of names against first, when {@code staging_first} applies
 * @param preflight whether orders wait for the pre-flight ({@code appliance/ssl/letsencrypt/preflight})
 */
public record AcmeSettings(List<String> names, Optional<String> email, CertificateAuthority directory,
    Optional<CertificateAuthority> staging, KeyType keyType, boolean preflight) {

  /** An ACME directory with the name the operator knows it by. */
  public record CertificateAuthority(String name, URI directory) {

    static final CertificateAuthority PRODUCTION = new CertificateAuthority("Let's Encrypt",
        URI.create("acme://letsencrypt.org"));
    static final CertificateAuthority STAGING = new CertificateAuthority("Let's Encrypt staging",
        URI.create("acme://letsencrypt.org/staging"));

    @Override
    public String toString() {
      return name;
    }
  }

  public static Optional<AcmeSettings> of(EnvConfig env) {
    EnvConfig.LetsEncrypt acme = env.appliance().ssl().letsEncrypt();
    if (!acme.enabled() || env.appliance().ssl().own().isPresent()) {
      return Optional.empty();
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    names.add(env.appliance().domain().name());
    names.addAll(acme.extraNames());
    CertificateAuthority directory = switch (acme.directory()) {
      case "production" -> CertificateAuthority.PRODUCTION;
      case "staging" -> CertificateAuthority.STAGING;
      default -> new CertificateAuthority(acme.directory(), URI.create(acme.directory()));
    };
    Optional<CertificateAuthority> staging = directory == CertificateAuthority.PRODUCTION && acme.stagingFirst()
        ? Optional.of(CertificateAuthority.STAGING) : Optional.empty();
    return Optional.of(new AcmeSettings(List.copyOf(names), acme.email(), directory, staging, KeyType.of(acme.keyType()),
        acme.preflight()));
  }

  /**
   * The CAs to order from, in order: staging first for names it has not passed yet (GitLab's practice, which keeps
   * a broken setup from using up production's rate limits), then the CA itself.
   */
  public List<CertificateAuthority> orderFrom(AcmeState state) {
    List<CertificateAuthority> sequence = new ArrayList<>();
    staging.filter(s -> !state.hasPassedStaging(names)).ifPresent(sequence::add);
    sequence.add(directory);
    return sequence;
  }
}
