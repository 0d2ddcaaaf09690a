package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.Secret;
import dev.appliance.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refusals of {@code appliance storage setup} and the commands it runs, with programs that only record. */
class DiskSetupTest {

  private static final String PASSPHRASE = "correct-horse-battery-staple";
  private static final EnvConfig.Volume ENCRYPTED =
      new EnvConfig.Volume("data", Optional.empty(), false, true, Optional.of(Secret.of(PASSPHRASE)));
  private static final EnvConfig.Volume PLAIN = new EnvConfig.Volume("data", Optional.empty(), false, false, Optional.empty());
  private static final List<String> WRITERS = List.of("wipefs --all", "cryptsetup luksFormat", "cryptsetup open",
      "mkfs.ext4 -q", "cryptsetup close");

  @TempDir
  Path dir;
  HostRoot root;
  Path device;
  ScriptedProcesses processes = new ScriptedProcesses();
  List<String> log = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    root = new HostRoot(dir);
    device = root.resolve("/dev/vdb");
    Files.createDirectories(device.getParent());
    Files.createFile(device);
    processes.prints("lsblk --noheadings", "vdb disk \n");
  }

  private DiskSetup setup() {
    return new DiskSetup(root, processes, log::add, path -> true, true);
  }

  @Test
  void anEncryptedDiskIsFormattedOpenedGivenAFileSystemWithoutLabelAndClosed() throws Exception {
    setup().setup(device, "data", ENCRYPTED, Optional.empty());

    Path key = processes.keyFile();
    assertTrue(key.startsWith(root.scratch()), key.toString());
    Path mapped = root.resolve("/dev/mapper/appliance-setup-data");
    assertEquals(List.of(
        DiskCommands.users(device),
        DiskCommands.signatures(device),
        List.of("cryptsetup", "luksFormat", "--type", "luks2", "--batch-mode", "--label", "data", "--key-file",
            key.toString(), device.toString()),
        List.of("cryptsetup", "open", "--type", "luks2", "--key-file", key.toString(), device.toString(),
            "appliance-setup-data"),
        List.of("mkfs.ext4", "-q", mapped.toString()),
        List.of("cryptsetup", "close", "appliance-setup-data")), processes.commands());
    for (List<String> command : processes.commands().subList(2, 4)) {
      assertEquals(Optional.of(new ScriptedProcesses.KeyFileSeen(PASSPHRASE, "rw-------")), processes.keyFileOf(command));
    }
    assertFalse(Files.exists(key.getParent()), "the key file's directory is removed");
    assertNoPassphrase();
    assertTrue(log.stream().anyMatch(l -> l.contains("appliance/storage/data/passphrase in the env")
        && l.contains("recovery sheet")), String.join("\n", log));
    assertTrue(log.stream().anyMatch(l -> l.contains("Next: restart the appliance")), String.join("\n", log));
  }

  @Test
  void aPlainDiskGetsAnExt4CarryingTheLabel() throws Exception {
    setup().setup(device, "data", PLAIN, Optional.empty());

    assertEquals(List.of(DiskCommands.users(device), DiskCommands.signatures(device),
        List.of("mkfs.ext4", "-q", "-L", "data", device.toString())), processes.commands());
  }

  @Test
  void aDiskThatHoldsAnythingIsRefusedWithoutWipeAndErasedFirstWithIt() throws Exception {
    processes.prints("wipefs --no-act", "crypto_LUKS 0x0\ncrypto_LUKS 0x4000\n");

    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class,
        () -> setup().setup(device, "data", ENCRYPTED, Optional.empty()));
    assertEquals(device + " is not empty: it holds crypto_LUKS at 0x0, crypto_LUKS at 0x4000; nothing was written. If"
        + " what it holds may be erased: appliance storage setup " + device + " --data --wipe " + device, refused.getMessage());
    assertNothingWritten();

    setup().setup(device, "data", ENCRYPTED, Optional.of(root.resolve("/dev/vdb")));
    List<String> programs = processes.programs();
    assertEquals(List.of("wipefs --all", "cryptsetup luksFormat"), programs.subList(4, 6), programs.toString());
  }

  @Test
  void wipeMustNameTheSameDevice() throws Exception {
    Path other = root.resolve("/dev/vdc");
    Files.createFile(other);

    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class,
        () -> setup().setup(device, "data", ENCRYPTED, Optional.of(other)));
    assertTrue(refused.getMessage().startsWith("--wipe " + other + " is not " + device), refused.getMessage());
    assertEquals(List.of(), processes.commands());
  }

  @Test
  void aDeviceOtherThanTheEnvsIsRefused() {
    EnvConfig.Volume named = new EnvConfig.Volume("data", Optional.of("/dev/vdc"), false, false, Optional.empty());

    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class,
        () -> setup().setup(device, "data", named, Optional.empty()));
    assertTrue(refused.getMessage().startsWith("the env names " + root.resolve("/dev/vdc") + " for /data"), refused.getMessage());
    assertEquals(List.of(), processes.commands());
  }

  @Test
  void aPathThatIsNotABlockDeviceIsRefused() {
    DiskSetup real = new DiskSetup(root, processes, log::add, DiskSetup::isBlockDevice, true);

    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class,
        () -> real.setup(device, "data", PLAIN, Optional.empty()));
    assertTrue(refused.getMessage().startsWith(device + " is not a block device"), refused.getMessage());
    assertEquals(List.of(), processes.commands());
    assertFalse(DiskSetup.isBlockDevice(Path.of("/dev/null")), "a character device is no disk");
  }

  @Test
  void aMountedDiskOrOneWithAnOpenContainerIsRefusedEvenWithWipe() {
    processes.prints("lsblk --noheadings", "vdb disk \nvdb1 part /srv\\x20old\n");
    Cli.BadInputException mounted = assertThrows(Cli.BadInputException.class,
        () -> setup().setup(device, "data", PLAIN, Optional.of(device)));
    assertEquals(device + " is in use: vdb1 is mounted on /srv old; nothing was written. Give a disk that nothing uses"
        + " (see them with: lsblk)", mounted.getMessage());

    processes.prints("lsblk --noheadings", "vdb disk \nappliance-data crypt \n");
    Cli.BadInputException open = assertThrows(Cli.BadInputException.class,
        () -> setup().setup(device, "data", PLAIN, Optional.of(device)));
    assertTrue(open.getMessage().startsWith(device + " is in use: appliance-data (crypt) is open on it"), open.getMessage());
    assertNothingWritten();
  }

  @Test
  void partitionsNobodyUsesAreWipedWithTheirTable() throws Exception {
    processes.prints("lsblk --noheadings", "vdb disk \nvdb1 part \n").prints("wipefs --no-act", "gpt 0x200\n");

    setup().setup(device, "data", PLAIN, Optional.of(device));

    assertEquals(List.of("lsblk --noheadings", "wipefs --no-act", "wipefs --all", "mkfs.ext4 -q"), processes.programs());
  }

  @Test
  void aLabelAnotherDiskCarriesIsRefused() throws Exception {
    Path other = Files.createFile(root.resolve("/dev/vdc"));
    Files.createDirectories(root.resolve("/dev/disk/by-label"));
    Files.createSymbolicLink(root.resolve("/dev/disk/by-label/data"), other);

    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class,
        () -> setup().setup(device, "data", PLAIN, Optional.empty()));
    assertTrue(refused.getMessage().startsWith("another disk, " + other.toRealPath() + ", carries the label 'data'"),
        refused.getMessage());
    assertNothingWritten();
  }

  @Test
  void anIgnoredVolumeIsRefused() {
    EnvConfig.Volume ignored = new EnvConfig.Volume("data", Optional.empty(), true, false, Optional.empty());

    assertThrows(Cli.BadInputException.class, () -> setup().setup(device, "data", ignored, Optional.empty()));
    assertEquals(List.of(), processes.commands());
  }

  @Test
  void theKeyFileIsRemovedAndTheContainerClosedWhenMakingTheFileSystemFails() throws Exception {
    processes.exits("mkfs.ext4 -q", 1);

    assertThrows(java.io.IOException.class, () -> setup().setup(device, "data", ENCRYPTED, Optional.empty()));

    assertEquals("cryptsetup close", processes.programs().get(processes.programs().size() - 1));
    assertFalse(Files.exists(processes.keyFile()), "the key file is removed");
    assertEquals(List.of(), Files.list(root.scratch()).toList(), "nothing left in the scratch space");
    assertNoPassphrase();
  }

  @Test
  void aTestRootIsPlannedAndPrintedNotTouched() throws Exception {
    new DiskSetup(root, processes, log::add, path -> true, false).setup(device, "data", ENCRYPTED, Optional.of(device));

    assertEquals(List.of(), processes.commands());
    String printed = String.join("\n", log);
    assertTrue(printed.contains("test root " + dir + ": " + device + " is not touched"), printed);
    assertTrue(printed.contains("  wipefs --all " + device + "\n"), printed);
    assertTrue(printed.contains("  cryptsetup luksFormat --type luks2 --batch-mode --label data --key-file "), printed);
    assertTrue(printed.contains("  cryptsetup close appliance-setup-data"), printed);
    assertFalse(printed.contains(PASSPHRASE), printed);
  }

  private void assertNothingWritten() {
    List<String> written = processes.programs().stream().filter(WRITERS::contains).toList();
    assertEquals(List.of(), written, "no command that writes to a disk ran");
  }

  private void assertNoPassphrase() {
    processes.commands().forEach(c -> assertFalse(String.join(" ", c).contains(PASSPHRASE), c.toString()));
    log.forEach(l -> assertFalse(l.contains(PASSPHRASE), l));
  }
}
