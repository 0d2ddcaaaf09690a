package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.Secret;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As root, on a loop device over a file in target/: {@code storage setup} and the storage mounts step with the real
 * wipefs, blkid, lsblk, cryptsetup, mkfs and mount. The root is a temporary directory whose dev is a link to the
 * machine's /dev, so that the env's device /dev/loopN is the real one while /data is the temporary root's.
 * Opening a LUKS2 container needs the kernel's device-mapper (dm-crypt); without it, only what needs none runs.
 */
class StorageSetupIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final int MIB = 1 << 20;
  private static final Path MAPPER = Path.of("/dev/mapper");
  private static final Secret PASSPHRASE = Secret.of("it-" + UUID.randomUUID());
  private static final EnvConfig.Volume IGNORED = new EnvConfig.Volume("volatile", Optional.empty(), true, false, Optional.empty());

  @TempDir
  Path dir;

  private final ProcessRunner processes = new ProcessRunner();
  private final List<String> log = new ArrayList<>();
  private HostRoot root;
  private Path image;
  private String loop;
  private Path device;
  private boolean hadMapper;

  @BeforeEach
  void attachLoopDevice() throws Exception {
    hadMapper = Files.exists(MAPPER);
    Path images = Files.createDirectories(Path.of("target/storage-it").toAbsolutePath());
    image = images.resolve(UUID.randomUUID() + ".img");
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(64L * MIB); // the LUKS2 header takes 16 MiB
    }
    loop = processes.run(List.of("losetup", "--find", "--show", image.toString()), TIMEOUT).stdout().strip();
    root = new HostRoot(dir.resolve("root"));
    Files.createDirectories(root.dir());
    Files.createSymbolicLink(root.dir().resolve("dev"), Path.of("/dev"));
    device = root.resolve(loop);
  }

  @AfterEach
  void detach() throws Exception {
    Path data = root.resolve("/data");
    try {
      if (StorageMounts.isMountPoint(data)) {
        processes.run(List.of("umount", data.toString()), TIMEOUT);
      }
      for (String name : List.of(StorageMounts.mapperName("data"), "appliance-setup-data")) {
        if (Files.exists(Path.of("/dev/mapper", name))) {
          processes.run(CryptCommands.close(name), TIMEOUT);
        }
      }
    } finally {
      processes.run(List.of("losetup", "--detach", loop), TIMEOUT);
      Files.delete(image);
      // cryptsetup makes /dev/mapper/control even where the kernel has no device-mapper to answer it.
      if (!hadMapper && Files.exists(MAPPER.resolve("control"))) {
        Files.delete(MAPPER.resolve("control"));
        Files.delete(MAPPER);
      }
    }
  }

  private EnvConfig.Volume volume(boolean encrypted, Secret passphrase) {
    return new EnvConfig.Volume("data", Optional.of(loop), false, encrypted,
        encrypted ? Optional.of(passphrase) : Optional.empty());
  }

  private DiskSetup setup() {
    return new DiskSetup(root, processes, log::add, DiskSetup::isBlockDevice, true);
  }

  private void mount(EnvConfig.Volume data) throws IOException {
    new StorageMounts(root, processes, log::add).apply(new EnvConfig.StorageConfig(data, IGNORED));
  }

  @Test
  void aPlainDiskIsSetUpRefusedOnceItHoldsSomethingUnlessWipedAndMountedWithItsTextReadableOnTheRawDisk()
      throws Exception {
    setup().setup(device, "data", volume(false, PASSPHRASE), Optional.empty());
    assertTrue(probe(device).contains("LABEL=data\n"), probe(device));
    assertTrue(probe(device).contains("TYPE=ext4\n"), probe(device));
    String first = uuid(device);

    byte[] before = firstMib();
    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class,
        () -> setup().setup(device, "data", volume(false, PASSPHRASE), Optional.empty()));
    assertTrue(refused.getMessage().startsWith(device + " is not empty: it holds ext4 at 0x438;"), refused.getMessage());
    assertArrayEquals(before, firstMib(), "the refused disk is unchanged");

    setup().setup(device, "data", volume(false, PASSPHRASE), Optional.of(device));
    assertNotEquals(first, uuid(device), "a new file system after --wipe");

    String text = write(volume(false, PASSPHRASE));
    // The control for the encrypted case: the scan finds what a plain disk holds.
    assertTrue(rawDiskContains(text), "the plain disk holds the text as written");
  }

  @Test
  void aDiskThatIsNotWhatTheEnvSaysIsRefusedUnchanged() throws Exception {
    try (KeyFile key = KeyFile.write(root, PASSPHRASE)) {
      processes.run(CryptCommands.format(device, "data", key.path()), TIMEOUT);
    }
    byte[] luks = firstMib();

    Cli.BadInputException plain = assertThrows(Cli.BadInputException.class, () -> mount(volume(false, PASSPHRASE)));
    assertTrue(plain.getMessage().contains("is a LUKS2 container, but appliance/storage/data/encrypted is false"),
        plain.getMessage());
    Cli.BadInputException notEmpty = assertThrows(Cli.BadInputException.class,
        () -> setup().setup(device, "data", volume(true, PASSPHRASE), Optional.empty()));
    assertTrue(notEmpty.getMessage().contains("it holds crypto_LUKS at 0x0, crypto_LUKS at 0x4000;"), notEmpty.getMessage());
    assertArrayEquals(luks, firstMib(), "the LUKS header is unchanged");

    processes.run(DiskCommands.wipe(device), TIMEOUT);
    processes.run(DiskCommands.makeFileSystem(device, Optional.of("data")), TIMEOUT);
    byte[] ext4 = firstMib();
    Cli.BadInputException encrypted = assertThrows(Cli.BadInputException.class, () -> mount(volume(true, PASSPHRASE)));
    assertTrue(encrypted.getMessage().contains("holds ext4, not the LUKS2 container"), encrypted.getMessage());
    assertArrayEquals(ext4, firstMib(), "the plain disk is unchanged");
    assertFalse(StorageMounts.isMountPoint(root.resolve("/data")));
  }

  @Test
  void anEncryptedDiskIsSetUpOpenedAndMountedHoldsNoPlainTextAndRefusesAWrongPassphraseUnchanged() throws Exception {
    String misc = Files.readString(Path.of("/proc/misc"));
    assumeTrue(misc.contains("device-mapper"), "the kernel has no device-mapper (no 'device-mapper' in /proc/misc),"
        + " so cryptsetup cannot open a LUKS2 container here");
    setup().setup(device, "data", volume(true, PASSPHRASE), Optional.empty());
    assertTrue(probe(device).contains("LABEL=data\n") && probe(device).contains("TYPE=crypto_LUKS\n"), probe(device));
    assertThrows(Cli.BadInputException.class,
        () -> setup().setup(device, "data", volume(true, PASSPHRASE), Optional.empty()));
    setup().setup(device, "data", volume(true, PASSPHRASE), Optional.of(device));

    String text = write(volume(true, PASSPHRASE));
    Path mapped = Path.of("/dev/mapper", StorageMounts.mapperName("data"));
    assertFalse(probe(mapped).contains("LABEL="), "only the container carries the label: " + probe(mapped));
    processes.run(CryptCommands.close(StorageMounts.mapperName("data")), TIMEOUT);
    assertFalse(rawDiskContains(text), "the raw disk holds no plain text of what was written");

    byte[] header = firstMib();
    Cli.BadInputException wrong = assertThrows(Cli.BadInputException.class,
        () -> mount(volume(true, Secret.of("not-" + PASSPHRASE.reveal()))));
    assertTrue(wrong.getMessage().startsWith("appliance/storage/data/passphrase does not open " + device), wrong.getMessage());
    assertArrayEquals(header, firstMib(), "the header is unchanged after the wrong passphrase");
    assertFalse(Files.exists(mapped), "not opened");
    assertFalse(String.join("\n", log).contains(PASSPHRASE.reveal()), String.join("\n", log));
  }

  /** Mounts the disk through the storage mounts step, writes a text on it and unmounts; the text. */
  private String write(EnvConfig.Volume data) throws IOException {
    mount(data);
    Path mountPoint = root.resolve("/data");
    assertTrue(StorageMounts.isMountPoint(mountPoint), String.join("\n", log));
    String text = "a stored document " + UUID.randomUUID();
    Files.writeString(mountPoint.resolve("document.txt"), text.repeat(100));
    processes.run(List.of("umount", mountPoint.toString()), TIMEOUT);
    return text;
  }

  private String probe(Path disk) throws IOException {
    return processes.run(DiskCommands.probe(disk), TIMEOUT).stdout();
  }

  private String uuid(Path disk) throws IOException {
    return probe(disk).lines().filter(l -> l.startsWith("UUID=")).findFirst().orElseThrow();
  }

  private byte[] firstMib() throws IOException {
    try (InputStream in = Files.newInputStream(image)) {
      return in.readNBytes(MIB);
    }
  }

  private boolean rawDiskContains(String text) throws IOException {
    byte[] raw = Files.readAllBytes(image);
    return new String(raw, StandardCharsets.ISO_8859_1).contains(text);
  }
}
