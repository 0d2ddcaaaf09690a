package dev.appliance.env.model;

import static dev.appliance.env.spec.EnvSchema.ALERT_EMAIL;
import static dev.appliance.env.spec.EnvSchema.ALERT_FROM;
import static dev.appliance.env.spec.EnvSchema.APP_SECRETS;
import static dev.appliance.env.spec.EnvSchema.APP_SETTINGS;
import static dev.appliance.env.spec.EnvSchema.BACKUP_DRILL_SCHEDULE;
import static dev.appliance.env.spec.EnvSchema.BACKUP_MIRROR;
import static dev.appliance.env.spec.EnvSchema.BACKUP_REST;
import static dev.appliance.env.spec.EnvSchema.BACKUP_REST_PASSWORD;
import static dev.appliance.env.spec.EnvSchema.BACKUP_REST_USERNAME;
import static dev.appliance.env.spec.EnvSchema.BACKUP_S3;
import static dev.appliance.env.spec.EnvSchema.BACKUP_S3_ACCESS_KEY_ID;
import static dev.appliance.env.spec.EnvSchema.BACKUP_S3_SECRET_ACCESS_KEY;
import static dev.appliance.env.spec.EnvSchema.BACKUP_SCHEDULE;
import static dev.appliance.env.spec.EnvSchema.BACKUP_SECRET;
import static dev.appliance.env.spec.EnvSchema.BACKUP_SSH;
import static dev.appliance.env.spec.EnvSchema.BACKUP_SSH_KEY;
import static dev.appliance.env.spec.EnvSchema.BACKUP_SSH_KNOWN_HOSTS;
import static dev.appliance.env.spec.EnvSchema.BACKUP_URL;
import static dev.appliance.env.spec.EnvSchema.CLIENT_CA_CERT;
import static dev.appliance.env.spec.EnvSchema.CLIENT_CA_KEY;
import static dev.appliance.env.spec.EnvSchema.CLIENT_CERTS_MANDATORY;
import static dev.appliance.env.spec.EnvSchema.DATABASE_NAME;
import static dev.appliance.env.spec.EnvSchema.DATABASE_PASSWORD;
import static dev.appliance.env.spec.EnvSchema.DATA_DEVICE;
import static dev.appliance.env.spec.EnvSchema.DATA_ENCRYPTED;
import static dev.appliance.env.spec.EnvSchema.DATA_PASSPHRASE;
import static dev.appliance.env.spec.EnvSchema.FIREWALL_ENABLED;
import static dev.appliance.env.spec.EnvSchema.FIREWALL_HTTPS_FROM;
import static dev.appliance.env.spec.EnvSchema.FIREWALL_PORTS;
import static dev.appliance.env.spec.EnvSchema.FIREWALL_SSH_FROM;
import static dev.appliance.env.spec.EnvSchema.PEER_ALLOWED_IPS;
import static dev.appliance.env.spec.EnvSchema.PEER_NAME;
import static dev.appliance.env.spec.EnvSchema.PEER_PUBLIC_KEY;
import static dev.appliance.env.spec.EnvSchema.VOLATILE_ENCRYPTED;
import static dev.appliance.env.spec.EnvSchema.VOLATILE_PASSPHRASE;
import static dev.appliance.env.spec.EnvSchema.VPN;
import static dev.appliance.env.spec.EnvSchema.VPN_ADDRESS;
import static dev.appliance.env.spec.EnvSchema.VPN_ENABLED;
import static dev.appliance.env.spec.EnvSchema.VPN_HTTPS_ONLY;
import static dev.appliance.env.spec.EnvSchema.VPN_LISTEN_PORT;
import static dev.appliance.env.spec.EnvSchema.VPN_PEERS;
import static dev.appliance.env.spec.EnvSchema.VPN_PRIVATE_KEY;
import static dev.appliance.env.spec.EnvSchema.VPN_SSH_ONLY;
import static dev.appliance.env.spec.EnvSchema.DATA_IGNORE;
import static dev.appliance.env.spec.EnvSchema.DATA_LABEL;
import static dev.appliance.env.spec.EnvSchema.DKIM;
import static dev.appliance.env.spec.EnvSchema.DKIM_KEY;
import static dev.appliance.env.spec.EnvSchema.DKIM_SELECTOR;
import static dev.appliance.env.spec.EnvSchema.DOMAIN;
import static dev.appliance.env.spec.EnvSchema.ENVIRONMENT;
import static dev.appliance.env.spec.EnvSchema.FAILURE_DETAILS;
import static dev.appliance.env.spec.EnvSchema.HEARTBEAT_URL;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_DIRECTORY;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_EMAIL;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_ENABLED;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_EXTRA_NAMES;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_KEY_TYPE;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_PREFLIGHT;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_STAGING_FIRST;
import static dev.appliance.env.spec.EnvSchema.METRIC_EXPORTER;
import static dev.appliance.env.spec.EnvSchema.METRIC_GUI;
import static dev.appliance.env.spec.EnvSchema.METRIC_PORT;
import static dev.appliance.env.spec.EnvSchema.METRIC_SERVER;
import static dev.appliance.env.spec.EnvSchema.MIRROR_SCHEDULE;
import static dev.appliance.env.spec.EnvSchema.MIRROR_SECRET;
import static dev.appliance.env.spec.EnvSchema.MIRROR_URL;
import static dev.appliance.env.spec.EnvSchema.RETENTION_DAILY;
import static dev.appliance.env.spec.EnvSchema.RETENTION_MONTHLY;
import static dev.appliance.env.spec.EnvSchema.RETENTION_WEEKLY;
import static dev.appliance.env.spec.EnvSchema.SENTRY_DSN;
import static dev.appliance.env.spec.EnvSchema.SMTP;
import static dev.appliance.env.spec.EnvSchema.SMTP_HOST;
import static dev.appliance.env.spec.EnvSchema.SMTP_PASSWORD;
import static dev.appliance.env.spec.EnvSchema.SMTP_PORT;
import static dev.appliance.env.spec.EnvSchema.SMTP_STARTTLS;
import static dev.appliance.env.spec.EnvSchema.SMTP_USERNAME;
import static dev.appliance.env.spec.EnvSchema.SSH_AUTHORIZED_KEYS;
import static dev.appliance.env.spec.EnvSchema.SSL_CERT;
import static dev.appliance.env.spec.EnvSchema.SSL_KEY;
import static dev.appliance.env.spec.EnvSchema.STANDBY;
import static dev.appliance.env.spec.EnvSchema.UPDATE_AUTOMATIC;
import static dev.appliance.env.spec.EnvSchema.UPDATE_ONCALENDAR;
import static dev.appliance.env.spec.EnvSchema.UPDATE_REBOOT;
import static dev.appliance.env.spec.EnvSchema.USERS;
import static dev.appliance.env.spec.EnvSchema.USER_NAME;
import static dev.appliance.env.spec.EnvSchema.USER_SSH_AUTHORIZED_KEYS;
import static dev.appliance.env.spec.EnvSchema.USER_STATE;
import static dev.appliance.env.spec.EnvSchema.USER_SUDO;
import static dev.appliance.env.spec.EnvSchema.VOLATILE_DEVICE;
import static dev.appliance.env.spec.EnvSchema.VOLATILE_IGNORE;
import static dev.appliance.env.spec.EnvSchema.VOLATILE_LABEL;

