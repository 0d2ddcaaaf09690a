package dev.appliance.export.swarm;

import dev.appliance.export.ExportSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The names an export gives the stack's objects in Swarm. Swarm secrets and configs are immutable, so each name
 * carries a digest of its content: a changed value is a new object the services switch to, never an update refused.
 *
 * @param stack the stack's name, which prefixes its services and its network
 * @param secrets each secret's Swarm name, by the secret's name
 * @param site the Swarm name of the front's site
 * @param siteText the front's site
 */
record SwarmObjects(String stack, Map<String, String> secrets, String site, String siteText) {

  /** The stack's network: the default overlay network of {@code docker stack deploy}. */
  static final String NETWORK = "default";
  /** Where a service's secrets appear in its containers. */
  static final String SECRETS_DIR = "/run/secrets/";

  static SwarmObjects of(ExportSource source) {
    String stack = source.stack().name();
    Map<String, String> secrets = new LinkedHashMap<>();
    source.secrets().forEach((name, value) -> secrets.put(name, named(stack, name, value)));
    // The web service's short name on the stack's network, which Swarm resolves to its healthy tasks only.
    String site = source.frontSite(source.stack().appliance().web().service());
    return new SwarmObjects(stack, secrets, named(stack, "site", site), site);
  }

  private static String named(String stack, String name, String content) {
    return stack + "-" + name + "-" + DigestUtils.sha256Hex(name + "\n" + content).substring(0, 12);
  }

  /** The network's name in Swarm, which the migration job joins. */
  String network() {
    return stack + "_" + NETWORK;
  }

  /** The Swarm service of the stack's {@code service}. */
  String service(String service) {
    return stack + "_" + service;
  }

  /** The one-off migration job of {@code version}. */
  String migrationJob(String version) {
    return stack + "_migrate-" + version;
  }

  /** The secret's file in the export directory. */
  static String secretFile(String name) {
    return "secrets/" + name;
  }

  /** The site's file in the export directory. */
  static final String SITE_FILE = "configs/site.conf";
}
