package dev.appliance.backup;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.env.process.ProcessRunner.ProcessException;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Opening the env's repository before a run: a new one initialised (repository format pinned), one that opened
 * before never replaced, and the locks restic left checked: a stale one of a run of ours that died removed, any
 * other reported and left alone.
 */
public final class BackupRepository {

  /** The repository cannot be used; the message says why and what to do. */
  static final class UnusableException extends IOException {
    private static final long serialVersionUID = 1L;

    UnusableException(String message) {
      super(message);
    }
  }

  private BackupRepository() {}

  /** The env's own repository ({@code appliance/backup}). */
  static ResticRepository of(HostRoot root, EnvConfig.BackupConfig backup) {
    return ResticRepository.of(root, backup.url(), backup.secret(), backup.ssh(), backup.rest(), backup.s3());
  }

  /** A staging appliance's mirror: another appliance's repository, reached with this env's credentials. */
  static ResticRepository mirror(HostRoot root, EnvConfig.BackupConfig backup) {
    EnvConfig.Mirror mirror = backup.mirror().orElseThrow(() -> new dev.appliance.env.cli.Cli.BadInputException(
        "the env has no appliance/backup/mirror to restore from (a staging appliance's copy of another's backups)"));
    return ResticRepository.of(root, mirror.url(), mirror.secret(), backup.ssh(), backup.rest(), backup.s3());
  }

  /** {@code appliance backup unlock}: every lock in the env's repository removed, held or not (the operator's call). */
  public static void removeAllLocks(HostRoot root, EnvConfig env, ProcessRunner processes) throws IOException {
    try (ResticAccess access = ResticAccess.open(root, of(root, env.appliance().backup()))) {
      new Restic(processes, access).removeAllLocks();
    }
  }

  /** Opens the repository, initialising it if it never opened here; returns its ID. */
  static String open(Restic restic, BackupState state, Consumer<String> log) throws IOException {
    String shown = restic.repository().shown();
    Optional<String> known = state.repositoryId(shown);
    String id;
    try {
      id = restic.id();
    } catch (ProcessException opening) {
      if (known.isPresent()) {
        throw new UnusableException("the backup repository " + shown + " (ID " + known.get().substring(0, 8)
            + ") that earlier backups went to does not open: " + Restic.brief(opening.stderr()) + ". Nothing was written to"
            + " it. If the server is down, the next run tries again; if appliance/backup/secret changed, put the old"
            + " one back; only if that repository is gone for good, remove " + BackupState.file(state.root())
            + " and the next backup starts a new one");
      }
      if (!Restic.absent(opening)) {
        throw new UnusableException("the backup repository " + shown + " does not open: " + Restic.brief(opening.stderr())
            + ". Nothing was written to it: check the server, the URL and the credentials, and that"
            + " appliance/backup/secret is the repository's");
      }
      try {
        restic.init();
      } catch (ProcessException creating) {
        throw new UnusableException("there is no backup repository at " + shown + " yet, and none can be made there: "
            + Restic.brief(creating.stderr()) + "; check the URL, the server and the credentials");
      }
      log.accept("backup: new repository " + shown + " initialised (format " + ResticCommands.REPOSITORY_VERSION + ")");
      id = restic.id();
    }
    if (known.isPresent() && !known.get().equals(id)) {
      throw new UnusableException("the backup repository " + shown + " is not the one earlier backups went to (its ID is "
          + id.substring(0, 8) + ", theirs " + known.get().substring(0, 8) + "): nothing was written to it. Check"
          + " appliance/backup/url (a server or a mount that changed); only if it is meant to take over, remove "
          + BackupState.file(state.root()));
    }
    state.opened(shown, id);
    return id;
  }

  /** Removes stale locks of runs of ours that died; fails on a lock someone else holds. */
  static void unlock(Restic restic, Consumer<String> log) throws IOException {
    int before = restic.locks().size();
    if (before == 0) {
      return;
    }
    restic.unlockStale();
    List<Restic.Lock> left = restic.locks();
    if (before > left.size()) {
      log.accept("backup: removed " + (before - left.size()) + " stale lock(s) of a run that ended without releasing them");
    }
    if (!left.isEmpty()) {
      throw new UnusableException("the backup repository " + restic.repository().shown() + " is locked: "
          + String.join("; ", left.stream().map(Restic.Lock::describe).toList()) + ". That process is alive or"
          + " on another machine, so its lock is left alone; once it is gone for good, remove it with:"
          + " appliance backup unlock");
    }
  }
}
