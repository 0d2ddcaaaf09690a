package dev.appliance.support;

import dev.appliance.host.Ownership;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ownership seam for tests as a normal user: modes are set, the owners asked for are recorded. */
public final class RecordedOwners implements Ownership {

  private final Map<Path, String> owners = new ConcurrentHashMap<>();

  @Override
  public void apply(Path path, int uid, int gid, String mode) throws java.io.IOException {
    Ownership.modeOnly(path, mode);
    owners.put(path, uid + ":" + gid);
  }

  @Override
  public boolean has(Path path, int uid, int gid, String mode) throws java.io.IOException {
    return (uid + ":" + gid).equals(of(path)) && Ownership.hasMode(path, mode);
  }

  /** The owner asked for {@code path}, as {@code UID:GID}, or null. */
  public String of(Path path) {
    return owners.get(path.toAbsolutePath().normalize());
  }
}
