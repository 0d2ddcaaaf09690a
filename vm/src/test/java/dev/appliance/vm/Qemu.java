package dev.appliance.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One qemu process (software emulation: no KVM here) booting the image on a throwaway overlay, with the seed ISO as
 * a second virtio disk, more raw disks after it, and user-mode networks that reach nothing but the host's loopback
 * forwards. It is
 * stopped by its PID when closed, and by a shutdown hook if the test JVM ends first.
 */
final class Qemu implements AutoCloseable {

  private final Process process;
  private final Path serialLog;
  private final Thread hook;

  private Qemu(Process process, Path serialLog) {
    this.process = process;
    this.serialLog = serialLog;
    this.hook = new Thread(this::stop);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * A user-mode network of the guest: its own subnet (so the guest sees connections through it come from that
   * subnet's gateway, .2), host ports on 127.0.0.1 forwarded to guest ports, and guest addresses (IP:PORT) whose
   * connections each start a host command, stdin and stdout the connection (the only way out of a restricted
   * network).
   */
  record Network(String subnet, Map<Integer, Integer> forwards, Map<String, String> commands) {

    String netdev(String id) {
      String hostfwd = forwards.entrySet().stream()
          .map(f -> ",hostfwd=tcp:127.0.0.1:" + f.getKey() + "-:" + f.getValue()).collect(Collectors.joining());
      String guestfwd = commands.entrySet().stream()
          .map(f -> ",guestfwd=tcp:" + f.getKey() + "-cmd:" + f.getValue()).collect(Collectors.joining());
      return "user,id=" + id + ",net=" + subnet + ",restrict=on" + hostfwd + guestfwd;
    }
  }

  /**
   * Boots {@code image} (appliance.qcow2, vmlinuz and initrd.img, as vm/build-standin writes them) with the seed ISO
   * as the second disk, {@code disks} (raw files) after it (/dev/vdc, ...), and one network card per network.
   */
  static Qemu boot(Path image, Path work, Path seedIso, List<Path> disks, List<Network> networks)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path overlay = work.resolve("run.qcow2");
    Files.deleteIfExists(overlay);
    Process create = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", "-b",
        image.resolve("appliance.qcow2").toAbsolutePath().toString(), "-F", "qcow2", overlay.toString()).inheritIO().start();
    if (create.waitFor() != 0) {
      throw new IOException("qemu-img could not create the overlay " + overlay);
    }
    Path serial = work.resolve("serial.log");
    Files.deleteIfExists(serial);
    // Nehalem, not max: with max the guest's JVMs use AVX2, which TCG emulates only since QEMU 7.2, and a JIT-compiled
    // HMAC crashed with SIGSEGV in a CI run. Nehalem (SSE4.2, no AVX) keeps them on long-emulated instructions.
    List<String> command = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg,thread=multi", "-machine", "q35",
        "-cpu", "Nehalem", "-smp", "2", "-m", "3072", "-display", "none", "-monitor", "none",
        "-serial", "file:" + serial,
        "-kernel", image.resolve("vmlinuz").toString(), "-initrd", image.resolve("initrd.img").toString(),
        "-append", "root=/dev/vda rw console=tty0 console=ttyS0,115200",
        "-drive", "file=" + overlay + ",if=virtio,format=qcow2",
        "-drive", "file=" + seedIso + ",if=virtio,format=raw,readonly=on",
        "-pidfile", work.resolve("qemu.pid").toString()));
    for (Path disk : disks) {
      command.addAll(List.of("-drive", "file=" + disk + ",if=virtio,format=raw"));
    }
    for (int i = 0; i < networks.size(); i++) {
      command.addAll(List.of("-netdev", networks.get(i).netdev("n" + i), "-device", "virtio-net-pci,netdev=n" + i));
    }
    Process qemu = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("qemu.log").toFile()).start();
    return new Qemu(qemu, serial);
  }

  /** Everything the guest wrote to its serial console so far. */
  String serial() throws IOException {
    return Files.exists(serialLog) ? new String(Files.readAllBytes(serialLog), StandardCharsets.UTF_8) : "";
  }

  /** The last {@code lines} lines of the serial console, for a failure message. */
  String serialTail(int lines) throws IOException {
    List<String> all = serial().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  boolean alive() {
    return process.isAlive();
  }

  private void stop() {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
  }
}
