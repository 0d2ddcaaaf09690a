package dev.appliance.alerts;

/**
 * One condition that an operator must know of.
 *
 * @param key stable across runs for the same condition (such as {@code failed/crash-loop/worker}), so that it is sent
 *     once and resolved once: letters, digits and {@code - _ . /}
 * @param summary one line, the subject of a mail
 * @param details what to look at and the command that fixes it
 */
public record Alert(Severity severity, String key, String summary, String details) {

  /** The prefix of the keys the failure flag raises; clearing the flag resolves them, the heartbeat reports them. */
  public static final String FAILED = "failed/";

  public Alert {
    if (!key.matches("[A-Za-z0-9][A-Za-z0-9._/-]*")) {
      throw new IllegalArgumentException("alert key " + key + ": letters, digits and - _ . / only");
    }
    summary = summary.replace('\n', ' ').strip();
  }

  public static Alert critical(String key, String summary, String details) {
    return new Alert(Severity.CRITICAL, key, summary, details);
  }

  public static Alert warning(String key, String summary, String details) {
    return new Alert(Severity.WARNING, key, summary, details);
  }

  public static Alert info(String key, String summary, String details) {
    return new Alert(Severity.INFO, key, summary, details);
  }

  /** Whether the failure flag raised it. */
  public boolean failure() {
    return key.startsWith(FAILED);
  }
}
