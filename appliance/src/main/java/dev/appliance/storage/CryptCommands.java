package dev.appliance.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * The command lines of cryptsetup(8) the appliance runs. The passphrase always comes from a key file (read whole, no
 * newline), never from the command line.
 */
public final class CryptCommands {

  /** cryptsetup's exit code when no key slot accepts the passphrase. */
  public static final int NO_USABLE_KEY = 2;

  private CryptCommands() {}

  /** Makes {@code device} a LUKS2 container carrying {@code label}, so that /dev/disk/by-label finds it. */
  public static List<String> format(Path device, String label, Path keyFile) {
    return List.of("cryptsetup", "luksFormat", "--type", "luks2", "--batch-mode", "--label", label, "--key-file",
        keyFile.toString(), device.toString());
  }

  /** Opens the container on {@code device} as /dev/mapper/{@code name}. */
  public static List<String> open(Path device, String name, Path keyFile) {
    return List.of("cryptsetup", "open", "--type", "luks2", "--key-file", keyFile.toString(), device.toString(), name);
  }

  public static List<String> close(String name) {
    return List.of("cryptsetup", "close", name);
  }
}
