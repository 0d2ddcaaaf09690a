package dev.appliance.stack;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose-style {@code ${VAR}} interpolation from the active env. An unset variable is an error naming it, never an
 * empty string. Supported: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, and
 * {@code $$} for a literal dollar sign.
 */
public final class Interpolation {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$(?:\\$|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*)|(\\{[^}]*}?|))");

  private final Optional<Map<String, String>> variables;

  private Interpolation(Optional<Map<String, String>> variables) {
    this.variables = variables;
  }

  /** Interpolates from {@code variables}. */
  public static Interpolation of(Map<String, String> variables) {
    return new Interpolation(Optional.of(Map.copyOf(variables)));
  }

  /** Checks the syntax only, for reading a stack before there is an env: defaults stand in, other references stay. */
  public static Interpolation deferred() {
    return new Interpolation(Optional.empty());
  }

  /** A reference that cannot be resolved; {@code offset} is where it starts in the text. */
  public static final class InterpolationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String fix;

    InterpolationException(String message, int offset, String fix) {
      super(message);
      this.offset = offset;
      this.fix = fix;
    }

    public int offset() {
      return offset;
    }

    public String fix() {
      return fix;
    }
  }

  /** {@code text} with every reference replaced. */
  public String apply(String text) throws InterpolationException {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start());
      last = m.end();
      if (m.group().equals("$$")) {
        out.append(variables.isPresent() ? "$" : "$$");
        continue;
      }
      if (m.group(5) != null) {
        throw new InterpolationException("'" + m.group() + "' is not a variable reference", m.start(),
            "write ${NAME} with NAME of letters, digits and _, or $$ for a dollar sign");
      }
      String name = m.group(1) != null ? m.group(1) : m.group(4);
      if (variables.isEmpty()) {
        // Deferred: a default stands in, so that values such as ports still parse; anything else waits.
        out.append(m.group(2) != null ? m.group(3) : m.group());
        continue;
      }
      String value = variables.get().get(name);
      boolean useDefault = m.group(2) != null && (value == null || m.group(2).equals(":-") && value.isEmpty());
      if (useDefault) {
        value = m.group(3);
      }
      if (value == null) {
        throw new InterpolationException("the variable " + name + " is not set", m.start(),
            "set app/settings/" + name + " (or app/secrets/" + name + ") in env.yml, or write ${" + name + ":-default}");
      }
      out.append(value);
    }
    return out.append(text.substring(last)).toString();
  }
}
