package dev.appliance.env.spec;

import static dev.appliance.env.spec.Field.of;
import static dev.appliance.env.spec.Field.optional;
import static dev.appliance.env.spec.Field.required;
import static dev.appliance.env.spec.Shape.listOf;
import static dev.appliance.env.spec.Shape.scalar;
import static dev.appliance.env.spec.Shape.section;

import dev.appliance.env.types.AcmeDirectoryType;
import dev.appliance.env.types.AppSecretType;
import dev.appliance.env.types.CalendarType;
import dev.appliance.env.types.CidrType;
import dev.appliance.env.types.DomainNameType;
import dev.appliance.env.types.KnownHostsLineType;
import dev.appliance.env.types.PemTypes;
import dev.appliance.env.types.RebootCalendarType;
import dev.appliance.env.types.ResticRepositoryType;
import dev.appliance.env.types.SentryDsnType;
import dev.appliance.env.types.SecretType;
import dev.appliance.env.types.SshPrivateKeyType;
import dev.appliance.env.types.SshPublicKeyType;
import dev.appliance.env.types.Types;
import dev.appliance.env.types.UrlType;
import dev.appliance.env.types.WireGuardKeyType;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

  // Every key the model reads is a constant, so that its path is written once, here; EnvConfigReader reads by them.

  public static final Field DOMAIN = required("domain", scalar(new DomainNameType()),
      "Public DNS name of the appliance: its host name, the name in its TLS certificate and its mail domain.");
  public static final Field STANDBY = of("standby", BOOL, "false",
      "true stops the appliance after reading this file and shows a standby page (for a cold spare).");
  public static final Field ENVIRONMENT = of("environment",
      scalar(Types.oneOf("production", "staging", "qa", "development", "backup")), "production",
      "What this installation is for: production holds real personal data; staging mirrors it for final checks;"
          + " qa and development hold test data only. In production env-check insists on a backup repository off this"
          + " machine, an alert channel and a trusted certificate, and warns of SSH open to anywhere without the VPN;"
          + " staging and qa show their name on the maintenance page; stack.yml reads it as ${APPLIANCE_ENVIRONMENT}."
          + " backup (a machine that only receives backups) is refused until it does something useful.");
  public static final Field FAILURE_DETAILS = optional("failure_details", BOOL,
      "true: the public failure page also shows why the appliance failed and the recovery command; false: only that"
          + " the service is down, since when, and that the failure is recorded for the operators. Default: true in qa and"
          + " development, false otherwise. 'appliance status', the journal and the alert always give the reason.");

  public static final Field LETSENCRYPT_ENABLED = of("enabled", BOOL, "true",
      "Get and renew the server certificate from Let's Encrypt (needs a public domain and port 80).");
  public static final Field LETSENCRYPT_EMAIL = optional("email", scalar(Types.email()),
      "Contact address for the ACME account: expiry and policy notices.");
  public static final Field LETSENCRYPT_DIRECTORY = of("directory", scalar(new AcmeDirectoryType()), "production",
      "production, staging (Let's Encrypt's; browsers distrust staging), or another ACME CA's directory URL.");
  public static final Field LETSENCRYPT_EXTRA_NAMES = of("extra_names", listOf(scalar(new DomainNameType())), "[]",
      "More names in the certificate besides the domain.");
  public static final Field LETSENCRYPT_KEY_TYPE = of("key_type", scalar(Types.oneOf("ec-p256", "rsa-2048")), "ec-p256",
      "ec-p256, or rsa-2048 for very old clients.");
  public static final Field LETSENCRYPT_STAGING_FIRST = of("staging_first", BOOL, "true",
      "Prove new names against Let's Encrypt's staging CA before production.");
  public static final Field LETSENCRYPT_PREFLIGHT = of("preflight", BOOL, "true",
      "Check each name over http from here before an order (false without hairpin NAT).");
  public static final Field CLIENT_CERTS_MANDATORY = of("client_certs_mandatory", BOOL, "false",
      "true: every HTTPS client must present a certificate signed by client_ca; false: one is optional.");
  public static final Field SSL_KEY = optional("key", scalar(PemTypes.privateKey()),
      "Your own server private key (PEM, no passphrase), given with cert; it wins over Let's Encrypt.");
  public static final Field SSL_CERT = optional("cert", scalar(PemTypes.certificates()),
      "Your own server certificate chain (PEM, server certificate first), matching key.");
  public static final Field CLIENT_CA_CERT = required("cert", scalar(PemTypes.certificates()),
      "CA certificate (PEM) that client certificates are checked against.");
  public static final Field CLIENT_CA_KEY = required("key", scalar(PemTypes.privateKey()),
      "CA private key (PEM), used to issue client certificates.");

  public static final Field DATA_LABEL = volumeLabel("app-data", "everything to keep: database, files, certificates, dumps");
  public static final Field DATA_DEVICE = volumeDevice();
  public static final Field DATA_IGNORE = volumeIgnore();
  public static final Field VOLATILE_LABEL = volumeLabel("app-volatile", "everything that may be lost: container images, caches");
  public static final Field VOLATILE_DEVICE = volumeDevice();
  public static final Field VOLATILE_IGNORE = volumeIgnore();
  public static final Field DATA_ENCRYPTED = volumeEncrypted();
  public static final Field DATA_PASSPHRASE = volumePassphrase();
  public static final Field VOLATILE_ENCRYPTED = volumeEncrypted();
  public static final Field VOLATILE_PASSPHRASE = volumePassphrase();

  private static final Shape NETWORKS = listOf(scalar(CidrType.network()));
  private static final String ANYWHERE = "[0.0.0.0/0, ::/0]";

  public static final Field FIREWALL_ENABLED = of("enabled", BOOL, "true",
      "true: the appliance's nftables table lets in only what this section allows; false: no table of its own.");
  public static final Field FIREWALL_SSH_FROM = of("ssh_from", NETWORKS, ANYWHERE,
      "Networks that may reach SSH (port 22); the default is anywhere (a warning in production without a VPN).");
  public static final Field FIREWALL_HTTPS_FROM = of("https_from", NETWORKS, ANYWHERE,
      "Networks that may reach HTTP and HTTPS (ports 80 and 443).");
  public static final Field FIREWALL_PORTS = of("ports", listOf(scalar(Types.portAndProtocol())), "[]",
      "More ports open to anywhere, like 8443/tcp (for a service the stack publishes).");
  public static final Field FIREWALL = of("firewall",
      section(FIREWALL_ENABLED, FIREWALL_SSH_FROM, FIREWALL_HTTPS_FROM, FIREWALL_PORTS), "{}",
      "Inbound traffic (nftables): everything not allowed here is dropped, also on ports the containers publish.");

  public static final Field VPN_ENABLED = of("enabled", BOOL, "true",
      "false keeps the key (env-new writes one) without a VPN.");
  public static final Field VPN_PRIVATE_KEY = required("private_key", scalar(WireGuardKeyType.privateKey()),
      "The appliance's WireGuard private key (env-new generates it; 'appliance status' shows its public key).");
  public static final Field VPN_ADDRESS = of("address", scalar(CidrType.address()), "10.77.0.1/24",
      "The appliance's address in the VPN, with the VPN's prefix length.");
  public static final Field VPN_LISTEN_PORT = of("listen_port", scalar(Types.integer(1, 65535)), "51820",
      "The UDP port WireGuard listens on (open to anywhere).");
  public static final Field VPN_SSH_ONLY = of("ssh_only", BOOL, "false",
      "true: SSH only through the VPN (firewall/ssh_from then no longer applies).");
  public static final Field VPN_HTTPS_ONLY = of("https_only", BOOL, "false",
      "true: HTTP and HTTPS only through the VPN too (no public web site; Let's Encrypt then cannot reach port 80).");
  public static final Field PEER_NAME = required("name", scalar(Types.pattern("a peer name", "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}",
      "use letters, digits, - _ and .")), "Who the peer is (a person or a site), for the logs.");
  public static final Field PEER_PUBLIC_KEY = required("public_key", scalar(WireGuardKeyType.publicKey()),
      "The peer's WireGuard public key.");
  public static final Field PEER_ALLOWED_IPS = required("allowed_ips", NETWORKS,
      "The peer's addresses in the VPN, like 10.77.0.2/32.");
  public static final Field VPN_PEERS = of("peers", listOf(section(PEER_NAME, PEER_PUBLIC_KEY, PEER_ALLOWED_IPS)), "[]",
      "Who may connect.");
  public static final Field VPN = optional("vpn", section(VPN_ENABLED, VPN_PRIVATE_KEY, VPN_ADDRESS, VPN_LISTEN_PORT,
      VPN_PEERS, VPN_SSH_ONLY, VPN_HTTPS_ONLY), "A WireGuard VPN (Debian's wireguard-tools) to the appliance.");

  // The logins come before the URLs, whose check names them in its fix.
  public static final Field BACKUP_SSH_KEY = required("key", scalar(new SshPrivateKeyType()),
      "Private SSH key (OpenSSH or PEM, no passphrase) that restic logs in to the sftp server with.");
  public static final Field BACKUP_SSH_KNOWN_HOSTS = required("known_hosts", listOf(scalar(new KnownHostsLineType())),
      "The backup server's known_hosts lines (from 'ssh-keyscan -p PORT HOST'): the only host keys accepted.");
  public static final Field BACKUP_SSH = optional("ssh", section(BACKUP_SSH_KEY, BACKUP_SSH_KNOWN_HOSTS),
      "SSH login for sftp:// repositories; an sftp:// url needs it.");
  public static final Field BACKUP_REST_USERNAME = required("username", scalar(Types.text()),
      "User name at the rest-server.");
  public static final Field BACKUP_REST_PASSWORD = required("password", scalar(new SecretType(8)),
      "Password at the rest-server.");
  public static final Field BACKUP_REST = optional("rest", section(BACKUP_REST_USERNAME, BACKUP_REST_PASSWORD),
      "Login at the rest-server of a rest+http(s):// url; leave it out for an open rest-server.");
  public static final Field BACKUP_S3_ACCESS_KEY_ID = required("access_key_id", scalar(Types.text()), "S3 access key ID.");
  public static final Field BACKUP_S3_SECRET_ACCESS_KEY = required("secret_access_key", scalar(new SecretType(8)),
      "S3 secret access key.");
  public static final Field BACKUP_S3 = optional("s3", section(BACKUP_S3_ACCESS_KEY_ID, BACKUP_S3_SECRET_ACCESS_KEY),
      "S3 access keys for s3:// repositories; an s3:// url needs them.");

  private static final Shape RESTIC_REPOSITORY = scalar(new ResticRepositoryType(EnvSchema::loginOf));

  public static final Field BACKUP_URL = of("url", RESTIC_REPOSITORY, "file:///volatile/backup-test/",
      "The restic repository: file:///path, sftp://user@host:port/path, s3://host/bucket/path or"
          + " rest+https://host/path. The default, on this machine, is for tests only.");
  public static final Field BACKUP_SECRET = required("secret", scalar(new SecretType(32)),
      "The restic repository password. Without it no backup can be read: keep the recovery sheet.");
  public static final Field BACKUP_SCHEDULE = of("schedule", CALENDAR, "*-*-* 22:30:00",
      "When the nightly backup runs (systemd calendar expression).");
  public static final Field BACKUP_DRILL_SCHEDULE = of("schedule", CALENDAR, "Sun *-*-* 04:00:00",
      "When the weekly restore drill runs (systemd calendar expression).");
  public static final Field BACKUP_DRILL = of("drill", section(BACKUP_DRILL_SCHEDULE), "{}",
      "The weekly restore drill of the latest backup.");
  public static final Field MIRROR_URL = required("url", RESTIC_REPOSITORY,
      "Another appliance's restic repository (production's), read only; it uses the ssh, rest and s3 logins above.");
  public static final Field MIRROR_SECRET = required("secret", scalar(new SecretType(32)),
      "The restic repository password of that repository.");
  public static final Field MIRROR_SCHEDULE = of("schedule", CALENDAR, "*-*-* 03:00:00",
      "When this appliance restores itself from that repository's latest backup (systemd calendar expression).");
  public static final Field BACKUP_MIRROR = optional("mirror", section(MIRROR_URL, MIRROR_SECRET, MIRROR_SCHEDULE),
      "Staging only: another appliance's backups that this one restores itself from on a schedule.");
  public static final Field RETENTION_DAILY = of("daily", scalar(Types.integer(0, 3650)), "7", "How many daily backups to keep.");
  public static final Field RETENTION_WEEKLY = of("weekly", scalar(Types.integer(0, 520)), "4", "How many weekly backups to keep.");
  public static final Field RETENTION_MONTHLY = of("monthly", scalar(Types.integer(0, 1200)), "6",
      "How many monthly backups to keep.");

  public static final Field UPDATE_AUTOMATIC = of("automatic", BOOL, "true",
      "true: the appliance updates itself on the schedule below; the system's security updates run there either way.");
  public static final Field UPDATE_ONCALENDAR = of("oncalendar", CALENDAR, "*-*-* 06:30:00",
      "When updates run (systemd calendar expression).");
  public static final Field UPDATE_REBOOT = of("reboot", scalar(new RebootCalendarType()), RebootCalendarType.NEVER,
      "When the machine may reboot if an update needs it (systemd calendar expression), or never.");

  public static final Field ALERT_EMAIL = of("email", listOf(scalar(Types.email())), "[]", "Who gets alert mails.");
  public static final Field ALERT_FROM = optional("from", scalar(Types.email()),
      "Sender address of alert mails (default: appliance@DOMAIN).");
  public static final Field SMTP_HOST = required("host", scalar(new DomainNameType()), "Host name of the mail relay.");
  public static final Field SMTP_PORT = of("port", scalar(Types.integer(1, 65535)), "587",
      "Port of the mail relay: its submission port, usually 587. Port 465 (TLS from the first byte) is not spoken.");
  public static final Field SMTP_USERNAME = optional("username", scalar(Types.text()),
      "User name at the relay, if it needs a login.");
  public static final Field SMTP_PASSWORD = optional("password", scalar(new SecretType(8)), "Password at the relay.");
  public static final Field SMTP_STARTTLS = of("starttls", BOOL, "true", "Require STARTTLS to the relay: one that does"
      + " not offer it gets nothing. false speaks to the relay in clear text (for a relay on a network you trust).");
  public static final Field SMTP = optional("smtp",
      section(SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS),
      "Mail relay that alert mail goes out through (your mail provider's submission server); appliance/alert/email"
          + " needs it, since mail sent directly from a server is mostly refused as spam.");
  public static final Field SENTRY_DSN = optional("sentry_dsn", scalar(new SentryDsnType()),
      "Sentry DSN that alerts are sent to, as events with their level and tags (no other data).");
  public static final Field HEARTBEAT_URL = optional("heartbeat_url", scalar(UrlType.of("https", "http")),
      "Dead man's switch (healthchecks.io convention): pinged every 5 minutes while the application is served,"
          + " URL/fail when the appliance fails; its silence alerts you when the machine is gone.");

  public static final Field METRIC_EXPORTER = of("exporter", BOOL, "false",
      "true: the supervisor serves the appliance's own metrics (Prometheus text format) on"
          + " http://127.0.0.1:PORT/metrics, and takes Prometheus' alerts on the same port; never publicly.");
  public static final Field METRIC_PORT = of("port", scalar(Types.integer(1, 65535)), "9469",
      "The TCP port on 127.0.0.1 of the supervisor's metrics and alert receiver.");
  public static final Field METRIC_SERVER = of("server", BOOL, "false",
      "true: prepare-appliance configures and starts Debian's Prometheus on the appliance (127.0.0.1:9090, 30 days"
          + " kept): it scrapes the supervisor and the node exporter, evaluates the appliance's rules and sends their"
          + " alerts to the supervisor, which raises them as its own; needs exporter: true. false: Prometheus is stopped"
          + " and disabled.");
  public static final Field METRIC_GUI = of("gui", BOOL, "false",
      "Dashboards for the metrics: none is installed yet, whatever the value.").withReserved();

  public static final Field DKIM_KEY = required("key", scalar(PemTypes.rsaPrivateKey(2048)),
      "RSA private key (PEM) that signs outgoing mail.");
  public static final Field DKIM_SELECTOR = of("selector",
      scalar(Types.pattern("a DKIM selector", "[a-z0-9][a-z0-9-]{0,62}", "use letters, digits and hyphens")),
      "default", "DKIM selector: the DNS record is SELECTOR._domainkey.DOMAIN.");
  public static final Field DKIM = optional("dkim", section(DKIM_KEY, DKIM_SELECTOR),
      "DKIM signing of sent mail; env-new makes the key and prints the DNS records.").withReserved();

  public static final Field USER_NAME = required("name", scalar(Types.pattern("a Linux user name",
      "[a-z_][a-z0-9_-]{0,31}", "use lower-case letters, digits, - and _, starting with a letter")), "Login name.");
  public static final Field USER_SSH_AUTHORIZED_KEYS = of("ssh_authorized_keys", SSH_KEYS, "[]",
      "Public SSH keys that may log in as this user.");
  public static final Field USER_SUDO = of("sudo", BOOL, "false", "true: any command as root (sudo, no password);"
      + " false: only appliance status, maintenance and clear-failed, and the journal of the appliance's units.");
  public static final Field USER_STATE = of("state", scalar(Types.oneOf("present", "absent")), "present",
      "absent locks the account and removes its keys and sudo rule, keeping its home (keep the entry until every"
          + " appliance has applied it).");
  public static final Field USERS = of("users", listOf(section(USER_NAME, USER_SSH_AUTHORIZED_KEYS, USER_SUDO, USER_STATE)),
      "[]", "Operator accounts on the appliance: SSH keys only, never passwords; every login is an info alert.");

  public static final Field DATABASE_NAME = of("name", scalar(Types.pattern("a database name", "[a-z_][a-z0-9_]{0,62}",
      "use lower-case letters, digits and _, starting with a letter")), "app", "Name of the application's database.");
  public static final Field DATABASE_PASSWORD = required("password", scalar(new SecretType(16)),
      "Password of the application's database user.");
  public static final Field APP_SECRETS = of("secrets", new Shape.MapOf(ENV_NAME, "NAME in upper case", scalar(new AppSecretType())),
      "{}", "Secrets handed to the application's containers as environment variables (keys, tokens, OpenPGP keys).");
  public static final Field APP_SETTINGS = of("settings", new Shape.MapOf(ENV_NAME, "NAME in upper case", scalar(Types.text())),
      "{}", "Plain settings handed to the application's containers as environment variables.");

  public static final Field SSH_AUTHORIZED_KEYS = optional("ssh_authorized_keys", SSH_KEYS,
      "cloud-init: public SSH keys of the cloud image's default user (ubuntu on Ubuntu), who may use sudo. Root cannot"
          + " log in with them: sshd has PermitRootLogin no, and cloud-init's disable_root makes root's copy print a"
          + " refusal.");

  private static final Shape APPLIANCE = section(DOMAIN, STANDBY, ENVIRONMENT, FAILURE_DETAILS,
      of("ssl", section(
          of("letsencrypt", section(LETSENCRYPT_ENABLED, LETSENCRYPT_EMAIL, LETSENCRYPT_DIRECTORY,
              LETSENCRYPT_EXTRA_NAMES, LETSENCRYPT_KEY_TYPE, LETSENCRYPT_STAGING_FIRST, LETSENCRYPT_PREFLIGHT), "{}",
              "Certificates from Let's Encrypt (or another ACME CA), issued and renewed by the appliance."),
          CLIENT_CERTS_MANDATORY, SSL_KEY, SSL_CERT,
          optional("client_ca", section(CLIENT_CA_CERT, CLIENT_CA_KEY),
              "Certificate authority for client certificates; env-new generates one.")),
          "{}", "HTTPS settings."),
      of("storage", section(
          of("data", section(DATA_LABEL, DATA_DEVICE, DATA_IGNORE, DATA_ENCRYPTED, DATA_PASSPHRASE), "{}",
              "The /data file system."),
          of("volatile", section(VOLATILE_LABEL, VOLATILE_DEVICE, VOLATILE_IGNORE, VOLATILE_ENCRYPTED,
              VOLATILE_PASSPHRASE), "{}", "The /volatile file system.")),
          "{}", "Where /data and /volatile live."),
      of("backup", section(BACKUP_URL, BACKUP_SECRET, BACKUP_SCHEDULE,
          of("retention", section(RETENTION_DAILY, RETENTION_WEEKLY, RETENTION_MONTHLY),
              "{}", "Which backups are kept; older ones are removed after each backup."),
          BACKUP_SSH, BACKUP_REST, BACKUP_S3, BACKUP_DRILL, BACKUP_MIRROR),
          "{}", "Encrypted backups of /data and the database with restic."),
      of("update", section(UPDATE_AUTOMATIC, UPDATE_ONCALENDAR, UPDATE_REBOOT), "{}", "Automatic updates."),
      of("alert", section(ALERT_EMAIL, ALERT_FROM, SMTP, SENTRY_DSN, HEARTBEAT_URL), "{}", "Where alerts go."),
      of("metric", section(METRIC_EXPORTER, METRIC_PORT, METRIC_SERVER, METRIC_GUI), "{}", "Metrics for Prometheus."),
      DKIM,
      USERS,
      FIREWALL,
      VPN);

  private static final Shape APP = section(
      of("database", section(DATABASE_NAME, DATABASE_PASSWORD), "{}", "The application's PostgreSQL database."),
      APP_SECRETS,
      APP_SETTINGS);

  private static final Shape.Section ROOT = section(
      required("appliance", APPLIANCE, "Settings of the appliance platform."),
      required("app", APP, "Settings of the application."),
      SSH_AUTHORIZED_KEYS);

  /** The path of every field, by identity: the two volumes' device and ignore keys are equal records. */
  private static final Map<Field, String> PATHS = paths(ROOT, "", new IdentityHashMap<>());

  private EnvSchema() {}

  /** The root section of env.yml. */
  public static Shape.Section root() {
    return ROOT;
  }

  /**
   * The path of {@code field}, like {@code appliance/backup/schedule} ({@code N} for the items of a list).
   *
   * @throws IllegalArgumentException if {@code field} is not one of this schema's fields
   */
  public static String path(Field field) {
    String path = PATHS.get(field);
    if (path == null) {
      throw new IllegalArgumentException("the key '" + field.name() + "' is not part of the env schema");
    }
    return path;
  }

  private static Map<Field, String> paths(Shape shape, String prefix, Map<Field, String> paths) {
    if (shape instanceof Shape.ListOf list) {
      paths(list.element(), prefix + "/N", paths);
    } else if (shape instanceof Shape.Section section) {
      for (Field field : section.fields()) {
        String path = prefix.isEmpty() ? field.name() : prefix + "/" + field.name();
        paths.put(field, path);
        paths(field.shape(), path, paths);
      }
    }
    return paths;
  }

  /** The fix for a repository URL that holds a password: where the login of its scheme goes instead. */
  private static String loginOf(String scheme) {
    return switch (scheme) {
      case "sftp" -> "sftp logs in with " + path(BACKUP_SSH_KEY) + ", never a password";
      case "rest+http", "rest+https" -> "put the password in " + path(BACKUP_REST_PASSWORD);
      case "s3" -> "put the keys in " + path(BACKUP_S3) + " and remove user:password@";
      default -> "remove user:password@";
    };
  }

  private static Field volumeLabel(String label, String holds) {
    return of("label", scalar(Types.pattern("a file-system label", "[A-Za-z0-9_-]{1,16}",
        "use at most 16 letters, digits, - and _")), label, "Label of the file system to mount; it holds " + holds + ".");
  }

  private static Field volumeDevice() {
    return optional("device", scalar(Types.absolutePath()), "Device to mount instead of looking up the label, like /dev/vdb1.");
  }

  private static Field volumeEncrypted() {
    return of("encrypted", BOOL, "false", "true: the disk is a LUKS2 volume opened with passphrase ('appliance storage"
        + " setup' makes one); it protects a disk taken without the env.");
  }

  private static Field volumePassphrase() {
    return optional("passphrase", scalar(new SecretType(32)),
        "The LUKS2 passphrase (env-new generates it); encrypted: true needs it. Lost with the env, the disk is lost.");
  }

  private static Field volumeIgnore() {
    return of("ignore", BOOL, "false", "true: use the directory on the root file system and mount nothing.");
  }
}
