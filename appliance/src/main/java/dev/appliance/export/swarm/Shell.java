package dev.appliance.export.swarm;

import java.util.List;
import java.util.stream.Collectors;

/** Words for bash as deploy.sh writes them: anything but a plain word is single-quoted. */
final class Shell {

  private Shell() {}

  static String quote(String word) {
    if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  static String words(List<String> words) {
    return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}
