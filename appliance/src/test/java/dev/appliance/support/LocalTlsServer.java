package dev.appliance.support;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS server on 127.0.0.1 (a plain socket whose connections are each wrapped in the TLS server side of the moment)
 * that completes handshakes with a certificate of the test's choosing, issued by a test CA
 * ({@code CN=Test CA,O=appliance tests}); {@link #serve} swaps it, as a front's reload would. It records the SNI of
 * each handshake.
 */
public final class LocalTlsServer implements AutoCloseable {

  public static final String CA = "CN=Test CA,O=appliance tests";

  private final KeyPair ca = keyPair();
  private final ServerSocket socket;
  private final Thread acceptor;
  private volatile SSLContext context;
  public final List<String> serverNames = new CopyOnWriteArrayList<>();

  private LocalTlsServer(ServerSocket socket) {
    this.socket = socket;
    this.acceptor = new Thread(this::accept, "local-tls-server");
  }

  /** A server on a free port, serving a certificate for {@code domain} valid from {@code notBefore} to {@code notAfter}. */
  public static LocalTlsServer start(String domain, Instant notBefore, Instant notAfter) throws Exception {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    LocalTlsServer server = new LocalTlsServer(socket);
    server.serve(domain, notBefore, notAfter);
    server.acceptor.setDaemon(true);
    server.acceptor.start();
    return server;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** From now on serves a new certificate for {@code domain}, signed by the test CA. */
  public X509Certificate serve(String domain, Instant notBefore, Instant notAfter) throws Exception {
    KeyPair leaf = keyPair();
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
        new X500Name("O=appliance tests, CN=Test CA") /* real CAs encode the CN last */, BigInteger.valueOf(System.nanoTime()), Date.from(notBefore),
        Date.from(notAfter), new X500Name("CN=" + domain), leaf.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, domain), new GeneralName(GeneralName.dNSName, "www." + domain)}))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", leaf.getPrivate(), new char[0], new X509Certificate[] {certificate});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, new char[0]);
    SSLContext next = SSLContext.getInstance("TLS");
    next.init(keys.getKeyManagers(), null, null);
    context = next;
    return certificate;
  }

  private void accept() {
    while (!socket.isClosed()) {
      // Wrapped with the certificate of the moment: a swap applies to the next connection.
      try (Socket plain = socket.accept();
          SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false)) {
        tls.setUseClientMode(false);
        tls.setSoTimeout(5000);
        // Recorded as the ClientHello is read, before the client can have its answer.
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
          @Override
          public boolean matches(SNIServerName name) {
            serverNames.add(((SNIHostName) name).getAsciiName());
            return true;
          }
        }));
        tls.setSSLParameters(parameters);
        tls.startHandshake();
      } catch (IOException e) {
        // a client that went away, or the server closed
      }
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec("secp256r1"));
      return ec.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
