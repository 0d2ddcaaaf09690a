package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The command lines of cryptsetup, wipefs, blkid, lsblk and mkfs, exactly. */
class CryptCommandsTest {

  private static final Path DISK = Path.of("/dev/vdb");
  private static final Path KEY = Path.of("/run/appliance/tmp/luks-1/key");

  @Test
  void cryptsetupTakesThePassphraseFromTheKeyFile() {
    assertEquals(List.of("cryptsetup", "luksFormat", "--type", "luks2", "--batch-mode", "--label", "data", "--key-file",
        "/run/appliance/tmp/luks-1/key", "/dev/vdb"), CryptCommands.format(DISK, "data", KEY));
    assertEquals(List.of("cryptsetup", "open", "--type", "luks2", "--key-file", "/run/appliance/tmp/luks-1/key",
        "/dev/vdb", "appliance-data"), CryptCommands.open(DISK, "appliance-data", KEY));
    assertEquals(List.of("cryptsetup", "close", "appliance-data"), CryptCommands.close("appliance-data"));
  }

  @Test
  void disksAreReadWithoutWritingAndFormattedWithOrWithoutLabel() {
    assertEquals(List.of("wipefs", "--no-act", "--noheadings", "--output", "TYPE,OFFSET", "/dev/vdb"),
        DiskCommands.signatures(DISK));
    assertEquals(List.of("blkid", "--probe", "--output", "export", "/dev/vdb"), DiskCommands.probe(DISK));
    assertEquals(List.of("lsblk", "--noheadings", "--raw", "--output", "NAME,TYPE,MOUNTPOINT", "/dev/vdb"),
        DiskCommands.users(DISK));
    assertEquals(List.of("wipefs", "--all", "/dev/vdb"), DiskCommands.wipe(DISK));
    assertEquals(List.of("mkfs.ext4", "-q", "-L", "data", "/dev/vdb"), DiskCommands.makeFileSystem(DISK, Optional.of("data")));
    assertEquals(List.of("mkfs.ext4", "-q", "/dev/mapper/x"), DiskCommands.makeFileSystem(Path.of("/dev/mapper/x"),
        Optional.empty()));
  }
}
