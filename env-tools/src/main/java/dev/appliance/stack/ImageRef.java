package dev.appliance.stack;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as Docker's reference grammar has it: {@code [REGISTRY/]REPOSITORY[:TAG][@DIGEST]}. Nothing is
 * normalised ({@code redis} stays {@code redis}, not {@code docker.io/library/redis}), so {@link #toString()} gives
 * back the text it was parsed from.
 *
 * @param registry the registry host (with its port), present only when the reference names one
 * @param repository the path of the image in its registry, such as {@code library/redis} or {@code redis}
 * @param tag the tag, such as {@code bookworm-slim}
 * @param digest the content digest, {@code sha256:} and 64 hexadecimal digits
 * @throws IllegalArgumentException if a part does not follow the grammar; the message says which and why
 */
public record ImageRef(Optional<String> registry, String repository, Optional<String> tag, Optional<String> digest) {

  /** The tag Docker takes when a reference has neither tag nor digest. */
  public static final String DEFAULT_TAG = "latest";

  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern REGISTRY = Pattern.compile(
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-fA-F:]+])(?::[0-9]+)?");
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final int MAX_NAME_LENGTH = 255;

  public ImageRef {
    String text = text(registry, repository, tag, digest);
    String name = name(registry, repository);
    if (registry.isPresent() && !REGISTRY.matcher(registry.get()).matches()) {
      throw invalid(text, "'" + registry.get() + "' is not a registry host[:port]");
    }
    if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
      throw invalid(text, "the repository '" + repository + "' must be lower case");
    }
    if (!REPOSITORY.matcher(repository).matches()) {
      throw invalid(text, "the repository '" + repository + "' should be path components of lower-case letters and digits,"
          + " separated by '/' and joined inside by '.', '_', '__' or '-'");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw invalid(text, "the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (tag.isPresent() && !TAG.matcher(tag.get()).matches()) {
      throw invalid(text, "the tag '" + tag.get() + "' should be up to 128 letters, digits, '_', '.' and '-', not starting"
          + " with '.' or '-'");
    }
    if (digest.isPresent() && !DIGEST.matcher(digest.get()).matches()) {
      throw invalid(text, "the digest '" + digest.get() + "' should be sha256: and 64 lower-case hexadecimal digits");
    }
  }

  /**
   * Parses {@code [REGISTRY/]REPOSITORY[:TAG][@DIGEST]}. The first path component is the registry only if it holds a
   * '.' or a ':', or is {@code localhost}, as Docker decides; {@code a/b} is the repository {@code a/b} on Docker Hub.
   *
   * @throws IllegalArgumentException if {@code text} is not a reference
   */
  public static ImageRef parse(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("an image reference is empty; write one like debian:bookworm-slim");
    }
    int at = text.indexOf('@');
    Optional<String> digest = at < 0 ? Optional.empty() : Optional.of(text.substring(at + 1));
    String rest = at < 0 ? text : text.substring(0, at);
    // A ':' before the last '/' belongs to the registry's port, not to a tag.
    int colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
    Optional<String> tag = colon < 0 ? Optional.empty() : Optional.of(rest.substring(colon + 1));
    String name = colon < 0 ? rest : rest.substring(0, colon);
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    return hasRegistry ? new ImageRef(Optional.of(first), name.substring(slash + 1), tag, digest)
        : new ImageRef(Optional.empty(), name, tag, digest);
  }

  /** This reference, with the tag {@code latest} if it has neither tag nor digest, as Docker reads it. */
  public ImageRef withDefaultTag() {
    return tag.isPresent() || digest.isPresent() ? this : new ImageRef(registry, repository, Optional.of(DEFAULT_TAG), digest);
  }

  /** The registry and repository, what comes before the tag and digest: docker-java's "repository" of a pull. */
  public String name() {
    return name(registry, repository);
  }

  /**
   * What docker-java takes as the tag of a pull: the digest if there is one (it pins the content, whatever the tag
   * says), else the tag, else {@code latest}.
   */
  public String tagOrDigest() {
    return digest.or(() -> tag).orElse(DEFAULT_TAG);
  }

  @Override
  public String toString() {
    return text(registry, repository, tag, digest);
  }

  private static String name(Optional<String> registry, String repository) {
    return registry.map(r -> r + "/").orElse("") + repository;
  }

  private static String text(Optional<String> registry, String repository, Optional<String> tag, Optional<String> digest) {
    return name(registry, repository) + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("'" + text + "' is not an image reference: " + why);
  }
}
