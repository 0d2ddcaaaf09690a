package dev.appliance.env.newenv;

import dev.appliance.env.secrets.ClientCertificateAuthority;
import dev.appliance.env.secrets.DkimKey;
import dev.appliance.env.secrets.AppSecrets;
import dev.appliance.env.secrets.SecretGenerator;
import dev.appliance.env.secrets.WireGuardKey;
import dev.appliance.env.types.DomainNameType;
import dev.appliance.stack.Stack.SecretKind;
import dev.appliance.stack.Stack.SecretRequest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openpgp.PGPException;

/**
 * The values of a new env for one domain: every secret generated, the rest left to the schema's defaults.
 *
 * @param values the env as nested maps, ready for {@link EnvWriter}
 * @param dkim the DKIM key, whose public half goes into the DNS records
 */
public record EnvTemplate(Map<String, Object> values, DkimKey dkim) {

  /** The secrets of the reference stack (containers/stack.yml), for an env made without a stack file. */
  public static final List<SecretRequest> DEFAULT_APP_SECRETS = List.of(
      new SecretRequest("SECRET_KEY", SecretKind.TOKEN), new SecretRequest("VAULT_PGP_KEY", SecretKind.OPENPGP_KEY));

  /** Creates the values for {@code domain}, generating every secret, those of {@code appSecrets} included. */
  public static EnvTemplate create(String domain, String environment, List<SecretRequest> appSecrets,
      SecretGenerator generator, Instant now) throws GeneralSecurityException, PGPException, IOException {
    DkimKey dkim = DkimKey.generate(generator);
    ClientCertificateAuthority ca = ClientCertificateAuthority.generate(domain, generator, now);

    Map<String, Object> appliance = new LinkedHashMap<>();
    appliance.put("domain", domain);
    appliance.put("environment", environment);
    appliance.put("ssl", map(
        "letsencrypt", map("enabled", DomainNameType.isPublic(domain)),
        "client_ca", map("cert", ca.certificatePem(), "key", ca.privateKeyPem())));
    // As the ECS templates: a new VM has one disk, so nothing is mounted until the operator attaches labelled disks;
    // a disk attached later is encrypted unless the operator says otherwise.
    appliance.put("storage", map("data", volume(generator), "volatile", volume(generator)));
    appliance.put("backup", map("secret", generator.token(48)));
    appliance.put("dkim", map("key", dkim.privateKeyPem()));
    // The key is made now so that it is on the recovery sheet before any peer is given its public half.
    appliance.put("vpn", map("enabled", false, "private_key", WireGuardKey.generate(generator).privateKey()));

    Map<String, Object> app = new LinkedHashMap<>();
    app.put("database", map("password", generator.token(32)));
    Map<String, Object> secrets = new LinkedHashMap<>();
    for (SecretRequest request : appSecrets) {
      secrets.put(request.name(), AppSecrets.generate(request, domain, generator, now));
    }
    app.put("secrets", secrets);

    Map<String, Object> values = new LinkedHashMap<>();
    values.put("appliance", appliance);
    values.put("app", app);
    return new EnvTemplate(values, dkim);
  }

  /** Merges {@code extra} into {@code base}: sections merge key by key, any other value replaces. */
  @SuppressWarnings("unchecked")
  public static void merge(Map<String, Object> base, Map<String, Object> extra) {
    for (Map.Entry<String, Object> entry : extra.entrySet()) {
      Object current = base.get(entry.getKey());
      if (current instanceof Map<?, ?> currentMap && entry.getValue() instanceof Map<?, ?> extraMap) {
        merge((Map<String, Object>) currentMap, (Map<String, Object>) extraMap);
      } else {
        base.put(entry.getKey(), entry.getValue());
      }
    }
  }

  private static Map<String, Object> volume(SecretGenerator generator) {
    return map("ignore", true, "encrypted", true, "passphrase", generator.token(48));
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