import dev.appliance.env.model.EnvConfig.AlertConfig;
import dev.appliance.env.model.EnvConfig.AppConfig;
import dev.appliance.env.model.EnvConfig.ApplianceConfig;
import dev.appliance.env.model.EnvConfig.BackupConfig;
import dev.appliance.env.model.EnvConfig.DkimConfig;
import dev.appliance.env.model.EnvConfig.FirewallConfig;
import dev.appliance.env.model.EnvConfig.Peer;
import dev.appliance.env.model.EnvConfig.Port;
import dev.appliance.env.model.EnvConfig.VpnConfig;
import dev.appliance.env.model.EnvConfig.Environment;
import dev.appliance.env.model.EnvConfig.KeyAndCertificate;
import dev.appliance.env.model.EnvConfig.LetsEncrypt;
import dev.appliance.env.model.EnvConfig.MetricConfig;
import dev.appliance.env.model.EnvConfig.Mirror;
import dev.appliance.env.model.EnvConfig.RestLogin;
import dev.appliance.env.model.EnvConfig.Retention;
import dev.appliance.env.model.EnvConfig.S3Keys;
import dev.appliance.env.model.EnvConfig.SmtpConfig;
import dev.appliance.env.model.EnvConfig.SshAccess;
import dev.appliance.env.model.EnvConfig.SslConfig;
import dev.appliance.env.model.EnvConfig.StorageConfig;
import dev.appliance.env.model.EnvConfig.UpdateConfig;
import dev.appliance.env.model.EnvConfig.UserConfig;
import dev.appliance.env.model.EnvConfig.Volume;
import dev.appliance.env.spec.Field;
import dev.appliance.env.types.RebootCalendarType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns a document that passed validation into an {@link EnvConfig}, applying the schema's defaults. It reads by
 * {@link dev.appliance.env.spec.EnvSchema}'s key constants, so no key path is written twice.
 */
