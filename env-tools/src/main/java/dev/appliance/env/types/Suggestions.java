package dev.appliance.env.types;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" for misspelt keys and words. */
public final class Suggestions {

  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private Suggestions() {}

  /**
   * The closest candidate within reach, if any: 1 edit for words of up to 3 letters, else 2 (a swap of two
   * letters, the most common typo, costs 2), or a third of the length for long words, at most 3.
   */
  public static Optional<String> didYouMean(String word, Collection<String> candidates) {
    int limit = word.length() <= 3 ? 1 : Math.min(3, Math.max(2, word.length() / 3));
    String lower = word.toLowerCase().replace('-', '_');
    return candidates.stream()
        .filter(c -> DISTANCE.apply(lower, c.toLowerCase()) <= limit)
        .min(Comparator.comparingInt(c -> DISTANCE.apply(lower, c.toLowerCase())));
  }
}
