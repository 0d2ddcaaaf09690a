package dev.appliance.env.spec;

import static dev.appliance.env.spec.Field.of;
import static dev.appliance.env.spec.Field.optional;
import static dev.appliance.env.spec.Field.required;
import static dev.appliance.env.spec.Shape.listOf;
import static dev.appliance.env.spec.Shape.scalar;
import static dev.appliance.env.spec.Shape.section;

import dev.appliance.env.types.AppSecretType;
import dev.appliance.env.types.CalendarType;
import dev.appliance.env.types.DomainNameType;
import dev.appliance.env.types.PemTypes;
import dev.appliance.env.types.SecretType;
import dev.appliance.env.types.SshPublicKeyType;
import dev.appliance.env.types.Types;
import dev.appliance.env.types.UrlType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every key of env.yml. The file is cloud-init user-data: {@code appliance:} holds the platform's settings,
 * {@code app:} the application's, and the cloud-init keys in {@link #CLOUD_INIT_KEYS} pass through to cloud-init.
 * Defaults follow the ECS appliance where it had one.
 */
public final class EnvSchema {

  /** The first line of every env.yml: it makes the file cloud-init user-data. */
  public static final String HEADER = "#cloud-config";

  /** Environment variable names, the keys of {@code app.secrets} and {@code app.settings}. */
  public static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  /** Top-level cloud-init keys that may stand beside appliance and app; cloud-init reads them, we do not. */
  public static final List<String> CLOUD_INIT_KEYS = List.of("apt", "bootcmd", "ca_certs", "chpasswd",
      "disable_root", "final_message", "fqdn", "groups", "growpart", "hostname", "keyboard", "locale",
      "manage_etc_hosts", "mounts", "ntp", "package_update", "package_upgrade", "packages", "power_state",
      "preserve_hostname", "random_seed", "resize_rootfs", "runcmd", "ssh_deletekeys", "ssh_genkeytypes",
      "ssh_pwauth", "swap", "timezone", "users", "write_files");

  private static final Shape BOOL = scalar(Types.bool());
  private static final Shape CALENDAR = scalar(new CalendarType());
  private static final Shape SSH_KEYS = listOf(scalar(new SshPublicKeyType()));

  private static final Shape APPLIANCE = section(
      required("domain", scalar(new DomainNameType()),
          "Public DNS name of the appliance: its host name, the name in its TLS certificate and its mail domain."),
      of("standby", BOOL, "false",
          "true stops the appliance after reading this file and shows a standby page (for a cold spare)."),
      of("environment", scalar(Types.oneOf("production", "staging", "qa", "development", "backup")), "production",
          "What this installation is for: production holds real personal data; staging mirrors it for final checks;"
              + " qa and development hold test data only; backup only stores backups and runs no application."),
      of("ssl", section(
          of("letsencrypt", section(
              of("enabled", BOOL, "true", "Get and renew the server certificate from Let's Encrypt (needs a public domain and port 80)."),
              optional("email", scalar(Types.email()), "Contact address for the ACME account: expiry and policy notices.")),
              "{}", "Let's Encrypt certificates."),
          of("client_certs_mandatory", BOOL, "false",
              "true: every HTTPS client must present a certificate signed by client_ca; false: certificates are optional."),
          optional("key", scalar(PemTypes.privateKey()),
              "Your own server private key (PEM, no passphrase); give it together with cert. It wins over Let's Encrypt."),
          optional("cert", scalar(PemTypes.certificates()),
              "Your own server certificate chain (PEM, server certificate first), matching key."),
          optional("client_ca", section(
              required("cert", scalar(PemTypes.certificates()), "CA certificate (PEM) that client certificates are checked against."),
              required("key", scalar(PemTypes.privateKey()), "CA private key (PEM), used to issue client certificates.")),
              "Certificate authority for client certificates; env-new generates one.")),
          "{}", "HTTPS settings."),
      of("storage", section(
          of("data", storage("app-data", "everything to keep: database, files, certificates, dumps"), "{}",
              "The /data file system."),
          of("volatile", storage("app-volatile", "everything that may be lost: container images, caches"), "{}",
              "The /volatile file system.")),
          "{}", "Where /data and /volatile live."),
      of("backup", section(
          of("url", scalar(UrlType.of("file", "sftp", "s3", "rest+http", "rest+https")), "file:///volatile/backup-test/",
              "Backup repository: file:///path, sftp://user@host/path, s3://host/bucket/path or rest+https://host/path."
                  + " The default keeps backups on the same machine, for tests only."),
          required("secret", scalar(new SecretType(32)),
              "Password of the encrypted backup repository. Without it no backup can be read: keep the recovery sheet."),
          of("schedule", CALENDAR, "*-*-* 22:30:00", "When the nightly backup runs (systemd calendar expression)."),
          of("retention", section(
              of("daily", scalar(Types.integer(0, 3650)), "7", "How many daily backups to keep."),
              of("weekly", scalar(Types.integer(0, 520)), "4", "How many weekly backups to keep."),
              of("monthly", scalar(Types.integer(0, 1200)), "6", "How many monthly backups to keep.")),
              "{}", "Which backups are kept; older ones are removed after each backup.")),
          "{}", "Encrypted backups of /data and the database."),
      of("update", section(
          of("automatic", BOOL, "true", "Install system and application updates on the schedule below."),
          of("oncalendar", CALENDAR, "*-*-* 06:30:00", "When updates run (systemd calendar expression).")),
          "{}", "Automatic updates."),
      of("alert", section(
          of("email", listOf(scalar(Types.email())), "[]", "Who gets alert mails."),
          optional("from", scalar(Types.email()), "Sender address of alert mails (default: appliance@DOMAIN)."),
          optional("smtp", section(
              required("host", scalar(new DomainNameType()), "Host name of the mail relay."),
              of("port", scalar(Types.integer(1, 65535)), "587", "Port of the mail relay."),
              optional("username", scalar(Types.text()), "User name at the relay, if it needs a login."),
              optional("password", scalar(new SecretType(8)), "Password at the relay."),
              of("starttls", BOOL, "true", "Require STARTTLS to the relay.")),
              "Mail relay for alerts; without it the appliance delivers alert mail directly."),
          optional("sentry_dsn", scalar(UrlType.secretOf("https", "http")), "Sentry DSN that errors and alerts are sent to."),
          optional("heartbeat_url", scalar(UrlType.of("https", "http")),
              "URL called after every successful run of the appliance's jobs, for a dead man's switch.")),
          "{}", "Where alerts go."),
      of("metric", section(
          of("exporter", BOOL, "false", "Export metrics of the host, the database and the containers (Prometheus format)."),
          of("server", BOOL, "false", "Collect and keep the metrics on the appliance and raise alerts from them."),
          of("gui", BOOL, "false", "Dashboards for the metrics, reachable through an SSH tunnel only.")),
          "{}", "Metrics."),
      optional("dkim", section(
          required("key", scalar(PemTypes.rsaPrivateKey(2048)), "RSA private key (PEM) that signs outgoing mail."),
          of("selector", scalar(Types.pattern("a DKIM selector", "[a-z0-9][a-z0-9-]{0,62}", "use letters, digits and hyphens")),
              "default", "DKIM selector: the DNS record is SELECTOR._domainkey.DOMAIN.")),
          "DKIM signing of outgoing mail; env-new generates the key and prints the DNS records."),
      of("users", listOf(section(
          required("name", scalar(Types.pattern("a Linux user name", "[a-z_][a-z0-9_-]{0,31}",
              "use lower-case letters, digits, - and _, starting with a letter")), "Login name."),
          of("ssh_authorized_keys", SSH_KEYS, "[]", "Public SSH keys that may log in as this user."),
          of("sudo", BOOL, "false", "Whether the user may run commands as root."),
          of("state", scalar(Types.oneOf("present", "absent")), "present",
              "absent removes the user (keep the entry until every appliance has applied it)."))),
          "[]", "Operator accounts on the appliance (SSH keys only, never passwords)."));

