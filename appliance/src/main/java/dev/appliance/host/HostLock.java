package dev.appliance.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on a file under the root, holding the holder's name (its PID). The kernel drops it with the
 * process, however that ends (even {@code kill -9}), so a crash never leaves a stale lock.
 */
public final class HostLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;
  private final String holder;

  private HostLock(FileChannel channel, FileLock lock, String holder) {
    this.channel = channel;
    this.lock = lock;
    this.holder = holder;
  }

  /**
   * What this lock's file says of its holder. Kept here: this process must not read the file, since closing any
   * channel on it drops the process's lock (POSIX record locks are per process).
   */
  public String holder() {
    return holder;
  }

  /** The lock on {@code file}, if nobody holds it; {@code holder} is written into the file. */
  static Optional<HostLock> tryAcquire(Path file, String holder) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very process
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)));
    return Optional.of(new HostLock(channel, lock, holder));
  }

  /**
   * What the holder of the lock on {@code file} wrote, if a live process holds it; empty when nobody does (the file
   * of a holder that died, even by {@code kill -9}, is only a stale name). Takes and drops a shared lock, which
   * writes nothing.
   */
  static Optional<String> holder(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      FileLock probe;
      try {
        probe = channel.tryLock(0, Long.MAX_VALUE, true);
      } catch (OverlappingFileLockException e) {
        probe = null; // held by this very process
      }
      if (probe != null) {
        probe.release();
        return Optional.empty();
      }
    }
    return Optional.of(Files.readString(file).strip());
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
