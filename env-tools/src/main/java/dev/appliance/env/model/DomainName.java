package dev.appliance.env.model;

import dev.appliance.env.types.DomainNameType;
import java.util.Objects;

/**
 * A DNS host name as {@link DomainNameType} accepts it: lower case, ASCII, no trailing dot. {@link #toString()} is
 * the plain name, so that it reads naturally in messages and URLs.
 *
 * @param name the name, like {@code app.example.org}
 */
public record DomainName(String name) {

  /** @throws IllegalArgumentException if {@code name} is not a valid domain name; the message says why and how to fix it */
  public DomainName {
    Objects.requireNonNull(name, "name");
    DomainNameType.complaint(name).ifPresent(why -> {
      throw new IllegalArgumentException(why.message() + "; fix: " + why.fix());
    });
  }

  /**
   * The domain name {@code name}.
   *
   * @throws IllegalArgumentException if it is not valid; the message says why and how to fix it
   */
  public static DomainName parse(String name) {
    return new DomainName(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