final class EnvConfigReader {

  private EnvConfigReader() {}

  static EnvConfig read(Node root) {
    Values v = Values.of(root);
    return new EnvConfig(appliance(v), app(v), v.texts(SSH_AUTHORIZED_KEYS));
  }

  private static ApplianceConfig appliance(Values v) {
    Environment environment = Environment.valueOf(v.text(ENVIRONMENT).toUpperCase(Locale.ROOT));
    return new ApplianceConfig(DomainName.parse(v.text(DOMAIN)), v.bool(STANDBY), environment,
        v.optional(FAILURE_DETAILS).map(Boolean::parseBoolean).orElse(environment.failureDetailsByDefault()),
        new SslConfig(new LetsEncrypt(v.bool(LETSENCRYPT_ENABLED), v.optional(LETSENCRYPT_EMAIL),
            v.text(LETSENCRYPT_DIRECTORY), v.texts(LETSENCRYPT_EXTRA_NAMES), v.text(LETSENCRYPT_KEY_TYPE),
            v.bool(LETSENCRYPT_STAGING_FIRST), v.bool(LETSENCRYPT_PREFLIGHT)), v.bool(CLIENT_CERTS_MANDATORY),
            keyPair(v, SSL_KEY, SSL_CERT), keyPair(v, CLIENT_CA_KEY, CLIENT_CA_CERT)),
        new StorageConfig(volume(v, DATA_LABEL, DATA_DEVICE, DATA_IGNORE, DATA_ENCRYPTED, DATA_PASSPHRASE),
            volume(v, VOLATILE_LABEL, VOLATILE_DEVICE, VOLATILE_IGNORE, VOLATILE_ENCRYPTED, VOLATILE_PASSPHRASE)),
        backup(v),
        new UpdateConfig(v.bool(UPDATE_AUTOMATIC), CalendarExpression.parse(v.text(UPDATE_ONCALENDAR)),
            Optional.of(v.text(UPDATE_REBOOT).strip()).filter(r -> !r.equals(RebootCalendarType.NEVER)).map(CalendarExpression::parse)),
        alert(v),
        new MetricConfig(v.bool(METRIC_EXPORTER), v.integer(METRIC_PORT), v.bool(METRIC_SERVER), v.bool(METRIC_GUI)),
        v.present(DKIM) ? Optional.of(new DkimConfig(Secret.of(v.text(DKIM_KEY)), v.text(DKIM_SELECTOR))) : Optional.empty(),
        v.items(USERS).stream().map(u -> new UserConfig(u.text(USER_NAME), u.texts(USER_SSH_AUTHORIZED_KEYS),
            u.bool(USER_SUDO), u.text(USER_STATE).equals("present"))).toList(),
        new FirewallConfig(v.bool(FIREWALL_ENABLED), v.texts(FIREWALL_SSH_FROM), v.texts(FIREWALL_HTTPS_FROM),
            v.texts(FIREWALL_PORTS).stream().map(p -> p.split("/"))
                .map(p -> new Port(Integer.parseInt(p[0]), p[1])).toList()),
        v.present(VPN) && v.bool(VPN_ENABLED) ? Optional.of(vpn(v)) : Optional.empty());
  }

