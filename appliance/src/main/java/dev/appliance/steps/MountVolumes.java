package dev.appliance.steps;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.storage.StorageMounts;
import java.util.List;
import java.util.Optional;

/** Mounts /data and /volatile from the file systems the env names (LUKS2 opened first), unless it says to ignore them. */
final class MountVolumes implements Step {

  private final EnvConfig.StorageConfig storage;

  MountVolumes(EnvConfig.StorageConfig storage) {
    this.storage = storage;
  }

  @Override
  public String name() {
    return "storage mounts";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    List<String> pending = mounts(context).pending(storage);
    return pending.isEmpty() ? Optional.of("mounted or kept on the root file system, as the env says") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    if (context.root().isSystem()) {
      // Docker, started before, sees the new mounts only after a restart.
      context.root().files().write(ConfigureDocker.pending(context), "rw-r--r--", "");
    }
    mounts(context).apply(storage);
  }

  private static StorageMounts mounts(StepContext context) {
    return new StorageMounts(context.root(), context.processes(), context.log());
  }
}
