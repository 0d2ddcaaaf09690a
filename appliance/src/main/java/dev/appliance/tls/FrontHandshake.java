package dev.appliance.tls;

import dev.appliance.containers.HttpsProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A TLS handshake with the front proxy on this machine, with the domain as SNI as a visitor's browser sends it, to
 * read the certificate nginx has loaded: after a renewal that was not reloaded, not the one in {@code /data/tls}. It
 * trusts any certificate, since it reads what is served rather than judging it.
 */
public final class FrontHandshake implements ServedCertificateWatch.Probe {

  static final int CONNECT_MILLIS = 2_000;
  static final int HANDSHAKE_MILLIS = 5_000;

  private final int httpsPort;

  /** @param httpsPort the front's port on 127.0.0.1 ({@code --https-port}; 443 on an appliance) */
  public FrontHandshake(int httpsPort) {
    this.httpsPort = httpsPort;
  }

  /** @throws IOException naming 127.0.0.1:PORT when nothing answers, in time, with a TLS certificate */
  @Override
  public ServedCertificate served(String domain) throws IOException {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), httpsPort), CONNECT_MILLIS);
      plain.setSoTimeout(HANDSHAKE_MILLIS);
      try (SSLSocket tls = (SSLSocket) HttpsProbe.trustingContext().getSocketFactory()
          .createSocket(plain, domain, httpsPort, true)) {
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(domain)));
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        Certificate[] chain = tls.getSession().getPeerCertificates();
        if (!(chain[0] instanceof X509Certificate leaf)) {
          throw new CertificateException("served no X.509 certificate");
        }
        return ServedCertificate.of(leaf);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IOException("127.0.0.1:" + httpsPort + ": " + (e.getMessage() == null ? "no answer" : e.getMessage()), e);
    }
  }
}
