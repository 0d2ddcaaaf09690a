package dev.appliance.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.stack.Stack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    // A visitor's own X-Ssl-Client-Verify: SUCCESS must not reach the application: set empty, nginx drops it.
    assertTrue(site.contains("proxy_set_header X-Ssl-Client-Verify \"\";"), site);
    assertTrue(site.contains("proxy_set_header X-Ssl-Client-S-Dn \"\";"), site);
    assertThrows(IllegalArgumentException.class, () -> new FrontConfig(WEB, 443, false, true), "mandatory without a CA");
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
    assertTrue(optional.contains("error_page 495 496 =403 @client_certificate_required;"), "a failing certificate gets the page");
    assertFalse(optional.contains("return 496;"), "a missing certificate is the application's business");
  }

  @Test
  void mandatoryClientCertificatesAreCheckedInTheApplicationsLocationWithAPage() {
    String mandatory = new FrontConfig(WEB, 443, true, true).render();
    // 'on' would refuse the ACME challenge over HTTPS too: location / refuses instead.
    assertTrue(mandatory.contains("ssl_verify_client optional;"), mandatory);
    String application = mandatory.substring(mandatory.indexOf("  location / {"));
    assertTrue(application.contains("    if ($ssl_client_verify != SUCCESS) {\n      return 496;\n    }"), application);
    String page = mandatory.substring(mandatory.indexOf("location @client_certificate_required {"));
    assertTrue(page.startsWith("location @client_certificate_required {\n    default_type text/html;\n    return 403 \"<!DOCTYPE html>"), page);
    assertTrue(page.contains("<h1>Client certificate required</h1>") && page.contains("Ask the operator of this site"), page);
    assertTrue(page.contains("<code>$ssl_client_verify</code>"), "says what nginx found");
    assertFalse(mandatory.contains("{{"), "every placeholder filled");
  }

  @Test
  void theServerChoosesTheCipher() {
    String site = new FrontConfig(WEB, 443, false, false).render();
    assertTrue(site.contains("ssl_prefer_server_ciphers on;"), site);
    assertTrue(site.contains("ssl_ciphers ECDHE-ECDSA-AES256-GCM-SHA384:"), "strongest first: " + site);
  }

  @Test
  void securityHeadersOnEveryAnswerAndOnTheMaintenancePage() {
    String site = new FrontConfig(WEB, 443, false, false).render();
    String server = site.substring(site.indexOf("listen 8443"), site.indexOf("location @maintenance"));
    String maintenance = site.substring(site.indexOf("location @maintenance"), site.indexOf("location ^~", site.indexOf("location @maintenance")));
    for (String header : List.of("add_header X-Content-Type-Options $front_x_content_type_options always;",
        "add_header Referrer-Policy $front_referrer_policy always;",
        "add_header X-Frame-Options $front_x_frame_options always;",
        "add_header Content-Security-Policy \"frame-ancestors 'self'\" always;")) {
      assertTrue(server.contains("\n  " + header + "\n"), header + " in " + server);
      // nginx drops the server's add_header in a location that has one of its own.
      assertTrue(maintenance.contains("\n    " + header + "\n"), header + " in " + maintenance);
    }
  }

  @Test
  void theApplicationsOwnHeaderWinsButItsContentSecurityPolicyIsKeptBesideTheFronts() {
    String site = new FrontConfig(WEB, 443, false, false).render();
    // A stricter DENY of the application's must not become the front's SAMEORIGIN.
    assertTrue(site.contains("map $upstream_http_x_frame_options $front_x_frame_options {\n  \"\" \"SAMEORIGIN\";\n"
        + "  default \"\";\n}"), site);
    assertTrue(site.contains("map $upstream_http_referrer_policy $front_referrer_policy {"), site);
    assertFalse(site.contains("$upstream_http_content_security_policy"), "both policies apply: " + site);
    String proxied = site.substring(site.indexOf("location / {", site.indexOf("listen 8443")));
    assertTrue(proxied.contains("    proxy_hide_header Strict-Transport-Security;\n"), "HSTS is the front's: " + proxied);
    assertFalse(proxied.contains("proxy_hide_header X-Frame-Options"), proxied);
  }

  @Test
  void theStackChangesTheHeaders() {
    Map<String, Optional<String>> changes = new LinkedHashMap<>();
    changes.put("x-frame-options", Optional.empty());
    changes.put("Content-Security-Policy", Optional.of("frame-ancestors 'self' https://partner.example"));
    changes.put("Permissions-Policy", Optional.of("camera=()"));
    String site = new FrontConfig(WEB, 443, false, false).withHeaders(new Stack.Front(changes)).render();
    assertFalse(site.contains("X-Frame-Options"), "neither sent nor hidden: the application's own passes: " + site);
    assertEquals(2, site.split("add_header Content-Security-Policy \"frame-ancestors 'self' https://partner.example\" always;", -1).length - 1);
    assertEquals(2, site.split("add_header Permissions-Policy \\$front_permissions_policy always;", -1).length - 1, site);
    assertTrue(site.contains("map $upstream_http_permissions_policy $front_permissions_policy {\n  \"\" \"camera=()\";"), site);
    assertTrue(site.contains("add_header X-Content-Type-Options $front_x_content_type_options always;"), "the others stay: " + site);
  }
}
