package dev.appliance.backup;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code appliance backup list}: the repository's runs, newest last, with time, size, versions and verification. */
public final class BackupList {

  private BackupList() {}

  public static List<String> lines(HostRoot root, EnvConfig env, ProcessRunner processes) throws IOException {
    ResticRepository repository = BackupRepository.of(root, env.appliance().backup());
    try (ResticAccess access = ResticAccess.open(root, repository)) {
      List<BackupRuns.Run> runs = BackupRuns.of(new Restic(processes, access).snapshots());
      List<String> lines = new ArrayList<>();
      lines.add(String.format("%-20s  %-18s  %10s  %-9s  %-16s  %-30s  %s", "TIME", "RUN", "SIZE", "VERIFIED",
          "APPLIANCE", "APPLICATION", "SNAPSHOTS"));
      for (BackupRuns.Run run : runs) {
        Snapshot any = run.any();
        String size = run.files().flatMap(s -> s.tag(BackupTags.SIZE)).filter(b -> b.matches("[0-9]{1,18}"))
            .map(b -> Progress.mib(Long.parseLong(b))).orElse("-");
        String verified = !run.whole() ? "partial" : run.files().get().tags().contains(BackupTags.VERIFIED) ? "yes" : "no";
        lines.add(String.format("%-20s  %-18s  %10s  %-9s  %-16s  %-30s  %s", any.time(), run.id(), size, verified,
            any.tag(BackupTags.APPLIANCE_VERSION).orElse("-"), any.tag(BackupTags.APP_VERSION).orElse("-"),
            String.join(" ", run.files().map(s -> s.shortId() + " (files)").orElse(""),
                run.database().map(s -> s.shortId() + " (database)").orElse("")).strip()));
      }
      lines.add(runs.size() + " runs in " + repository.shown());
      return lines;
    }
  }
}
