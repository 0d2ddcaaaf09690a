package dev.appliance.support;

import dev.appliance.host.HostRoot;
import java.nio.file.Path;

/** A process that takes a lock under a root as a supervisor would, says "locked", and waits to be killed. */
public final class LockHolder {

  private LockHolder() {}

  public static void main(String... args) throws Exception {
    var lock = new HostRoot(Path.of(args[0])).files().tryLock(Path.of(args[1]), "pid " + ProcessHandle.current().pid() + " (run)");
    System.out.println(lock.isPresent() ? "locked" : "refused");
    System.out.flush();
    Thread.sleep(60_000);
  }

  /** Starts a holder of {@code file} under {@code root} in a JVM of its own, and waits until it holds it. */
  public static Process start(Path root, Path file) throws Exception {
    Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), LockHolder.class.getName(), root.toString(), file.toString())
        .redirectErrorStream(true).start();
    String first = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
    if (!"locked".equals(first)) {
      holder.destroyForcibly();
      throw new IllegalStateException("the lock holder said: " + first);
    }
    return holder;
  }
}
