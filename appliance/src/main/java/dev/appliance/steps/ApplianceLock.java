package dev.appliance.steps;

import dev.appliance.env.cli.Cli;
import dev.appliance.host.HostLock;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The appliance's locks in {@code /run/appliance}. Each names its holder ({@code pid 1234 (prepare-app, since ...)})
 * and goes with the holder's process, however it ends (even {@code kill -9}), so a crash never leaves one behind.
 * A second taker is refused before it changes anything, with the holder's name; {@link Installation#hold} is the one
 * way to take them.
 */
public enum ApplianceLock {

  /** The one lock: held by whatever changes the root (the prepare steps, a supervisor while it starts). */
  EXCLUSIVE("lock"),
  /** One supervisor per root: two would restart each other's containers. */
  SUPERVISOR("supervisor.pid"),
  /**
   * The one lock of the long exclusive work: a backup, a restore, a restore drill, a migration. Apart from
   * {@link #EXCLUSIVE}, so that a nightly backup never makes a restart's prepare steps fail; what changes the root
   * besides (a restore) takes both.
   */
  WORK("work.lock");

  private static final Pattern PID = Pattern.compile("^pid (\\d+)");

  private final String fileName;

  ApplianceLock(String fileName) {
    this.fileName = fileName;
  }

  public Path file(HostRoot root) {
    return root.runState().resolve(fileName);
  }

  /** Who holds the lock, if a live process does. Never for a lock this process holds: the probe would drop it. */
  public Optional<String> holder(HostRoot root) throws IOException {
    return root.files().lockHolder(file(root));
  }

  /** Takes the lock for {@code purpose}, or refuses (bad input, exit 2) naming who holds it. */
  HostLock acquire(HostRoot root, String purpose, Instant now) throws IOException {
    String me = "pid " + ProcessHandle.current().pid() + " (" + purpose + ", since " + now.truncatedTo(ChronoUnit.SECONDS) + ")";
    Optional<HostLock> lock = root.files().tryLock(file(root), me);
    Optional<String> holder = lock.isPresent() ? Optional.empty() : holder(root);
    // Refused while nobody holds it: a status probing it (a shared lock, for an instant) or a holder that just ended.
    for (int attempt = 0; lock.isEmpty() && holder.isEmpty() && attempt < 10; attempt++) {
      lock = root.files().tryLock(file(root), me);
      holder = lock.isPresent() ? Optional.empty() : holder(root);
    }
    if (lock.isPresent()) {
      return lock.get();
    }
    throw refusal(root, purpose, holder.filter(h -> !h.isBlank()).orElse("a command just starting or ending"));
  }

  private Cli.BadInputException refusal(HostRoot root, String purpose, String holder) {
    Matcher pid = PID.matcher(holder);
    String look = pid.find() ? "; see it with: ps -fp " + pid.group(1) : "";
    return new Cli.BadInputException(switch (this) {
      case EXCLUSIVE -> "not running " + purpose + ": " + holder + " is changing the appliance in " + root.dir()
          + "; run it again when that has ended" + look;
      case SUPERVISOR -> "another supervisor, " + holder + ", is running for " + root.dir()
          + "; stop it first (appliance stop, or systemctl stop appliance)" + look;
      case WORK -> "not running " + purpose + ": " + holder + " is at work on the appliance in " + root.dir()
          + " (a backup, a restore, a restore drill or a migration); run it again when that has ended" + look;
    });
  }
}
