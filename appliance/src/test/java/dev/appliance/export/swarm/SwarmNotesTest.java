package dev.appliance.export.swarm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.support.TestEnvs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwarmNotesTest {

  @TempDir
  Path dir;

  @Test
  void theNotesTellWhatThisExportMapped() throws Exception {
    String notes = SwarmGoldenTest.export(TestEnvs.STACK, Path.of("/srv/node"), 80, 443).get("EXPORT-NOTES.md").text();

    assertTrue(notes.contains("web waits for postgres (service_healthy), redis (service_healthy)"), notes);
    assertTrue(notes.contains("`reference_migrate-2`"), notes);
    assertTrue(notes.contains("worker (/data/vault)"), notes);
    assertTrue(notes.contains("postgres 512M, redis 128M, web 512M, worker 256M"), notes);
    assertTrue(notes.contains("front publishes 80->8080, 443->8443 in host mode"), notes);
    assertTrue(notes.contains("web DATABASE_PASSWORD_FILE=/run/secrets/DATABASE_PASSWORD"), notes);
    assertTrue(notes.contains("watched for 122s"), notes);
    assertTrue(notes.contains("*-*-* 22:30:00 to file:///volatile/backup-test/"), notes);
    assertTrue(notes.contains("/srv/node/data/ca/ca.crt"), "the env has a client CA");
  }

  @Test
  void aStackWithoutWhatANoteIsAboutGetsNoSuchNote() throws Exception {
    Path stack = TestEnvs.stack(dir, "plain",
        "    volumes:\n      - /data/vault:/data/vault\n    depends_on", "    depends_on",
        "    depends_on:\n      web: {condition: service_healthy}\n", "",
        "    depends_on:\n      postgres: {condition: service_healthy}\n      redis: {condition: service_healthy}\n", "",
        "    mem_limit: 128m\n", "");
    String notes = SwarmGoldenTest.export(stack, Path.of("/"), 80, 443).get("EXPORT-NOTES.md").text();

    assertFalse(notes.contains("Start order"), notes);
    assertFalse(notes.contains("redis 128M"), notes);
    assertTrue(notes.contains("postgres 512M, web 512M, worker 256M"), notes);
    assertTrue(notes.contains("web (/data/vault) bind"), notes);
    assertFalse(notes.contains("worker (/data/vault)"), notes);
  }
}