  private static VpnConfig vpn(Values v) {
    return new VpnConfig(Secret.of(v.text(VPN_PRIVATE_KEY)), v.text(VPN_ADDRESS), v.integer(VPN_LISTEN_PORT),
        v.items(VPN_PEERS).stream().map(p -> new Peer(p.text(PEER_NAME), p.text(PEER_PUBLIC_KEY),
            p.texts(PEER_ALLOWED_IPS))).toList(), v.bool(VPN_SSH_ONLY), v.bool(VPN_HTTPS_ONLY));
  }

  private static BackupConfig backup(Values v) {
    return new BackupConfig(URI.create(v.text(BACKUP_URL)), Secret.of(v.text(BACKUP_SECRET)),
        CalendarExpression.parse(v.text(BACKUP_SCHEDULE)),
        new Retention(v.integer(RETENTION_DAILY), v.integer(RETENTION_WEEKLY), v.integer(RETENTION_MONTHLY)),
        section(v, BACKUP_SSH, () -> new SshAccess(Secret.of(v.text(BACKUP_SSH_KEY)), v.texts(BACKUP_SSH_KNOWN_HOSTS))),
        section(v, BACKUP_REST, () -> new RestLogin(v.text(BACKUP_REST_USERNAME), Secret.of(v.text(BACKUP_REST_PASSWORD)))),
        section(v, BACKUP_S3, () -> new S3Keys(v.text(BACKUP_S3_ACCESS_KEY_ID), Secret.of(v.text(BACKUP_S3_SECRET_ACCESS_KEY)))),
        CalendarExpression.parse(v.text(BACKUP_DRILL_SCHEDULE)),
        section(v, BACKUP_MIRROR, () -> new Mirror(URI.create(v.text(MIRROR_URL)), Secret.of(v.text(MIRROR_SECRET)),
            CalendarExpression.parse(v.text(MIRROR_SCHEDULE)))));
  }

  /** The optional section {@code field} read by {@code read}, if it is present. */
  private static <T> Optional<T> section(Values v, Field field, Supplier<T> read) {
    return v.present(field) ? Optional.of(read.get()) : Optional.empty();
  }

  private static Optional<KeyAndCertificate> keyPair(Values v, Field key, Field cert) {
    return v.present(key) && v.present(cert)
        ? Optional.of(new KeyAndCertificate(Secret.of(v.text(key)), v.text(cert)))
        : Optional.empty();
  }

  private static Volume volume(Values v, Field label, Field device, Field ignore, Field encrypted, Field passphrase) {
    return new Volume(v.text(label), v.optional(device), v.bool(ignore), v.bool(encrypted),
        v.optional(passphrase).map(Secret::of));
  }

  private static AlertConfig alert(Values v) {
    Optional<SmtpConfig> smtp = v.present(SMTP)
        ? Optional.of(new SmtpConfig(DomainName.parse(v.text(SMTP_HOST)), v.integer(SMTP_PORT),
            v.optional(SMTP_USERNAME), v.optional(SMTP_PASSWORD).map(Secret::of), v.bool(SMTP_STARTTLS)))
        : Optional.empty();
    return new AlertConfig(v.texts(ALERT_EMAIL), v.optional(ALERT_FROM), smtp,
        v.optional(SENTRY_DSN).map(Secret::of), v.optional(HEARTBEAT_URL).map(URI::create));
  }

  private static AppConfig app(Values v) {
    Map<String, Secret> secrets = new LinkedHashMap<>();
    v.map(APP_SECRETS).forEach((name, value) -> secrets.put(name, Secret.of(value)));
    return new AppConfig(v.text(DATABASE_NAME), Secret.of(v.text(DATABASE_PASSWORD)), secrets, v.map(APP_SETTINGS));
  }
}
