package dev.appliance.env.model;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole validated env, defaults applied. See docs/env-reference.md for the meaning of every value.
 *
 * @param appliance the platform's settings
 * @param app the application's settings
 * @param sshAuthorizedKeys the cloud-init {@code ssh_authorized_keys}
 */
public record EnvConfig(ApplianceConfig appliance, AppConfig app, List<String> sshAuthorizedKeys) {

  /** What an installation is for. */
  public enum Environment {
    PRODUCTION, STAGING, QA, DEVELOPMENT, BACKUP;

    /** Whether the public failure page shows the failure's details unless the env says otherwise: test data only. */
    public boolean failureDetailsByDefault() {
      return this == QA || this == DEVELOPMENT;
    }

    /** Whether the maintenance and failure pages name it: installations that look like production but are not. */
    public boolean shownOnPages() {
      return this == STAGING || this == QA;
    }
  }

  /**
   * The {@code appliance:} section.
   *
   * @param failureDetails whether the public failure page shows the reason and the recovery command
   *     ({@code failure_details}, by default as the environment says)
   */
  public record ApplianceConfig(DomainName domain, boolean standby, Environment environment, boolean failureDetails,
      SslConfig ssl, StorageConfig storage, BackupConfig backup, UpdateConfig update, AlertConfig alert,
      MetricConfig metric, Optional<DkimConfig> dkim, List<UserConfig> users, FirewallConfig firewall,
      Optional<VpnConfig> vpn) {}

  /** HTTPS: Let's Encrypt, or the operator's own key and certificate chain; the client-certificate CA. */
  public record SslConfig(LetsEncrypt letsEncrypt, boolean clientCertsMandatory,
      Optional<KeyAndCertificate> own, Optional<KeyAndCertificate> clientCa) {}

  /**
   * Certificates from an ACME CA.
   *
   * @param directory {@code production}, {@code staging} or a directory URL
   * @param extraNames names besides the domain, in the order given
   * @param keyType {@code ec-p256} or {@code rsa-2048}
   * @param preflight whether every name must answer over http from this machine before an order
   */
  public record LetsEncrypt(boolean enabled, Optional<String> email, String directory, List<String> extraNames,
      String keyType, boolean stagingFirst, boolean preflight) {}

  /** A private key and its PEM certificate chain. */
  public record KeyAndCertificate(Secret key, String certificates) {}

  /** Where /data and /volatile live. */
  public record StorageConfig(Volume data, Volume volatileStorage) {}

  /**
   * A file system found by label (or device), or the root file system when ignored.
   *
   * @param passphrase the LUKS2 passphrase, present whenever {@code encrypted}
   */
  public record Volume(String label, Optional<String> device, boolean ignore, boolean encrypted,
      Optional<Secret> passphrase) {}

  /**
   * Encrypted backups (restic).
   *
   * @param url the restic repository; it holds no password
   * @param secret the restic repository password
   * @param ssh the login for an sftp:// url (present whenever url or the mirror's url is sftp://)
   * @param rest the rest-server login, if the rest-server needs one
   * @param s3 the access keys for an s3:// url (present whenever url or the mirror's url is s3://)
   * @param drillSchedule when the weekly restore drill runs
   * @param mirror staging only: the repository this appliance restores itself from
   */
  public record BackupConfig(URI url, Secret secret, CalendarExpression schedule, Retention retention,
      Optional<SshAccess> ssh, Optional<RestLogin> rest, Optional<S3Keys> s3, CalendarExpression drillSchedule,
      Optional<Mirror> mirror) {}

  /**
   * The SSH login to an sftp backup server: the private key and the server's known_hosts lines.
   *
   * @param knownHosts lines like {@code [backup.example.org]:2222 ssh-ed25519 AAAA...}, in file order
   */
  public record SshAccess(Secret key, List<String> knownHosts) {}

  /** The rest-server login. */
  public record RestLogin(String username, Secret password) {}

  /** S3 access keys. */
  public record S3Keys(String accessKeyId, Secret secretAccessKey) {}

  /**
   * Another appliance's repository that a staging appliance restores itself from.
   *
   * @param url read only; never equal to the appliance's own backup url
   * @param secret that repository's restic password
   */
  public record Mirror(URI url, Secret secret, CalendarExpression schedule) {}

  /** How many backups of each age are kept. */
  public record Retention(int daily, int weekly, int monthly) {}

  /**
   * Automatic updates.
   *
   * @param automatic whether the update timer runs on {@code onCalendar}
   * @param onCalendar the update window
   * @param reboot when the machine may reboot for an update that needs it; empty: never
   */
  public record UpdateConfig(boolean automatic, CalendarExpression onCalendar, Optional<CalendarExpression> reboot) {}

  /** Where alerts go. */
  public record AlertConfig(List<String> email, Optional<String> from, Optional<SmtpConfig> smtp,
      Optional<Secret> sentryDsn, Optional<URI> heartbeatUrl) {}

  /** The mail relay for alerts. */
  public record SmtpConfig(DomainName host, int port, Optional<String> username, Optional<Secret> password,
      boolean starttls) {}

  /**
   * Which metrics services run.
   *
   * @param exporter whether the supervisor serves its metrics and alert receiver on 127.0.0.1:{@code port}
   * @param server whether Prometheus runs on the appliance
   * @param gui reserved: nothing acts on it yet
   */
  public record MetricConfig(boolean exporter, int port, boolean server, boolean gui) {}

  /** DKIM signing of outgoing mail. */
  public record DkimConfig(Secret key, String selector) {}

  /** An operator account; {@code present} false means it is removed. */
  public record UserConfig(String name, List<String> sshAuthorizedKeys, boolean sudo, boolean present) {}

  /**
   * Inbound traffic allowed by the appliance's nftables table.
   *
   * @param enabled false: no table of the appliance's
   * @param sshFrom networks in CIDR form that may reach port 22
   * @param httpsFrom networks that may reach ports 80 and 443
   * @param ports more ports open to anywhere
   */
  public record FirewallConfig(boolean enabled, List<String> sshFrom, List<String> httpsFrom, List<Port> ports) {}

  /** A port and its protocol ({@code tcp} or {@code udp}). */
  public record Port(int number, String protocol) {}

  /**
   * The WireGuard VPN, present only when the env enables it.
   *
   * @param address the appliance's address in the VPN with the VPN's prefix length, like {@code 10.77.0.1/24}
   * @param sshOnly SSH only through the VPN
   * @param httpsOnly HTTP and HTTPS only through the VPN
   */
  public record VpnConfig(Secret privateKey, String address, int listenPort, List<Peer> peers, boolean sshOnly,
      boolean httpsOnly) {}

  /** A VPN peer: its public key and its addresses in the VPN (CIDR form). */
  public record Peer(String name, String publicKey, List<String> allowedIps) {}

  /** The {@code app:} section: the database, and what the containers are given as environment variables. */
  public record AppConfig(String databaseName, Secret databasePassword, Map<String, Secret> secrets,
      Map<String, String> settings) {}
}
