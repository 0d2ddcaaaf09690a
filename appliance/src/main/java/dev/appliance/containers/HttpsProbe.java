package dev.appliance.containers;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks the front proxy, on this machine, for the application's health path, as a visitor would. It checks the
 * path through nginx, not the certificate (which may be a placeholder), so it trusts any. Where the front demands
 * client certificates, it presents one.
 */
public final class HttpsProbe {

  private final URI url;
  private final Optional<KeyManager[]> clientCertificate;
  private SSLContext context;

  public HttpsProbe(int httpsPort, String path) {
    this(httpsPort, path, Optional.empty());
  }

  /** A probe presenting the client certificate of {@code clientCertificate}'s key managers. */
  public HttpsProbe(int httpsPort, String path, Optional<KeyManager[]> clientCertificate) {
    this.url = URI.create("https://127.0.0.1:" + httpsPort + path);
    this.clientCertificate = clientCertificate;
  }

  /** The status answered now, or -1 if nothing answered. */
  public synchronized int status() {
    try {
      HttpsURLConnection connection = (HttpsURLConnection) url.toURL().openConnection();
      if (context == null) {
        context = trustingContext(clientCertificate.orElse(null));
      }
      connection.setSSLSocketFactory(context.getSocketFactory());
      connection.setHostnameVerifier((host, session) -> true);
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(5000);
      connection.setInstanceFollowRedirects(false);
      int status = connection.getResponseCode();
      connection.disconnect();
      return status;
    } catch (IOException | GeneralSecurityException e) {
      return -1;
    }
  }

  public URI url() {
    return url;
  }

  /** A TLS context that accepts any server certificate, for asking this machine's own front proxy. */
  public static SSLContext trustingContext() throws GeneralSecurityException {
    return trustingContext(null);
  }

  private static SSLContext trustingContext(KeyManager[] clientCertificate) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(clientCertificate, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String type) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String type) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    return context;
  }
}
