package dev.appliance.alerts;

import static dev.appliance.env.spec.EnvSchema.ALERT_EMAIL;
import static dev.appliance.env.spec.EnvSchema.ALERT_FROM;
import static dev.appliance.env.spec.EnvSchema.SMTP_HOST;
import static dev.appliance.env.spec.EnvSchema.SMTP_PASSWORD;
import static dev.appliance.env.spec.EnvSchema.SMTP_PORT;
import static dev.appliance.env.spec.EnvSchema.SMTP_STARTTLS;
import static dev.appliance.env.spec.EnvSchema.SMTP_USERNAME;

import dev.appliance.env.model.EnvConfig.SmtpConfig;
import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Why the relay did not take an alert mail, told for people: which relay, what it answered, and what to check in
 * the env. Decided by the exceptions' types and the SMTP session's state, never by their text. No message holds
 * the password: they quote the relay's replies and the env's addresses, never what the channel sent to log in.
 */
final class MailFailure {

  private final SmtpConfig smtp;
  private final String from;
  private final String relay;

  MailFailure(SmtpConfig smtp, String from) {
    this.smtp = smtp;
    this.from = from;
    this.relay = "the mail relay " + smtp.host() + ":" + smtp.port();
  }

  /** A failure while connecting, greeting, starting TLS or logging in. */
  IOException ofConnect(MessagingException e, SMTPTransport transport) {
    // Angus Mail refuses after the EHLO reply (250) when it lists no STARTTLS; after STARTTLS no reply lists it.
    boolean noStartTls = smtp.starttls() && transport.getLastReturnCode() == 250
        && !transport.supportsExtension("STARTTLS") && !(e instanceof AuthenticationFailedException);
    if (noStartTls) {
      return failure(relay + " offers no STARTTLS, and " + key(SMTP_STARTTLS) + " is true, so nothing was sent (not"
          + " even the login); check " + key(SMTP_PORT) + " (the submission port with STARTTLS is usually 587), or set "
          + key(SMTP_STARTTLS) + ": false only for a relay on a network you trust", e);
    }
    return of(e);
  }

  /** A failure at any step. */
  IOException of(MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return failure(relay + " refused the login as '" + smtp.username().orElse("") + "': " + reply(e.getMessage())
          + "; check " + key(SMTP_USERNAME) + " and " + key(SMTP_PASSWORD), e);
    }
    if (e instanceof MailConnectException || cause(e, UnknownHostException.class).isPresent()) {
      return failure(unreachable(e) + "; check " + key(SMTP_HOST) + " and " + key(SMTP_PORT)
          + ", and that this machine may connect to it (a firewall may block outgoing mail ports)", e);
    }
    if (cause(e, CertificateException.class).isPresent()) {
      return failure(relay + " showed a certificate that was refused (" + innermost(e).getMessage() + "); the relay"
          + " must show one that a public certificate authority issued for the name in " + key(SMTP_HOST), e);
    }
    if (cause(e, SocketTimeoutException.class).isPresent()) {
      return failure(relay + " did not answer within " + MailChannel.IO_TIMEOUT.toSeconds() + " s; check "
          + key(SMTP_PORT) + ": the submission port with STARTTLS is usually 587, and port 465 (TLS from the first"
          + " byte) is not spoken", e);
    }
    return refused(e);
  }

  /** The env gives a login, and the relay offers none. */
  IOException noLogin() {
    return failure(relay + " offers no login (no AUTH in its EHLO reply), though " + key(SMTP_USERNAME)
        + " is given, so nothing was sent; check " + key(SMTP_HOST) + " and " + key(SMTP_PORT)
        + ", or remove the username if the relay takes mail from this machine without one", null);
  }

  private String unreachable(MessagingException e) {
    if (cause(e, UnknownHostException.class).isPresent()) {
      return "the name of the mail relay, " + smtp.host() + ", is not known (DNS)";
    }
    if (cause(e, SocketTimeoutException.class).isPresent()) {
      return relay + " could not be reached: no connection within " + MailChannel.CONNECT_TIMEOUT.toSeconds() + " s";
    }
    if (cause(e, ConnectException.class).isPresent()) {
      return relay + " refused the connection (nothing listens on port " + smtp.port() + ")";
    }
    return relay + " could not be reached (" + innermost(e).getMessage() + ")";
  }

  private IOException refused(MessagingException e) {
    if (cause(e, SMTPSenderFailedException.class).isPresent()) {
      return failure(relay + " refused the sender " + from + ": " + reply(e.getMessage()) + "; check "
          + key(ALERT_FROM) + " (a relay often lets a login send only as its own addresses)", e);
    }
    Optional<SMTPAddressFailedException> recipient = cause(e, SMTPAddressFailedException.class);
    if (recipient.isPresent()) {
      return failure(relay + " refused the recipient " + recipient.get().getAddress() + ": "
          + reply(recipient.get().getMessage()) + "; check " + key(ALERT_EMAIL) + " (nothing was sent to anyone)", e);
    }
    if (e instanceof SMTPSendFailedException sending) {
      return failure(relay + " refused the mail: " + reply(sending.getMessage()), e);
    }
    Throwable innermost = innermost(e);
    return failure("sending through " + relay + " failed: " + e.getMessage()
        + (innermost == e ? "" : " (" + innermost.getMessage() + ")"), e);
  }

  private static IOException failure(String message, Exception cause) {
    return new IOException(message, cause);
  }

  /** A relay's reply as one line, such as {@code 535 5.7.8 Authentication credentials invalid}. */
  private static String reply(String text) {
    return text == null ? "(no reply)" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String key(Field field) {
    return EnvSchema.path(field);
  }

  /** The first of {@code e} and its causes (a MessagingException's next exception is its cause) of {@code type}. */
  private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private static Throwable innermost(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
