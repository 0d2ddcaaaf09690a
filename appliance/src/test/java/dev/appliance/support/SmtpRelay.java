package dev.appliance.support;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.env.secrets.Pem;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real mail relay on 127.0.0.1 for the tests: {@code src/test/resources/smtp-relay.py}, Debian's python3-aiosmtpd,
 * in a process of its own. {@link #secured} requires STARTTLS, with a self-signed certificate made here, and then a
 * login as {@link #USER}; {@link #plain} offers neither. Every message it accepts is kept in a folder, with what the
 * relay saw (TLS, the login), and {@link #received()} reads them back.
 */
public final class SmtpRelay implements AutoCloseable {

  public static final String USER = "appliance-alerts";
  public static final String PASSWORD = "Relay-pw-7Hq2Zx9Lm4";
  /** The names of the relay in its certificate by default: the test's channels reach it as localhost. */
  public static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1");

  private static final Path SCRIPT = Path.of("src/test/resources/smtp-relay.py").toAbsolutePath();
  /** Debian's interpreter, which sees Debian's python3-aiosmtpd (another python3 on the PATH may not). */
  private static final String PYTHON = "/usr/bin/python3";
  private static final Duration START = Duration.ofSeconds(15);

  private final Process process;
  private final int port;
  private final Path mail;
  private final Path log;
  private final SSLSocketFactory trusting;

  private SmtpRelay(Process process, int port, Path mail, Path log, SSLSocketFactory trusting) {
    this.process = process;
    this.port = port;
    this.mail = mail;
    this.log = log;
    this.trusting = trusting;
  }

  /**
   * A relay that requires STARTTLS (its certificate names {@code names}), then a login as {@link #USER} with
   * {@link #PASSWORD}, and refuses {@code refused} as sender and recipient.
   */
  public static SmtpRelay secured(Path dir, List<String> names, String... refused) throws Exception {
    Files.createDirectories(dir);
    X509Certificate certificate = selfSigned(names, dir.resolve("relay.crt"), dir.resolve("relay.key"));
    List<String> options = new ArrayList<>(List.of("--cert", dir.resolve("relay.crt").toString(),
        "--key", dir.resolve("relay.key").toString(), "--user", USER));
    Arrays.stream(refused).forEach(address -> options.addAll(List.of("--refuse", address)));
    return start(dir, options, trustingOnly(certificate));
  }

  /** A relay that offers neither STARTTLS nor a login, and takes every message. */
  public static SmtpRelay plain(Path dir) throws Exception {
    Files.createDirectories(dir);
    return start(dir, List.of(), null);
  }

  public int port() {
    return port;
  }

  /** Trusts the relay's own certificate and nothing else; only for a {@link #secured} relay. */
  public SSLSocketFactory trusting() {
    if (trusting == null) {
      throw new IllegalStateException("a plain relay has no certificate");
    }
    return trusting;
  }

  /** What the relay printed, for a failing test's message. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /** Every message the relay accepted, in the order it accepted them. */
  public List<Received> received() throws IOException, MessagingException {
    List<Path> files;
    try (Stream<Path> list = Files.list(mail)) {
      files = list.filter(p -> p.toString().endsWith(".eml"))
          .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replace(".eml", "")))).toList();
    }
    List<Received> received = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        received.add(new Received(new MimeMessage(Session.getInstance(new Properties()), in)));
      }
    }
    return received;
  }

  /** One accepted message, and what the relay saw of its session. */
  public record Received(MimeMessage message) {

    public boolean tls() throws MessagingException {
      return "yes".equals(message.getHeader("X-Relay-TLS", null));
    }

    /** The user that logged in, or {@code none}. */
    public String login() throws MessagingException {
      return message.getHeader("X-Relay-Login", null);
    }

    public String mailFrom() throws MessagingException {
      return message.getHeader("X-Relay-Mail-From", null);
    }

    public List<String> recipients() throws MessagingException {
      return List.of(message.getHeader("X-Relay-Rcpt-To", null).split(", "));
    }

    /** The text, with the line ends as sent (CRLF) turned into Java's. */
    public String text() throws IOException, MessagingException {
      return ((String) message.getContent()).replace("\r\n", "\n");
    }
  }

  /** Stops the relay (SIGTERM to its process, then SIGKILL after 10 s). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static SmtpRelay start(Path dir, List<String> options, SSLSocketFactory trusting) throws Exception {
    if (ProcessRunner.firstOnPath("aiosmtpd").isEmpty()) {
      throw new IllegalStateException("the mail relay of the tests needs aiosmtpd: apt-get install python3-aiosmtpd");
    }
    int port = TestEnvs.freePort();
    Path mail = Files.createDirectories(dir.resolve("mail"));
    Path log = dir.resolve("relay.log");
    List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), String.valueOf(port), mail.toString()));
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("RELAY_PASSWORD", PASSWORD);
    SmtpRelay relay = new SmtpRelay(builder.start(), port, mail, log, trusting);
    try {
      relay.awaitGreeting();
    } catch (Exception e) {
      relay.close();
      throw e;
    }
    return relay;
  }

  /** Waits until the relay greets a client with 220, as a relay does before anything else. */
  private void awaitGreeting() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the mail relay ended (exit " + process.exitValue() + "):\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        socket.setSoTimeout(1000);
        String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
            .readLine();
        if (greeting != null && greeting.startsWith("220 ")) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the mail relay did not greet within " + START.toSeconds() + " s:\n" + log());
  }

  /** An EC key and a self-signed certificate for {@code names} (DNS names or IP addresses), written as PEM. */
  static X509Certificate selfSigned(List<String> names, Path certificateFile, Path keyFile) throws Exception {
    SecureRandom random = new SecureRandom();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair pair = ec.generateKeyPair();
    X500Name subject = new X500Name("CN=" + names.get(0) + ", O=appliance test relay");
    GeneralName[] alternatives = names.stream().map(name -> new GeneralName(
        name.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, name)).toArray(GeneralName[]::new);
    Instant now = Instant.now();
    var holder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random).add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    Files.writeString(certificateFile, Pem.write(holder));
    Files.writeString(keyFile, Pem.write(new JcaPKCS8Generator(pair.getPrivate(), null)));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static SSLSocketFactory trustingOnly(X509Certificate certificate) throws GeneralSecurityException, IOException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("relay", certificate);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context.getSocketFactory();
  }
}
