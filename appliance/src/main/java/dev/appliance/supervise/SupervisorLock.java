package dev.appliance.supervise;

import dev.appliance.env.cli.Cli;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One supervisor per root: two would restart each other's containers and clear each other's stop mark. The lock
 * on {@code /run/appliance/supervisor.pid} goes with the process, however it ends (even {@code kill -9}).
 */
final class SupervisorLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private SupervisorLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static SupervisorLock acquire(HostRoot root) throws IOException {
    Path file = root.runState().resolve("supervisor.pid");
    root.files().createDirectories(file.getParent());
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very process
    }
    if (lock == null) {
      String pid = Files.readString(file).strip();
      channel.close();
      throw new Cli.BadInputException("another supervisor (pid " + pid + ") is running for " + root.dir()
          + "; stop it first (appliance stop, or systemctl stop appliance)");
    }
    channel.truncate(0);
    channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
    return new SupervisorLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
