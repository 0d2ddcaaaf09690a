package dev.appliance.env.build.iso;

import java.nio.file.Path;
import java.util.List;

/** The command lines that make a NoCloud seed ISO of a directory's files, for each supported tool. */
public final class IsoCommands {

  /** The volume id cloud-init's NoCloud data source looks for. */
  public static final String VOLUME_ID = "cidata";

  private IsoCommands() {}

  /** xorriso in its mkisofs mode (Debian package xorriso). */
  public static List<String> xorriso(Path iso, Path dir) {
    return List.of("xorriso", "-as", "mkisofs", "-quiet", "-output", iso.toString(), "-volid", VOLUME_ID, "-joliet",
        "-rational-rock", dir.toString());
  }

  /** genisoimage (Debian package genisoimage). */
  public static List<String> genisoimage(Path iso, Path dir) {
    return List.of("genisoimage", "-quiet", "-output", iso.toString(), "-volid", VOLUME_ID, "-joliet", "-rational-rock",
        "-input-charset", "utf-8", dir.toString());
  }

  /** The command for {@code tool} ("xorriso" or "genisoimage"). */
  public static List<String> forTool(String tool, Path iso, Path dir) {
    return tool.equals("xorriso") ? xorriso(iso, dir) : genisoimage(iso, dir);
  }
}
