package dev.appliance.env.yaml;

/**
 * One problem found in a configuration file, located for a person to fix it.
 *
 * @param path the key path inside the document, like {@code appliance/ssl/key}, or empty for the whole file
 * @param line 1-based line
 * @param column 1-based column
 * @param message what is wrong; never contains a secret value
 * @param fix how to fix it, or empty
 */
public record ConfigProblem(String path, int line, int column, String message, String fix) {

  /** Formats the problem as {@code FILE:LINE:COLUMN: path: message; fix: ...}. */
  public String format(String file) {
    return format(file, "");
  }

  /** Formats the problem as a warning: {@code FILE:LINE:COLUMN: warning: path: message; fix: ...}. */
  public String formatWarning(String file) {
    return format(file, "warning: ");
  }

  private String format(String file, String kind) {
    StringBuilder out = new StringBuilder().append(file).append(':').append(line).append(':').append(column).append(": ")
        .append(kind);
    if (!path.isEmpty()) {
      out.append(path).append(": ");
    }
    out.append(message);
    if (!fix.isEmpty()) {
      out.append("; fix: ").append(fix);
    }
    return out.toString();
  }
}
