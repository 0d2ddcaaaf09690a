package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.net.URI;
import java.util.Optional;

/**
 * A Sentry DSN, {@code https://KEY@HOST[/PATH]/PROJECT}: a URL with the public key before the host and the project's
 * number at the end, nothing after it. Secret: it is never quoted back.
 */
public final class SentryDsnType extends TextType {

  private static final UrlType URL = UrlType.secretOf("https", "http");
  private static final String FIX = "copy the DSN from the Sentry project's settings (Client Keys), like"
      + " https://KEY@o123.ingest.sentry.io/4567";

  public SentryDsnType() {
    super("a Sentry DSN (https://KEY@HOST/PROJECT)", true);
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    Optional<Complaint> url = URL.checkText(text);
    if (url.isPresent()) {
      return url;
    }
    URI dsn = URI.create(text);
    if (dsn.getUserInfo() == null || dsn.getUserInfo().isBlank()) {
      return Complaint.of("the value has no key (the part before @)", FIX);
    }
    if (dsn.getPath() == null || !dsn.getPath().matches("(/[^/]+)*/\\d+")) {
      return Complaint.of("the value does not end in the project's number (/PROJECT)", FIX);
    }
    if (dsn.getQuery() != null || dsn.getFragment() != null) {
      return Complaint.of("the value has something after the project's number (? or #)", FIX);
    }
    return Optional.empty();
  }
}
