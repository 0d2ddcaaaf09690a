package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType;
import dev.appliance.env.spec.ScalarType.Complaint;
import dev.appliance.env.spec.ScalarValue;
import java.util.Optional;
import java.util.function.Function;

/** A type whose values are text: empty values, booleans and null are refused before the type's own check. */
public abstract class TextType implements ScalarType {

  private final String description;
  private final boolean secret;

  protected TextType(String description, boolean secret) {
    this.description = description;
    this.secret = secret;
  }

  /** A text type checked by {@code check}. */
  static TextType of(String description, boolean secret, Function<String, Optional<Complaint>> check) {
    return new TextType(description, secret) {
      @Override
      protected Optional<Complaint> checkText(String text) {
        return check.apply(text);
      }
    };
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final boolean secret() {
    return secret;
  }

  @Override
  public final Optional<Complaint> check(ScalarValue value) {
    Optional<Complaint> notText = Types.requireText(value, secret);
    return notText.isPresent() ? notText : checkText(value.text());
  }

  /** Checks a non-empty text; a complaint about a secret type must not quote the text. */
  protected abstract Optional<Complaint> checkText(String text);
}
