package dev.appliance.env.build.qr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A 100 dpi rendering of a QR page (pdftoppm -r 100 -gray) on which ZXing, reading the picture as it is, misses one
 * of the six codes: the harder readings (all turns, enlarged, black and white) must still rebuild the env exactly.
 */
class EnvReaderTest {

  private static final Path PAGE = Path.of("src/test/resources/scans/page-100dpi.png");

  @Test
  void aCoarseScanIsReadWhole() throws Exception {
    long quick = QrScanner.scan(ImageIO.read(PAGE.toFile())).size();
    assertTrue(quick < EnvReader.CODES_PER_PAGE, "the fixture must still need the harder readings (quick reading: " + quick + ")");
    List<String> progress = new ArrayList<>();
    byte[] env = EnvReader.read(List.of(PAGE), progress::add);
    assertArrayEquals(Files.readAllBytes(Path.of("src/test/resources/scans/page-100dpi.env.yml")), env);
    assertTrue(progress.get(0).endsWith("page-100dpi.png: 6 codes"), progress.toString());
  }
}
