package dev.appliance.proxy;

import dev.appliance.stack.Stack;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The front proxy's site: HTTP redirected to HTTPS but for the ACME challenge; TLS 1.2 and 1.3 with forward-secret
 * AEAD ciphers only, in the server's order, and HSTS; the security headers on every HTTPS answer, the maintenance
 * page's too; the stack's web service behind it; client certificates from the CA under {@code /data/ca} with its
 * CRL, optional or mandatory; the maintenance page with 503 while it exists.
 *
 * @param web the service and port to proxy to
 * @param httpsPort the port browsers reach HTTPS on (443 unless the local appliance publishes another)
 * @param clientCertificates whether the env has a client-certificate CA
 * @param clientCertificatesMandatory whether a request without a valid client certificate is refused
 * @param headers the headers the front sends on every HTTPS answer besides HSTS, by name, in order; each value
 *     printable ASCII without {@code "}, {@code \} or {@code $} (the stack reader checks a stack's)
 */
public record FrontConfig(Stack.Web web, int httpsPort, boolean clientCertificates, boolean clientCertificatesMandatory,
    Map<String, String> headers) {

  /** The site file's name in {@code /app/etc/front}. */
  public static final String FILE = "site.conf";
  /** The page a visitor gets without a valid client certificate, served by nginx from the site itself. */
  static final String CERTIFICATE_REQUIRED_PAGE = "client-certificate-required.html";

  /**
   * What the front sends unless the stack's {@code x-appliance/front/headers} say otherwise: no content sniffing, no
   * full URL to other sites, and no framing by other sites (in the old header and the new policy).
   */
  public static final Map<String, String> DEFAULT_HEADERS = defaults();

  // Each policy an answer carries is enforced, so the front's is added beside the application's own, whatever it is.
  private static final String ADDED_BESIDE = "Content-Security-Policy";

  public FrontConfig {
    if (clientCertificatesMandatory && !clientCertificates) {
      // env-check refuses it; a front that would let everyone in must not be rendered whatever the caller.
      throw new IllegalArgumentException("client certificates are mandatory but there is no client-certificate CA");
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The site with the default headers. */
  public FrontConfig(Stack.Web web, int httpsPort, boolean clientCertificates, boolean clientCertificatesMandatory) {
    this(web, httpsPort, clientCertificates, clientCertificatesMandatory, DEFAULT_HEADERS);
  }

  /**
   * The site of {@code stack} under {@code env}: the env's client certificates, the stack's headers, and the web
   * service's container by its name, not the service's alias: during an update the next version's container has
   * the alias too, and the front must not reach it before it passed its health gate.
   */
  public static FrontConfig of(Stack stack, dev.appliance.env.model.EnvConfig env, int httpsPort) {
    return new FrontConfig(stack.appliance().web(), httpsPort, env.appliance().ssl().clientCa().isPresent(),
        env.appliance().ssl().clientCertsMandatory()).withHeaders(stack.appliance().front())
        .towards(dev.appliance.containers.ContainerSpec.containerName(stack, stack.appliance().web().service()));
  }

  /** This site proxying to {@code host} (a container's name or address) instead. */
  public FrontConfig towards(String host) {
    return new FrontConfig(new Stack.Web(host, web.port(), web.healthPath()), httpsPort, clientCertificates,
        clientCertificatesMandatory, headers);
  }

  /** This site with the default headers as {@code front} changes them. */
  public FrontConfig withHeaders(Stack.Front front) {
    return new FrontConfig(web, httpsPort, clientCertificates, clientCertificatesMandatory, front.applyTo(DEFAULT_HEADERS));
  }

  /** The nginx configuration text. */
  public String render() {
    // 'optional' also when mandatory: location / refuses a missing certificate itself, so that the ACME challenge
    // needs none. nginx answers a certificate that fails (revoked, expired, another CA) with 495 in both modes.
    String clientCertificateLines = !clientCertificates ? "" : String.join("\n",
        "  ssl_client_certificate /etc/nginx/ca/ca.crt;",
        "  ssl_crl /etc/nginx/ca/crl.pem;",
        "  ssl_verify_client optional;",
        "  ssl_verify_depth 2;",
        "  error_page 495 496 =403 @client_certificate_required;",
        "  location @client_certificate_required {",
        "    default_type text/html;",
        "    return 403 \"" + nginxString(Templates.load(CERTIFICATE_REQUIRED_PAGE)).replace("{{verify}}", "$ssl_client_verify") + "\";",
        "  }");
    // Without a CA the headers are set empty, which nginx drops: a visitor's own X-Ssl-Client-Verify never passes.
    String clientHeaderLines = String.join("\n",
        "    proxy_set_header X-Ssl-Client-Verify " + (clientCertificates ? "$ssl_client_verify" : "\"\"") + ";",
        "    proxy_set_header X-Ssl-Client-Serial " + (clientCertificates ? "$ssl_client_serial" : "\"\"") + ";",
        "    proxy_set_header X-Ssl-Client-S-Dn " + (clientCertificates ? "$ssl_client_s_dn" : "\"\"") + ";");
    if (clientCertificatesMandatory && clientCertificates) {
      clientHeaderLines += String.join("\n", "",
          "    if ($ssl_client_verify != SUCCESS) {",
          "      return 496;",
          "    }");
    }
    return Templates.load(FILE)
        .replace("{{https_port}}", httpsPort == 443 ? "" : ":" + httpsPort)
        .replace("{{client_certificates}}", clientCertificateLines)
        .replace("{{header_defaults}}", headerDefaults())
        .replace("{{headers}}", headerLines("  "))
        .replace("{{location_headers}}", headerLines("    "))
        .replace("{{client_headers}}", clientHeaderLines)
        .replace("{{web_service}}", web.service())
        .replace("{{web_port}}", Integer.toString(web.port()));
  }

  /**
   * Each header but the policy is the front's only when the application sends none: its own (a stricter DENY, a
   * no-referrer) wins. A map gives the front's value while the upstream's is empty, else an empty one, and nginx
   * sends no header with an empty value. The maintenance page has no upstream, so it always gets the front's.
   */
  private String headerDefaults() {
    return headers.entrySet().stream().filter(h -> !h.getKey().equalsIgnoreCase(ADDED_BESIDE))
        .map(h -> "map $upstream_http_" + variable(h.getKey()) + " $front_" + variable(h.getKey()) + " {\n  \"\" \""
            + h.getValue() + "\";\n  default \"\";\n}")
        .collect(Collectors.joining("\n"));
  }

  private String headerLines(String indent) {
    return headers.entrySet().stream().map(h -> indent + "add_header " + h.getKey() + " "
            + (h.getKey().equalsIgnoreCase(ADDED_BESIDE) ? "\"" + h.getValue() + "\"" : "$front_" + variable(h.getKey()))
            + " always;")
        .collect(Collectors.joining("\n"));
  }

  /** nginx's variable name for a header: lower case, dashes as underscores (names are letters, digits, dashes). */
  private static String variable(String header) {
    return header.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
  }

  private static Map<String, String> defaults() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
    headers.put("X-Frame-Options", "SAMEORIGIN");
    headers.put("Content-Security-Policy", "frame-ancestors 'self'");
    return Collections.unmodifiableMap(headers);
  }

  /** {@code text} inside an nginx string in double quotes; a {@code $} would start a variable, so there is none. */
  private static String nginxString(String text) {
    if (text.contains("$")) {
      throw new IllegalStateException("the page for a missing client certificate holds a '$', which nginx would read as a variable");
    }
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
