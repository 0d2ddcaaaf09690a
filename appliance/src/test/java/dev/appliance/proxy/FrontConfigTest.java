package dev.appliance.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.stack.Stack;
import org.junit.jupiter.api.Test;

class FrontConfigTest {

  private static final Stack.Web WEB = new Stack.Web("web", 8080, "/healthz");

  @Test
  void redirectsToHttpsServesTheWebServiceAndTheMaintenancePage() {
    String site = new FrontConfig(WEB, 443, false, false).render();
    assertTrue(site.contains("return 301 https://$host$request_uri;"), site);
    assertTrue(site.contains("location ^~ /.well-known/acme-challenge/"), site);
    assertTrue(site.contains("ssl_protocols TLSv1.2 TLSv1.3;"), site);
    assertTrue(site.contains("set $web http://web:8080;"), site);
    assertTrue(site.contains("if (-f /etc/nginx/appliance/maintenance.html)"), site);
    assertTrue(site.contains("add_header Retry-After 30 always;"), site);
    assertFalse(site.contains("ssl_verify_client"), "no client CA, no client certificates");
    assertFalse(site.contains("{{"), "every placeholder filled");
  }

  @Test
  void anotherHttpsPortIsKeptInTheRedirect() {
    assertTrue(new FrontConfig(WEB, 8443, false, false).render().contains("return 301 https://$host:8443$request_uri;"));
  }

  @Test
  void clientCertificatesOptionalOrMandatoryWithTheCrl() {
    String optional = new FrontConfig(WEB, 443, true, false).render();
    assertTrue(optional.contains("ssl_verify_client optional;"), optional);
    assertTrue(optional.contains("ssl_crl /etc/nginx/ca/crl.pem;"), optional);
    assertTrue(optional.contains("proxy_set_header X-Ssl-Client-Verify $ssl_client_verify;"), optional);
    assertTrue(new FrontConfig(WEB, 443, true, true).render().contains("ssl_verify_client on;"));
  }
}