  private static final Shape APP = section(
      of("database", section(
          of("name", scalar(Types.pattern("a database name", "[a-z_][a-z0-9_]{0,62}",
              "use lower-case letters, digits and _, starting with a letter")), "app", "Name of the application's database."),
          required("password", scalar(new SecretType(16)), "Password of the application's database user.")),
          "{}", "The application's PostgreSQL database."),
      of("secrets", new Shape.MapOf(ENV_NAME, "NAME in upper case", scalar(new AppSecretType())), "{}",
          "Secrets handed to the application's containers as environment variables (keys, tokens, OpenPGP keys)."),
      of("settings", new Shape.MapOf(ENV_NAME, "NAME in upper case", scalar(Types.text())), "{}",
          "Plain settings handed to the application's containers as environment variables."));

  private static final Shape.Section ROOT = section(
      required("appliance", APPLIANCE, "Settings of the appliance platform."),
      required("app", APP, "Settings of the application."),
      optional("ssh_authorized_keys", SSH_KEYS,
          "cloud-init: public SSH keys of the default user; the appliance adds them for root too."));

  private EnvSchema() {}

  /** The root section of env.yml. */
  public static Shape.Section root() {
    return ROOT;
  }

  /** The field at a path like {@code appliance/backup/schedule} ({@code N} for a list index), if the schema has one. */
  public static java.util.Optional<Field> field(String path) {
    Shape shape = ROOT;
    Field found = null;
    for (String key : path.split("/")) {
      if (shape instanceof Shape.ListOf list && key.equals("N")) {
        shape = list.element();
        continue;
      }
      if (!(shape instanceof Shape.Section section) || section.field(key).isEmpty()) {
        return java.util.Optional.empty();
      }
      found = section.field(key).get();
      shape = found.shape();
    }
    return java.util.Optional.ofNullable(found);
  }

  private static Shape storage(String label, String holds) {
    return section(
        of("label", scalar(Types.pattern("a file-system label", "[A-Za-z0-9_-]{1,16}",
            "use at most 16 letters, digits, - and _")), label,
            "Label of the file system to mount; it holds " + holds + "."),
        optional("device", scalar(Types.absolutePath()), "Device to mount instead of looking up the label, like /dev/vdb1."),
        of("ignore", BOOL, "false", "true: use the directory on the root file system and mount nothing."));
  }
}
