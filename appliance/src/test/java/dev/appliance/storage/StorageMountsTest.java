package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.Secret;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage mounts step's commands and refusals for encrypted and plain disks, with programs that only record. */
class StorageMountsTest {

  private static final String PASSPHRASE = "correct-horse-battery-staple";
  private static final EnvConfig.Volume IGNORED = new EnvConfig.Volume("volatile", Optional.empty(), true, false, Optional.empty());

  @TempDir
  Path dir;
  HostRoot root;
  Path disk;
  ScriptedProcesses processes = new ScriptedProcesses();
  List<String> log = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    root = new HostRoot(dir);
    disk = root.resolve("/dev/disk/by-label/data");
    Files.createDirectories(disk.getParent());
    Files.createFile(disk);
  }

  private void mount(boolean encrypted) throws Exception {
    EnvConfig.Volume data = new EnvConfig.Volume("data", Optional.empty(), false, encrypted,
        encrypted ? Optional.of(Secret.of(PASSPHRASE)) : Optional.empty());
    new StorageMounts(root, processes, log::add).apply(new EnvConfig.StorageConfig(data, IGNORED));
  }

  @Test
  void anEncryptedDiskIsOpenedWithAKeyFileThenMountedFromTheMapper() throws Exception {
    processes.prints("blkid --probe", "DEVNAME=/dev/vdb\nLABEL=data\nTYPE=crypto_LUKS\n");

    mount(true);

    Path key = processes.keyFile();
    Path mapped = root.resolve("/dev/mapper/appliance-data");
    assertEquals(List.of(DiskCommands.probe(disk),
        List.of("cryptsetup", "open", "--type", "luks2", "--key-file", key.toString(), disk.toString(), "appliance-data"),
        List.of("mount", "-o", "noatime", mapped.toString(), root.resolve("/data").toString())), processes.commands());
    assertEquals(Optional.of(new ScriptedProcesses.KeyFileSeen(PASSPHRASE, "rw-------")),
        processes.keyFileOf(processes.commands().get(1)));
    assertTrue(key.startsWith(root.scratch()), key.toString());
    assertFalse(Files.exists(key), "the key file is removed");
    assertNoPassphrase();
  }

  @Test
  void anOpenContainerIsNotOpenedAgain() throws Exception {
    processes.prints("blkid --probe", "TYPE=crypto_LUKS\n");
    Path mapped = root.resolve("/dev/mapper/appliance-data");
    Files.createDirectories(mapped.getParent());
    Files.createFile(mapped);

    mount(true);

    assertEquals(List.of("blkid --probe", "mount -o"), processes.programs());
    assertEquals(List.of("mount", "-o", "noatime", mapped.toString(), root.resolve("/data").toString()),
        processes.commands().get(1));
  }

  @Test
  void aWrongPassphraseIsBadInputWithTheFixAndNothingMounted() throws Exception {
    processes.prints("blkid --probe", "TYPE=crypto_LUKS\n").exits("cryptsetup open", CryptCommands.NO_USABLE_KEY);

    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class, () -> mount(true));

    assertEquals("appliance/storage/data/passphrase does not open " + disk + " (no key slot accepts it); the disk was not"
        + " changed. Boot with the env this disk was set up with (its recovery sheet has it), or, if the disk is new and"
        + " may be erased: appliance storage setup " + disk + " --data --wipe " + disk, refused.getMessage());
    assertEquals(List.of("blkid --probe", "cryptsetup open"), processes.programs());
    assertFalse(Files.exists(processes.keyFile()), "the key file is removed");
    assertNoPassphrase();
  }

  @Test
  void anotherFailureToOpenIsAFailureNotBadInput() {
    processes.prints("blkid --probe", "TYPE=crypto_LUKS\n").exits("cryptsetup open", 1);

    ProcessRunner.ProcessException failed = assertThrows(ProcessRunner.ProcessException.class, () -> mount(true));

    assertEquals(1, failed.exitCode());
    assertFalse(Files.exists(processes.keyFile()), "the key file is removed");
  }

  @Test
  void aDiskThatIsNotLuksIsRefusedWhenTheEnvSaysEncrypted() {
    processes.prints("blkid --probe", "TYPE=ext4\n");
    Cli.BadInputException plain = assertThrows(Cli.BadInputException.class, () -> mount(true));
    assertTrue(plain.getMessage().startsWith(disk + " for /data holds ext4, not the LUKS2 container"
        + " appliance/storage/data/encrypted asks for; it was not changed."), plain.getMessage());

    processes.exits("blkid --probe", 2);
    Cli.BadInputException empty = assertThrows(Cli.BadInputException.class, () -> mount(true));
    assertTrue(empty.getMessage().startsWith(disk + " for /data holds no file system, not the LUKS2 container"),
        empty.getMessage());
    assertTrue(empty.getMessage().contains("appliance storage setup " + disk + " --data"), empty.getMessage());
    assertEquals(List.of("blkid --probe", "blkid --probe"), processes.programs());
  }

  @Test
  void aLuksDiskIsRefusedWhenTheEnvSaysPlain() {
    processes.prints("blkid --probe", "TYPE=crypto_LUKS\n");

    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class, () -> mount(false));

    assertEquals(disk + " for /data is a LUKS2 container, but appliance/storage/data/encrypted is false; set encrypted:"
        + " true in env.yml, with the passphrase it was set up with", refused.getMessage());
    assertEquals(List.of("blkid --probe"), processes.programs());
  }

  @Test
  void aPlainDiskIsMountedAsBefore() throws Exception {
    processes.prints("blkid --probe", "TYPE=ext4\n");

    mount(false);

    assertEquals(List.of(DiskCommands.probe(disk), MountCommands.mount(disk, root.resolve("/data"))), processes.commands());
  }

  @Test
  void aMissingDiskIsBadInputAndNothingRuns() throws Exception {
    Files.delete(disk);

    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class, () -> mount(true));

    assertTrue(refused.getMessage().startsWith("there is no LUKS2 container " + disk + " for /data; attach the disk"),
        refused.getMessage());
    assertEquals(List.of(), processes.commands());
  }

  private void assertNoPassphrase() {
    processes.commands().forEach(c -> assertFalse(String.join(" ", c).contains(PASSPHRASE), c.toString()));
    log.forEach(l -> assertFalse(l.contains(PASSPHRASE), l));
  }
}
