package dev.appliance.storage;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.List;

/** Measures the file system of a host path; the supervisor's watch takes it so that tests can fill a disk in memory. */
@FunctionalInterface
public interface DiskSpace {

  /** The paths whose space the appliance needs: what it keeps, and Docker's and Redis's data. */
  List<String> PATHS = List.of("/data", "/volatile");

  /** The usage of the file system holding {@code path} (a host path such as {@code /data}). */
  DiskUsage usage(String path) throws IOException;

  /** The file systems under {@code root}, asked with statvfs (through {@link FileStore}). */
  static DiskSpace of(HostRoot root) {
    return path -> {
      FileStore store = Files.getFileStore(root.resolve(path));
      return new DiskUsage(path, store.getTotalSpace() - store.getUnallocatedSpace(), store.getUsableSpace());
    };
  }
}
