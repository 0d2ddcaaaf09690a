package dev.appliance.env.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  @Test
  void aReservedSectionMarksEveryKeyBelowItAndNothingElse() {
    String reference = EnvReference.markdown();
    String mark = "*reserved: not acted on yet.*";
    assertTrue(row(reference, "appliance/dkim").contains(mark));
    assertTrue(row(reference, "appliance/dkim/selector").contains(mark));
    assertFalse(row(reference, "appliance/update/oncalendar").contains(mark), "the update timer reads it");
    assertFalse(row(reference, "appliance/backup").contains(mark));
    assertFalse(row(reference, "appliance/backup/mirror/url").contains(mark));
    assertFalse(row(reference, "appliance/users/N/name").contains(mark), "prepare-appliance acts on the users");
    assertFalse(row(reference, "appliance/vpn/peers/N/public_key").contains(mark));
    assertFalse(row(reference, "appliance/ssl/letsencrypt/email").contains(mark));
    assertFalse(row(reference, "appliance/ssl/client_certs_mandatory").contains(mark));
    assertFalse(row(reference, "appliance/storage/data/label").contains(mark));
    assertFalse(row(reference, "appliance/domain").contains(mark));
    assertTrue(row(reference, "appliance/metric/gui").contains(mark), "nothing acts on gui yet");
    assertFalse(row(reference, "appliance/metric/port").contains(mark));
  }

  private static String row(String reference, String path) {
    return reference.lines().filter(l -> l.startsWith("| `" + path + "` |")).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + path));
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
