package dev.appliance.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.Secret;
import dev.appliance.support.TestCas;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewClientCertificateTest {

  @TempDir
  Path work;

  @Test
  void aClientAuthCertificateSignedByTheCaInAPkcs12FileOpenedOnlyByItsPassphrase() throws Exception {
    ClientCa ca = ClientCa.of(TestCas.generate("example.org", RevocationListTest.NOW));
    NewClientCertificate made = NewClientCertificate.issue(ca, "Alice Example", Optional.of("alice@example.org"),
        Duration.ofDays(365), RevocationListTest.NOW, new SecureRandom());
    Secret passphrase = Passphrase.generate(new SecureRandom());

    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(new ByteArrayInputStream(made.pkcs12(ca, passphrase)), passphrase.reveal().toCharArray());

    X509Certificate certificate = (X509Certificate) p12.getCertificate("alice example");
    certificate.verify(ca.certificate().getPublicKey());
    assertEquals(made.certificate(), certificate);
    assertEquals(made.key(), p12.getKey("alice example", passphrase.reveal().toCharArray()));
    assertEquals(ca.certificate(), p12.getCertificateChain("alice example")[1]);
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), certificate.getExtendedKeyUsage(), "clientAuth only");
    assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
    assertEquals("CN=Alice Example,E=alice@example.org", made.entry().subject());
    assertEquals("[[1, alice@example.org]]", certificate.getSubjectAlternativeNames().toString());
    assertEquals(RevocationListTest.NOW.plus(Duration.ofDays(365)), certificate.getNotAfter().toInstant());
    assertEquals(IssuedCertificate.serialText(certificate.getSerialNumber()), made.entry().serial());
    assertEquals("EC", made.key().getAlgorithm());
    KeyStore wrong = KeyStore.getInstance("PKCS12");
    assertThrows(IOException.class, () -> wrong.load(new ByteArrayInputStream(made.pkcs12(ca, passphrase)),
        "not the passphrase".toCharArray()));
  }

  @Test
  void aPassphraseFileGivesItsFirstLineAndAShortOneIsRefused() throws Exception {
    assertEquals("correct horse battery", Passphrase.read(Files.writeString(work.resolve("p"), "correct horse battery\r\nmore\n")).reveal());
    Cli.BadInputException shortOne = assertThrows(Cli.BadInputException.class,
        () -> Passphrase.read(Files.writeString(work.resolve("s"), "1234567\n")));
    assertEquals("--passphrase-file " + work.resolve("s") + ": the passphrase on its first line has 7 characters;"
        + " give one of 8 or more", shortOne.getMessage());
    Cli.BadInputException missing = assertThrows(Cli.BadInputException.class, () -> Passphrase.read(work.resolve("none")));
    assertTrue(missing.getMessage().startsWith("--passphrase-file " + work.resolve("none") + " cannot be read ("), missing.getMessage());
    String generated = Passphrase.generate(new SecureRandom()).reveal();
    assertTrue(generated.matches("[A-Za-z0-9]{24}"), generated);
  }
}
