package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL of a restic repository: {@code file}, {@code sftp}, {@code s3}, {@code rest+http} or {@code rest+https}.
 * A user name before the host is allowed, a password is not: the URL is shown in status output and logs, so the
 * password is refused before anything quotes the URL back.
 */
public final class ResticRepositoryType extends TextType {

  private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*)://([^/?#@]*)@.*");

  private final UrlType url = UrlType.of("file", "sftp", "s3", "rest+http", "rest+https");
  private final UnaryOperator<String> passwordFix;

  /** @param passwordFix where the login of a URL scheme goes instead, as the fix of a URL holding a password */
  public ResticRepositoryType(UnaryOperator<String> passwordFix) {
    super("a restic repository URL (file://, sftp://, s3://, rest+http://, rest+https://)", false);
    this.passwordFix = passwordFix;
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    Matcher m = USER_INFO.matcher(text.strip());
    if (m.matches() && m.group(2).contains(":")) {
      return Complaint.of("the URL holds a password (user:password@ before the host)",
          passwordFix.apply(m.group(1).toLowerCase()));
    }
    return url.checkText(text);
  }
}
