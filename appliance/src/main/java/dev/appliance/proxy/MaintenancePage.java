package dev.appliance.proxy;

import dev.appliance.env.model.EnvConfig.Environment;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The maintenance page. While {@code /app/etc/front/maintenance.html} exists the front proxy answers every request
 * (but the ACME challenge) with it, status 503 and {@code Retry-After}; nginx looks for the file on each request, so
 * switching needs no reload. The appliance switches it on and off itself (starting, migrating, failed, standby); an
 * operator's {@code maintenance on} also sets {@code flags/maintenance}, and then only {@code maintenance off} ends it.
 */
public final class MaintenancePage {

  /** The page's file name in the front proxy's directory. */
  public static final String FILE = "maintenance.html";
  private static final String OPERATOR_FLAG = "maintenance";

  private final HostRoot root;
  private final Clock clock;

  public MaintenancePage(HostRoot root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  private Path page() {
    return root.front().resolve(FILE);
  }

  private Path operatorFlag() {
    return root.flags().resolve(OPERATOR_FLAG);
  }

  /**
   * Shows {@code title} and {@code text} (plain text, escaped here) to every visitor; a staging or qa installation
   * says so in the title, so that nobody takes it for production.
   */
  public void show(String title, String text) throws IOException {
    String shown = environmentShown().map(e -> e + ": " + title).orElse(title);
    String html = Templates.load("maintenance.html")
        .replace("{{title}}", StringEscapeUtils.escapeHtml4(shown))
        .replace("{{text}}", StringEscapeUtils.escapeHtml4(text).replace("\n", "<br>\n"))
        .replace("{{time}}", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    // Readable by nginx, which runs as www-data in the front container.
    root.files().write(page(), "rw-r--r--", html);
    root.files().write(root.front().resolve(".maintenance-title"), "rw-r--r--", title);
  }

  /** The active env's environment where pages show it; none before an env is active or when it cannot be read. */
  private Optional<String> environmentShown() {
    try {
      Environment environment = ActiveEnv.require(root).config().appliance().environment();
      return environment.shownOnPages() ? Optional.of(environment.name().toLowerCase(Locale.ROOT)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      // The page must show even when the env is the problem (prepare-env's own pages).
      return Optional.empty();
    }
  }

  /** The operator's maintenance: held until {@link #operatorOff()}. */
  public void operatorOn(String message) throws IOException {
    root.files().write(operatorFlag(), "rw-r--r--", message + "\n");
    show("Maintenance", message);
  }

  /** Ends the operator's maintenance and the page. */
  public void operatorOff() throws IOException {
    root.files().delete(operatorFlag());
    root.files().delete(page());
  }

  /**
   * Ends the appliance's own maintenance; an operator's stays.
   *
   * @return whether the page is gone
   */
  public boolean clearAutomatic() throws IOException {
    if (operatorHeld()) {
      return false;
    }
    root.files().delete(page());
    return true;
  }

  public boolean operatorHeld() {
    return Files.exists(operatorFlag());
  }

  /** The title of the page shown now, if any. */
  public Optional<String> shown() throws IOException {
    if (!Files.exists(page())) {
      return Optional.empty();
    }
    Path title = root.front().resolve(".maintenance-title");
    return Optional.of(Files.exists(title) ? Files.readString(title).strip() : "maintenance");
  }
}
