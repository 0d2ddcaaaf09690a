package dev.appliance.env.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.spec.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/env-reference.md is generated from the schema and must match it. */
class EnvReferenceTest {

  private static final Path REFERENCE = Path.of("../docs/env-reference.md");

  @Test
  void theCommittedReferenceMatchesTheSchema() throws IOException {
    assertEquals(EnvReference.markdown(), Files.readString(REFERENCE),
        "docs/env-reference.md is out of date; regenerate it with: bin/env-check --reference > docs/env-reference.md");
  }

  @Test
  void everyKeyOfTheSchemaIsDocumented() throws IOException {
    String reference = Files.readString(REFERENCE);
    for (Field field : EnvSchema.root().fields()) {
      assertDocumented(reference, field, "");
    }
  }

  private static void assertDocumented(String reference, Field field, String parent) {
    String path = parent.isEmpty() ? field.name() : parent + "/" + field.name();
    assertTrue(reference.contains("| `" + path + "` |"), "no row for " + path);
    assertTrue(!field.doc().isBlank(), "no text for " + path);
    Shape shape = field.shape();
    if (shape instanceof Shape.ListOf list && list.element() instanceof Shape.Section) {
      shape = list.element();
      path = path + "/N";
    }
    if (shape instanceof Shape.Section section) {
      for (Field child : section.fields()) {
        assertDocumented(reference, child, path);
      }
    }
  }
}
