package dev.appliance.proxy;

import dev.appliance.containers.StackContainers;
import dev.appliance.env.files.AtomicWriter;
import dev.appliance.host.HostRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The front proxy container: its site checked with {@code nginx -t} in its own image before use, and reloaded. */
public final class FrontProxy {

  /** nginx refused the site; the check's output went to the log. */
  public static final class InvalidSiteException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidSiteException(String message) {
      super(message);
    }
  }

  // The main configuration, pointed at the candidate site instead of the live one.
  private static final String CHECK = "sed 's#/etc/nginx/appliance/\\*.conf#/etc/nginx/appliance/candidate/*.conf#'"
      + " /etc/nginx/nginx.conf > /tmp/check.conf && nginx -t -q -c /tmp/check.conf";

  private final StackContainers containers;
  private final HostRoot root;
  private final String service;
  private final Consumer<String> log;

  public FrontProxy(StackContainers containers, HostRoot root, Consumer<String> log) {
    this.containers = containers;
    this.root = root;
    this.service = containers.stack().appliance().proxy()
        .orElseThrow(() -> new IllegalStateException("the stack names no front proxy (x-appliance/proxy)"));
    this.log = log;
  }

  /**
   * Installs {@code config} if it differs from the live site, after nginx accepted it; reloads a running front.
   *
   * @return whether the site changed
   */
  public boolean install(FrontConfig config) throws IOException, InterruptedException, InvalidSiteException,
      StackContainers.ServiceFailedException {
    String text = config.render();
    Path live = root.front().resolve(FrontConfig.FILE);
    Files.createDirectories(root.front().resolve("acme"));
    if (Files.isRegularFile(live) && Files.readString(live).equals(text)) {
      return false;
    }
    Path candidate = root.front().resolve("candidate").resolve(FrontConfig.FILE);
    AtomicWriter.replace(candidate, "rw-r--r--", text);
    try {
      containers.ensureNetwork();
      long code = containers.runOnce(containers.spec(service).oneOff("check", List.of("sh", "-c", CHECK)), Duration.ofSeconds(60));
      if (code != 0) {
        throw new InvalidSiteException("nginx refused the front proxy's site (see its lines above); " + live + " is unchanged");
      }
    } finally {
      Files.deleteIfExists(candidate);
    }
    AtomicWriter.replace(live, "rw-r--r--", text);
    log.accept("front proxy site written: " + live);
    reload();
    return true;
  }

  /** Tells a running front to reread its site and certificates. */
  public void reload() throws InterruptedException {
    String name = containers.spec(service).name();
    boolean running = containers.inspect(name).map(c -> Boolean.TRUE.equals(c.getState().getRunning())).orElse(false);
    if (running) {
      StringBuilder errors = new StringBuilder();
      long code = containers.exec(service, "www-data", List.of("nginx", "-s", "reload"), new ByteArrayOutputStream(), errors);
      log.accept(code == 0 ? "front proxy reloaded" : "front proxy reload failed: " + errors.toString().strip());
    }
  }
}
