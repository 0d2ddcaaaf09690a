package dev.appliance.storage;

/**
 * How full the file system of one host path is, counted as {@code df} counts it: the space reserved for root is
 * neither used nor available, so a disk full for PostgreSQL and the application shows 100 %.
 *
 * @param path the host path, such as {@code /data}
 * @param usedBytes what the files take
 * @param availableBytes what the appliance's services can still write
 */
public record DiskUsage(String path, long usedBytes, long availableBytes) {

  private static final long MIB = 1024 * 1024;

  /** What is used or available: the size that {@code df}'s percentage counts (the root's reserve left out). */
  public long sizeBytes() {
    return usedBytes + availableBytes;
  }

  /** Used space in percent of {@link #sizeBytes}, rounded up as {@code df} does; 100 for an empty file system. */
  public int usedPercent() {
    long total = sizeBytes();
    return total == 0 ? 100 : (int) ((usedBytes * 100 + total - 1) / total);
  }

  public long freeMib() {
    return availableBytes / MIB;
  }

  /** The level this usage is at, given the minimum free space the appliance needs. */
  public SpaceLevel level(long minimumMib) {
    return SpaceLevel.of(usedPercent(), availableBytes < minimumMib * MIB);
  }

  /** For people: {@code /data is 83 % full (170 MiB free)}. */
  public String describe() {
    return path + " is " + usedPercent() + " % full (" + freeMib() + " MiB free)";
  }
}
