package dev.appliance.env.docs;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.spec.Shape;

/** Renders docs/env-reference.md: every key of env.yml with its type, default and meaning. */
public final class EnvReference {

  private static final String RESERVED = "reserved: not acted on yet";

  private EnvReference() {}

  /** The whole reference as Markdown. */
  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# env.yml reference\n\n")
        .append("<!-- Generated from the schema in env-tools (EnvSchema.java) by `bin/env-check --reference`;")
        .append(" a test keeps this file in step with the code. Do not edit by hand. -->\n\n")
        .append("`env.yml` describes one installation, secrets included. It is also cloud-init user-data, so its first")
        .append(" line must be `").append(EnvSchema.HEADER).append("`. `appliance:` holds the platform's settings and `app:`")
        .append(" the application's. Check a file with `env-check env.yml`; `env-new DOMAIN DIR` writes a complete one")
        .append(" with every secret generated. Besides the problems that make a file invalid, env-check prints warnings")
        .append(" (`FILE:LINE:COLUMN: warning: ...`), which do not; `appliance/environment` says which rules apply.\n\n")
        .append("Values follow YAML 1.2: `yes`, `no`, `on` and `off` are text, not booleans; write `true` and `false`.")
        .append(" Secrets (marked *secret*) are never printed by any tool of the project, not even in error messages.\n\n")
        .append("Keys marked *").append(RESERVED).append("* are checked and kept, but nothing on the appliance uses")
        .append(" them yet: they are there so that an env written today stays valid when the capability arrives.\n\n")
        .append("| key | type | default | meaning |\n| --- | --- | --- | --- |\n");
    for (Field field : EnvSchema.root().fields()) {
      rows(out, field, "", "", false);
    }
    out.append("\n## cloud-init keys\n\nThese top-level keys are handed to cloud-init unchanged (the appliance does not read them): ");
    out.append(String.join(", ", EnvSchema.CLOUD_INIT_KEYS.stream().map(k -> "`" + k + "`").toList())).append(".\n");
    return out.toString();
  }

  /**
   * {@code optionalParent} names the nearest optional section above, whose presence makes a key required;
   * {@code reservedParent} says whether a section above is reserved, which makes every key below it reserved.
   */
  private static void rows(StringBuilder out, Field field, String parent, String optionalParent, boolean reservedParent) {
    String path = parent.isEmpty() ? field.name() : parent + "/" + field.name();
    String type = field.shape().describe() + (field.secret() ? ", *secret*" : "");
    String required = optionalParent.isEmpty() ? "**required**" : "**required** in `" + optionalParent + "`";
    String fallback = field.required() ? required : field.defaultValue().map(d -> "`" + d + "`").orElse("none");
    String childOptional = !field.required() && field.defaultValue().isEmpty() || field.shape() instanceof Shape.ListOf ? path : optionalParent;
    boolean reserved = reservedParent || field.reserved();
    String meaning = (reserved ? "*" + RESERVED + ".* " : "") + field.doc();
    out.append("| `").append(path).append("` | ").append(cell(type)).append(" | ").append(cell(fallback))
        .append(" | ").append(cell(meaning)).append(" |\n");
    Shape shape = field.shape();
    String inner = path;
    if (shape instanceof Shape.ListOf list && list.element() instanceof Shape.Section) {
      shape = list.element();
      inner = path + "/N";
    }
    if (shape instanceof Shape.Section section) {
      for (Field child : section.fields()) {
        rows(out, child, inner, childOptional, reserved);
      }
    }
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
