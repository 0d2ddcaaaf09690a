package dev.appliance.os;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages an upgrade would replace, read from {@code apt-get --simulate}'s {@code Inst} lines (a new package
 * pulled in has no installed version in brackets and is not counted).
 */
record PendingUpgrades(List<String> packages) {

  private static final Pattern UPGRADE = Pattern.compile("^Inst (\\S+) \\[[^]]+\\]", Pattern.MULTILINE);

  PendingUpgrades {
    packages = List.copyOf(packages);
  }

  static PendingUpgrades parse(String simulation) {
    Matcher inst = UPGRADE.matcher(simulation);
    return new PendingUpgrades(inst.results().map(m -> m.group(1)).toList());
  }

  /** Those of Docker's packages among them, which only {@code appliance update --os} upgrades. */
  List<String> heldBack() {
    return OsCommands.HELD_BACK.stream().filter(packages::contains).toList();
  }
}
