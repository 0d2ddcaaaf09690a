package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/** An absolute URL with one of the allowed schemes; a secret URL (it holds a key) is never quoted back. */
public final class UrlType extends TextType {

  private final List<String> schemes;
  private final boolean secret;

  private UrlType(List<String> schemes, boolean secret) {
    super("a URL (" + String.join(", ", schemes.stream().map(s -> s + "://").toList()) + ")", secret);
    this.schemes = schemes;
    this.secret = secret;
  }

  public static UrlType of(String... schemes) {
    return new UrlType(List.of(schemes), false);
  }

  /** A URL that carries a credential, like a Sentry DSN. */
  public static UrlType secretOf(String... schemes) {
    return new UrlType(List.of(schemes), true);
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    String shown = secret ? "the value" : "'" + text + "'";
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return Complaint.of(shown + " is not a valid URL (" + e.getReason() + " at character " + (e.getIndex() + 1) + ")",
          "write it like " + example());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!schemes.contains(scheme)) {
      return Complaint.of(shown + " is not " + description(), "write it like " + example());
    }
    boolean needsHost = !scheme.equals("file");
    if (needsHost && (uri.getHost() == null || uri.getHost().isEmpty())) {
      return Complaint.of(shown + " has no host name", "write it like " + example());
    }
    if (!needsHost && (uri.getPath() == null || !uri.getPath().startsWith("/") || uri.getPath().length() < 2)) {
      return Complaint.of(shown + " has no absolute path", "write it like file:///volatile/backup/");
    }
    return Optional.empty();
  }

  private String example() {
    String scheme = schemes.get(0);
    return scheme.equals("file") ? "file:///volatile/backup/" : scheme + "://host.example.org/path";
  }
}
