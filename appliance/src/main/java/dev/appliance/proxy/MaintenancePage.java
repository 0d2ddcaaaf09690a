package dev.appliance.proxy;

import dev.appliance.env.files.AtomicWriter;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

  public MaintenancePage(HostRoot root) {
    this.root = root;
  }

  private Path page() {
    return root.front().resolve(FILE);
  }

  private Path operatorFlag() {
    return root.flags().resolve(OPERATOR_FLAG);
  }

  /** Shows {@code title} and {@code text} (plain text, escaped here) to every visitor. */
  public void show(String title, String text) throws IOException {
    String html = Templates.load("maintenance.html")
        .replace("{{title}}", StringEscapeUtils.escapeHtml4(title))
        .replace("{{text}}", StringEscapeUtils.escapeHtml4(text).replace("\n", "<br>\n"))
        .replace("{{time}}", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    // Readable by nginx, which runs as www-data in the front container.
    AtomicWriter.replace(page(), "rw-r--r--", html);
    Files.writeString(root.front().resolve(".maintenance-title"), title);
  }

  /** The operator's maintenance: held until {@link #operatorOff()}. */
  public void operatorOn(String message) throws IOException {
    Files.createDirectories(root.flags());
    AtomicWriter.replace(operatorFlag(), "rw-r--r--", message + "\n");
    show("Maintenance", message);
  }

  /** Ends the operator's maintenance and the page. */
  public void operatorOff() throws IOException {
    Files.deleteIfExists(operatorFlag());
    Files.deleteIfExists(page());
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
    Files.deleteIfExists(page());
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
