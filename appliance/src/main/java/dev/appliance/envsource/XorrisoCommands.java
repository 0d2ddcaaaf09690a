package dev.appliance.envsource;

import java.nio.file.Path;
import java.util.List;

/** The xorriso command lines that read files from an ISO 9660 drive or image without mounting it. */
public final class XorrisoCommands {

  private XorrisoCommands() {}

  /**
   * Copies every file of {@code device} into {@code dir}. {@code stdio:} lets xorriso read a block device under /dev
   * (it refuses those by default) as well as an image file.
   */
  public static List<String> extractAll(Path device, Path dir) {
    return List.of("xorriso", "-osirrox", "on", "-indev", "stdio:" + device, "-extract", "/", dir.toString());
  }
}
