package dev.appliance.env.model;

import dev.appliance.env.model.EnvConfig.AlertConfig;
import dev.appliance.env.model.EnvConfig.AppConfig;
import dev.appliance.env.model.EnvConfig.ApplianceConfig;
import dev.appliance.env.model.EnvConfig.BackupConfig;
import dev.appliance.env.model.EnvConfig.DkimConfig;
import dev.appliance.env.model.EnvConfig.Environment;
import dev.appliance.env.model.EnvConfig.KeyAndCertificate;
import dev.appliance.env.model.EnvConfig.MetricConfig;
import dev.appliance.env.model.EnvConfig.Retention;
import dev.appliance.env.model.EnvConfig.SmtpConfig;
import dev.appliance.env.model.EnvConfig.SslConfig;
import dev.appliance.env.model.EnvConfig.StorageConfig;
import dev.appliance.env.model.EnvConfig.UpdateConfig;
import dev.appliance.env.model.EnvConfig.UserConfig;
import dev.appliance.env.model.EnvConfig.Volume;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Turns a document that passed validation into an {@link EnvConfig}, applying the schema's defaults. */
final class EnvConfigReader {

  private EnvConfigReader() {}

  static EnvConfig read(Node root) {
    Values v = Values.of(root);
    return new EnvConfig(appliance(v), app(v), v.texts("ssh_authorized_keys"));
  }

  private static ApplianceConfig appliance(Values v) {
    String a = "appliance/";
    return new ApplianceConfig(v.text(a + "domain"), v.bool(a + "standby"),
        Environment.valueOf(v.text(a + "environment").toUpperCase(Locale.ROOT)),
        new SslConfig(v.bool(a + "ssl/letsencrypt/enabled"), v.optional(a + "ssl/letsencrypt/email"),
            v.bool(a + "ssl/client_certs_mandatory"), keyPair(v, a + "ssl/"), keyPair(v, a + "ssl/client_ca/")),
        new StorageConfig(volume(v, a + "storage/data/"), volume(v, a + "storage/volatile/")),
        new BackupConfig(URI.create(v.text(a + "backup/url")), Secret.of(v.text(a + "backup/secret")),
            v.text(a + "backup/schedule"), new Retention(v.integer(a + "backup/retention/daily"),
                v.integer(a + "backup/retention/weekly"), v.integer(a + "backup/retention/monthly"))),
        new UpdateConfig(v.bool(a + "update/automatic"), v.text(a + "update/oncalendar")),
        alert(v, a + "alert/"),
        new MetricConfig(v.bool(a + "metric/exporter"), v.bool(a + "metric/server"), v.bool(a + "metric/gui")),
        v.present(a + "dkim") ? Optional.of(new DkimConfig(Secret.of(v.text(a + "dkim/key")), v.text(a + "dkim/selector")))
            : Optional.empty(),
        v.items(a + "users").stream().map(u -> new UserConfig(u.text("name"), u.texts("ssh_authorized_keys"),
            u.bool("sudo"), u.text("state").equals("present"))).toList());
  }

  private static Optional<KeyAndCertificate> keyPair(Values v, String prefix) {
    return v.present(prefix + "key") && v.present(prefix + "cert")
        ? Optional.of(new KeyAndCertificate(Secret.of(v.text(prefix + "key")), v.text(prefix + "cert")))
        : Optional.empty();
  }

  private static Volume volume(Values v, String prefix) {
    return new Volume(v.text(prefix + "label"), v.optional(prefix + "device"), v.bool(prefix + "ignore"));
  }

  private static AlertConfig alert(Values v, String prefix) {
    Optional<SmtpConfig> smtp = v.present(prefix + "smtp")
        ? Optional.of(new SmtpConfig(v.text(prefix + "smtp/host"), v.integer(prefix + "smtp/port"),
            v.optional(prefix + "smtp/username"), v.optional(prefix + "smtp/password").map(Secret::of),
            v.bool(prefix + "smtp/starttls")))
        : Optional.empty();
    return new AlertConfig(v.texts(prefix + "email"), v.optional(prefix + "from"), smtp,
        v.optional(prefix + "sentry_dsn").map(Secret::of), v.optional(prefix + "heartbeat_url").map(URI::create));
  }

  private static AppConfig app(Values v) {
    Map<String, Secret> secrets = new LinkedHashMap<>();
    v.map("app/secrets").forEach((name, value) -> secrets.put(name, Secret.of(value)));
    return new AppConfig(v.text("app/database/name"), Secret.of(v.text("app/database/password")), secrets,
        v.map("app/settings"));
  }
}
