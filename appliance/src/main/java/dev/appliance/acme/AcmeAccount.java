package dev.appliance.acme;

import dev.appliance.host.HostRoot;
import dev.appliance.host.PropertiesFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Properties;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The ACME account: one key in {@code /data/tls/acme/account.key} (0600, in the backups with /data), registered with
 * each CA once, with the e-mail and the terms agreed. Each CA's account URL is kept in {@code accounts}.
 */
final class AcmeAccount {

  /** The account key on disk cannot be read: never replaced silently, since a new key is a new account. */
  static final class UnreadableKeyException extends IOException {
    private static final long serialVersionUID = 1L;

    UnreadableKeyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final HostRoot root;

  AcmeAccount(HostRoot root) {
    this.root = root;
  }

  static Path directory(HostRoot root) {
    return root.tls().resolve("acme");
  }

  /** {@code /data/tls/acme}: root's alone, although its parent is readable by the front's nginx. */
  static void prepareDirectory(HostRoot root) throws IOException {
    root.files().createDirectories(directory(root));
    root.files().own(directory(root), 0, 0, "rwx------");
  }

  private Path keyFile() {
    return directory(root).resolve("account.key");
  }

  private Path accountsFile() {
    return directory(root).resolve("accounts");
  }

  /**
   * Logs in to {@code session}'s CA, registering the key the first time. For a key the CA knows, newAccount
   * answers with the existing account, so the same account is used whether or not its URL was kept.
   */
  Login login(Session session, Optional<String> email, Consumer<String> log) throws IOException, GeneralSecurityException,
      AcmeException {
    AccountBuilder account = new AccountBuilder().agreeToTermsOfService().useKeyPair(key());
    email.ifPresent(account::addEmail);
    Login login = account.createLogin(session);
    keepContact(login, email, log);
    Properties accounts = PropertiesFile.load(accountsFile());
    String url = login.getAccountLocation().toString();
    if (!url.equals(accounts.getProperty(session.getServerUri().toString()))) {
      accounts.setProperty(session.getServerUri().toString(), url);
      root.files().write(accountsFile(), "rw-------", PropertiesFile.text(accounts));
    }
    return login;
  }

  /**
   * An e-mail changed in the env since the account was registered is changed at the CA too (newAccount for a known
   * key leaves the contact as it was); a CA that refuses it costs a log line, never the order.
   */
  private static void keepContact(Login login, Optional<String> email, Consumer<String> log) {
    List<URI> wanted = email.map(e -> List.of(URI.create("mailto:" + e))).orElse(List.of());
    try {
      Account registered = login.getAccount();
      if (!registered.getContacts().equals(wanted)) {
        Account.EditableAccount edit = registered.modify();
        edit.getContacts().clear();
        email.ifPresent(edit::addEmail);
        edit.commit();
        log.accept("certificate: the account's contact at the CA is now " + (wanted.isEmpty() ? "none" : wanted.get(0)));
      }
    } catch (AcmeException | RuntimeException e) {
      // acme4j's lazy loading throws unchecked; the contact is a courtesy of the CA's, not needed for an order.
      log.accept("certificate: the account's contact at the CA was not updated: " + e.getMessage());
    }
  }

  /** The account URL registered at the CA with {@code directory}, if any. */
  Optional<String> url(String directory) throws IOException {
    return Optional.ofNullable(PropertiesFile.load(accountsFile()).getProperty(directory));
  }

  private KeyPair key() throws IOException, GeneralSecurityException {
    if (Files.isRegularFile(keyFile())) {
      try {
        return KeyPairUtils.readKeyPair(new StringReader(Files.readString(keyFile())));
      } catch (IOException | ClassCastException e) {
        throw new UnreadableKeyException("the ACME account key " + keyFile() + " cannot be read (" + e.getMessage()
            + "); restore it from the backup, or move it away to register a new account on the next order", e);
      }
    }
    // Bouncy Castle's EC private key carries its public key, which the PEM must hold to be read back as a pair.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    StringWriter pem = new StringWriter();
    KeyPairUtils.writeKeyPair(key, pem);
    prepareDirectory(root);
    root.files().write(keyFile(), "rw-------", pem.toString());
    return key;
  }
}
