package dev.appliance.alerts;

import dev.appliance.env.model.EnvConfig.ApplianceConfig;
import dev.appliance.env.model.EnvConfig.SmtpConfig;
import dev.appliance.env.model.Secret;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Alert mail to {@code appliance/alert/email} through the relay {@code appliance/alert/smtp}, with Jakarta Mail
 * (Eclipse Angus Mail). Never directly from the machine: mail from a server's own address is mostly refused as
 * spam. With {@code starttls} (the default) nothing is sent, not even the login, before STARTTLS has succeeded with
 * a certificate that is trusted and names the relay's host. Every step has a bounded timeout, and the channel has
 * a session of its own: no System properties, no default session.
 */
public final class MailChannel implements Channel {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration IO_TIMEOUT = Duration.ofSeconds(20);

  private final SmtpConfig smtp;
  private final List<String> recipients;
  private final String from;
  private final Session session;

  /** Through {@code smtp}, trusting the relays that {@code tls} trusts (the server's name is checked too). */
  MailChannel(String domain, SmtpConfig smtp, List<String> recipients, String from, SSLSocketFactory tls) {
    this.smtp = smtp;
    this.recipients = List.copyOf(recipients);
    this.from = from;
    this.session = Session.getInstance(properties(domain, smtp, from, tls));
  }

  /** The channel the env asks for, trusting what the JVM trusts; empty without recipients or without a relay. */
  public static Optional<MailChannel> from(ApplianceConfig appliance) {
    return from(appliance, (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  /** As {@link #from(ApplianceConfig)}, trusting the relay certificates that {@code tls} trusts. */
  public static Optional<MailChannel> from(ApplianceConfig appliance, SSLSocketFactory tls) {
    var alert = appliance.alert();
    String domain = appliance.domain().name();
    if (alert.email().isEmpty() || alert.smtp().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MailChannel(domain, alert.smtp().get(), alert.email(),
        alert.from().orElse("appliance@" + domain), tls));
  }

  @Override
  public String name() {
    return "email";
  }

  /** @throws IOException when the relay did not take the mail; the message says why and what to check in the env */
  @Override
  public void send(Message message) throws IOException {
    MailFailure failure = new MailFailure(smtp, from);
    // Angus Mail's own transport, not one looked up by protocol name: nothing on the class path can replace it.
    SMTPTransport transport = new SMTPTransport(session, null);
    try {
      MimeMessage mail = compose(message);
      connect(transport, failure);
      transport.sendMessage(mail, mail.getAllRecipients());
    } catch (MessagingException e) {
      throw failure.of(e);
    } finally {
      closeQuietly(transport);
    }
  }

  private void connect(SMTPTransport transport, MailFailure failure) throws IOException {
    try {
      transport.connect(smtp.host().name(), smtp.port(), smtp.username().orElse(null),
          smtp.username().isPresent() ? smtp.password().map(Secret::reveal).orElse("") : null);
    } catch (MessagingException e) {
      throw failure.ofConnect(e, transport);
    }
    boolean offersLogin = transport.supportsExtension("AUTH") || transport.supportsExtension("AUTH=LOGIN");
    if (smtp.username().isPresent() && !offersLogin) {
      // Angus Mail would go on without a login; the relay would then refuse the mail or, worse, relay it unchecked.
      throw failure.noLogin();
    }
  }

  private MimeMessage compose(Message message) throws MessagingException {
    MimeMessage mail = new MimeMessage(session);
    mail.setFrom(new InternetAddress(from, true));
    mail.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(String.join(",", recipients), true));
    mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
    mail.setText(message.body(), StandardCharsets.UTF_8.name());
    // RFC 3834: no out-of-office answer or bounce loop should be sent back to a machine.
    mail.setHeader("Auto-Submitted", "auto-generated");
    return mail;
  }

  /** Angus Mail's settings for this relay; see the package documentation of org.eclipse.angus.mail.smtp. */
  private static Properties properties(String domain, SmtpConfig smtp, String from, SSLSocketFactory tls) {
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.connectiontimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
    properties.setProperty("mail.smtp.timeout", String.valueOf(IO_TIMEOUT.toMillis()));
    properties.setProperty("mail.smtp.writetimeout", String.valueOf(IO_TIMEOUT.toMillis()));
    // The EHLO name and the Message-ID's domain: the appliance's, with no lookup of the machine's own name.
    properties.setProperty("mail.smtp.localhost", domain);
    properties.setProperty("mail.from", from);
    properties.setProperty("mail.smtp.auth", String.valueOf(smtp.username().isPresent()));
    properties.setProperty("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
    properties.setProperty("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
    properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    properties.put("mail.smtp.ssl.socketFactory", tls);
    return properties;
  }

  /** Once the relay took the mail (or refused it, which is reported already), a failing QUIT changes nothing. */
  private static void closeQuietly(SMTPTransport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      // Nothing to add to what send reports.
    }
  }
}
