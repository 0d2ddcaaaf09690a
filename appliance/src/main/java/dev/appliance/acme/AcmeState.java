package dev.appliance.acme;

import dev.appliance.host.HostRoot;
import dev.appliance.host.PropertiesFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What the CA said last, in {@code /data/tls/acme/state}, kept across restarts: no order before {@code not_before}
 * (a rate limit's Retry-After, or the backoff after a failure: 1 h, doubling, at most 24 h), and which set of names
 * has passed the staging CA. A broken or missing file is a fresh state: at worst one more order is placed.
 */
public final class AcmeState {

  static final Duration FIRST_BACKOFF = Duration.ofHours(1);
  static final Duration LONGEST_BACKOFF = Duration.ofHours(24);
  /** A Retry-After beyond this is a CA's mistake: orders wait a week at most. */
  static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(7);

  private static final String NOT_BEFORE = "not_before";
  private static final String FAILURES = "failures";
  private static final String LAST_ERROR = "last_error";
  private static final String LAST_ORDER = "last_order";
  private static final String LAST_ISSUED = "last_issued";
  private static final String STAGING_PASSED = "staging_passed";
  private static final String ISSUED_BY = "issued_by";
  /** An order cut short (a crash, a reboot) holds the next one back this long, as if it had failed. */
  static final Duration INTERRUPTED_ORDER = Duration.ofMinutes(10);

  private final HostRoot root;
  private final Properties values;

  private AcmeState(HostRoot root, Properties values) {
    this.root = root;
    this.values = values;
  }

  static Path file(HostRoot root) {
    return AcmeAccount.directory(root).resolve("state");
  }

  public static AcmeState load(HostRoot root) throws IOException {
    return new AcmeState(root, PropertiesFile.load(file(root)));
  }

  /** The time before which no order may be placed, if one is set and not past. */
  public Optional<Instant> blockedUntil(Instant now) {
    return instant(NOT_BEFORE).filter(now::isBefore);
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(values.getProperty(LAST_ERROR));
  }

  public Optional<Instant> lastOrder() {
    return instant(LAST_ORDER);
  }

  public Optional<Instant> lastIssued() {
    return instant(LAST_ISSUED);
  }

  public int failures() {
    try {
      return Math.max(0, Integer.parseInt(values.getProperty(FAILURES, "0")));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  boolean hasPassedStaging(List<String> names) {
    return key(names).equals(values.getProperty(STAGING_PASSED));
  }

  /** An order is about to be placed: recorded first, so that a crash mid-order still holds the next one back. */
  void ordering(Instant now) throws IOException {
    values.setProperty(LAST_ORDER, now.toString());
    Optional<Instant> set = instant(NOT_BEFORE).filter(now::isBefore);
    values.setProperty(NOT_BEFORE, set.orElse(now.plus(INTERRUPTED_ORDER)).toString());
    if (set.isEmpty()) {
      values.setProperty(LAST_ERROR, "the order placed at " + now + " did not end (its command was interrupted)");
    }
    save();
  }

  /** The directory of the CA that issued the served certificate, if the appliance ordered it. */
  public Optional<String> issuedBy() {
    return Optional.ofNullable(values.getProperty(ISSUED_BY));
  }

  void passedStaging(List<String> names) throws IOException {
    values.setProperty(STAGING_PASSED, key(names));
    save();
  }

  void issued(List<String> names, String directory, Instant now) throws IOException {
    values.remove(NOT_BEFORE);
    values.setProperty(ISSUED_BY, directory);
    values.remove(FAILURES);
    values.remove(LAST_ERROR);
    values.setProperty(LAST_ISSUED, now.toString());
    // A production certificate proves the setup as staging would.
    values.setProperty(STAGING_PASSED, key(names));
    save();
  }

  /** A failure the CA answered or caused: the next order waits 1 h, then 2 h, 4 h... at most 24 h. */
  Instant failed(Instant now, String error) throws IOException {
    int failures = failures() + 1;
    Duration wait = backoff(failures);
    return block(now.plus(wait), failures, error);
  }

  /** A rate limit: no order until the CA's Retry-After, or the backoff when it gave none. */
  Instant rateLimited(Instant now, Optional<Instant> retryAfter, String error) throws IOException {
    int failures = failures() + 1;
    Instant until = retryAfter.filter(now::isBefore).orElse(now.plus(backoff(failures)));
    if (until.isAfter(now.plus(LONGEST_RETRY_AFTER))) {
      until = now.plus(LONGEST_RETRY_AFTER);
    }
    return block(until, failures, error);
  }

  static Duration backoff(int failures) {
    Duration wait = FIRST_BACKOFF;
    for (int i = 1; i < failures && wait.compareTo(LONGEST_BACKOFF) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
  }

  private Instant block(Instant until, int failures, String error) throws IOException {
    values.setProperty(NOT_BEFORE, until.toString());
    values.setProperty(FAILURES, Integer.toString(failures));
    values.setProperty(LAST_ERROR, error.replace('\n', ' '));
    save();
    return until;
  }

  private Optional<Instant> instant(String key) {
    try {
      return Optional.ofNullable(values.getProperty(key)).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String key(List<String> names) {
    return String.join(" ", new TreeSet<>(names));
  }

  private void save() throws IOException {
    AcmeAccount.prepareDirectory(root);
    root.files().write(file(root), "rw-------", PropertiesFile.text(values));
  }
}
