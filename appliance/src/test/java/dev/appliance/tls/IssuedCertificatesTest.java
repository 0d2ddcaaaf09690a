package dev.appliance.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import dev.appliance.support.RecordedOwners;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuedCertificatesTest {

  @TempDir
  Path work;

  @Test
  void entriesAreKeptInOrderAndARevocationChangesOnlyItsOwn() throws Exception {
    IssuedCertificates index = new IssuedCertificates(new HostRoot(work, new RecordedOwners()));
    assertEquals(List.of(), index.all(), "no index yet: none issued");
    IssuedCertificate alice = new IssuedCertificate("0A", "alice", "CN=alice,E=alice@example.org",
        Optional.of("alice@example.org"), Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2027-12-01T10:00:00Z"),
        Optional.empty());
    IssuedCertificate bob = RevocationListTest.entry("0B", "bob", Optional.empty());
    index.add(alice);
    index.add(bob);

    index.update(List.of(alice.withRevokedAt(Instant.parse("2026-12-02T08:00:00Z"))));

    assertEquals(List.of(alice.withRevokedAt(Instant.parse("2026-12-02T08:00:00Z")), bob), index.all());
    assertEquals(work.resolve("data/ca/issued.json"), index.file());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(index.file())), "it names people");
  }

  @Test
  void aDamagedIndexIsAnErrorNotAnEmptyOne() throws Exception {
    IssuedCertificates index = new IssuedCertificates(new HostRoot(work, new RecordedOwners()));
    Files.createDirectories(index.file().getParent());
    Files.writeString(index.file(), "{\"certificates\": [{\"serial\": \"0A\"}]}");

    IOException e = assertThrows(IOException.class, index::all);

    assertTrue(e.getMessage().startsWith("the index of issued client certificates " + index.file() + " cannot be read ("),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("restore it from the backup: the CRL is built from it"), e.getMessage());
  }

  @Test
  void serialsAreWrittenAsNginxWritesThem() {
    assertEquals("0ABC", IssuedCertificate.serialText(BigInteger.valueOf(0xabc)));
    assertEquals("7F01", IssuedCertificate.serialText(BigInteger.valueOf(0x7f01)));
  }
}
