package dev.appliance.proxy;

import dev.appliance.containers.StackContainers;
import dev.appliance.containers.ServiceFailedException;
import dev.appliance.host.HostRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
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
   * Installs {@code config} if it differs from the live site, after nginx accepted it. A running front reads it
   * on its next reload ({@link #reload()}).
   *
   * @return whether the site changed
   */
  public boolean install(FrontConfig config) throws IOException, InterruptedException, InvalidSiteException,
      ServiceFailedException {
    String text = config.render();
    Path live = root.front().resolve(FrontConfig.FILE);
    root.files().createDirectories(root.front().resolve("acme"));
    if (current(config)) {
      return false;
    }
    Path candidate = root.front().resolve("candidate").resolve(FrontConfig.FILE);
    root.files().write(candidate, "rw-r--r--", text);
    try {
      long code = containers.runOnce(containers.spec(service).oneOff("check", List.of("sh", "-c", CHECK)), Duration.ofSeconds(60));
      if (code != 0) {
        throw new InvalidSiteException("nginx refused the front proxy's site (see its lines above); " + live + " is unchanged");
      }
    } finally {
      root.files().delete(candidate);
    }
    root.files().write(live, "rw-r--r--", text);
    log.accept("front proxy site written: " + live);
    return true;
  }

  /** Whether the live site is {@code config} already. */
  public boolean current(FrontConfig config) throws IOException {
    Path live = root.front().resolve(FrontConfig.FILE);
    return Files.isRegularFile(live) && Files.readString(live).equals(config.render());
  }

  /**
   * What the front reads: its site, key, certificate chain, client CA and CRL, as one digest. Equal digests mean
   * a front that loaded the one has the other.
   */
  public String fingerprint() throws IOException {
    MessageDigest digest = DigestUtils.getSha256Digest();
    for (Path file : List.of(root.front().resolve(FrontConfig.FILE), root.tls().resolve("server.key"),
        root.tls().resolve("server.crt"), root.clientCa().resolve("ca.crt"), root.clientCa().resolve("crl.pem"))) {
      digest.update((file + "\n").getBytes(StandardCharsets.UTF_8));
      if (Files.isRegularFile(file)) {
        digest.update(Files.readAllBytes(file));
      }
    }
    return Hex.encodeHexString(digest.digest());
  }

  /**
   * Tells the running front to reread its site and certificates.
   *
   * @return whether nginx did
   */
  public boolean reload() throws InterruptedException {
    StringBuilder errors = new StringBuilder();
    long code = containers.exec(service, "www-data", List.of("nginx", "-s", "reload"), new ByteArrayOutputStream(), errors);
    log.accept(code == 0 ? "front proxy reloaded" : "front proxy reload failed: " + errors.toString().strip());
    return code == 0;
  }
}
