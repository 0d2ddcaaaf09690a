package dev.appliance.env.build.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoCommandsTest {

  @Test
  void xorrisoMakesAJolietRockRidgeImageNamedCidata() {
    assertEquals(List.of("xorriso", "-as", "mkisofs", "-quiet", "-output", "/w/seed.iso", "-volid", "cidata", "-joliet",
        "-rational-rock", "/w/seed"), IsoCommands.forTool("xorriso", Path.of("/w/seed.iso"), Path.of("/w/seed")));
  }

  @Test
  void genisoimageIsTheFallback() {
    assertEquals(List.of("genisoimage", "-quiet", "-output", "/w/seed.iso", "-volid", "cidata", "-joliet", "-rational-rock",
        "-input-charset", "utf-8", "/w/seed"), IsoCommands.forTool("genisoimage", Path.of("/w/seed.iso"), Path.of("/w/seed")));
  }
}
