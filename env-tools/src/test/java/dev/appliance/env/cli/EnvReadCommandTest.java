package dev.appliance.env.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures env-read cannot use are bad input, named with the reason, before anything is decoded or written. */
class EnvReadCommandTest {

  private static final Path PAGE = Path.of("src/test/resources/scans/page-100dpi.png");

  @TempDir
  Path dir;

  @Test
  void aPngCutInItsHeaderIsNamedAsDamaged() throws IOException {
    Path cut = cut(20);
    assertRefused(cut, cut + ": the image is damaged or cut short (I/O error reading PNG header!); fix: copy the file"
        + " again, or scan or photograph the page again");
  }

  @Test
  void aPngCutInItsDataIsNamedAsDamaged() throws IOException {
    Path cut = cut(2000);
    assertRefused(cut, cut + ": the image is damaged or cut short (Error reading PNG image data: Unexpected end of ZLIB"
        + " input stream); fix: copy the file again, or scan or photograph the page again", PAGE);
  }

  @Test
  void aPngClaimingThirtyThousandPixelsSquareIsRefusedByItsHeader() throws IOException {
    // A valid header and a few bytes of data: 3.6 GB of pixels, more than the decoder can even address.
    Path huge = Files.write(dir.resolve("huge.png"), png(30_000, 30_000));
    assertRefused(huge, huge + ": the image is 30000x30000 pixels (900 million), more than the limit of 50 million;"
        + " fix: scan at 300 dpi, or scale the picture down");
  }

  @Test
  void aMissingFileADirectoryAndAnotherKindOfFileAreNamed() throws IOException {
    Path missing = dir.resolve("page-1.png");
    assertRefused(missing, missing + ": no such file; fix: check the name and the directory");
    Path scans = Files.createDirectory(dir.resolve("scans"));
    assertRefused(scans, scans + ": is a directory; fix: give the image files in it, e.g. " + scans + "/*.png");
    Path text = Files.writeString(dir.resolve("page.pdf"), "%PDF-1.7\n");
    assertRefused(text, text + ": is not a PNG or JPEG image; fix: scan or save the pages as PNG or JPEG");
  }

  /** Runs env-read with {@code images}, the refused one among them, and expects {@code message} alone. */
  private void assertRefused(Path refused, String message, Path... others) {
    Path output = dir.resolve("env.yml");
    String[] args = new String[others.length + 3];
    args[0] = "--output";
    args[1] = output.toString();
    for (int i = 0; i < others.length; i++) {
      args[2 + i] = others[i].toString();
    }
    args[args.length - 1] = refused.toString();
    CliRun run = CliRun.of(new EnvReadCommand(), args);
    assertEquals("env-read: " + message + "\n", run.err());
    assertEquals("", run.out());
    assertEquals(2, run.code());
    assertFalse(Files.exists(output));
  }

  private Path cut(int bytes) throws IOException {
    return Files.write(dir.resolve("cut-" + bytes + ".png"), Arrays.copyOf(Files.readAllBytes(PAGE), bytes));
  }

  /** An RGBA PNG that claims {@code width} x {@code height} pixels and holds one compressed row of them. */
  private static byte[] png(int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 6, 0, 0, 0}).array());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[4 * width + 1]);
    deflater.finish();
    byte[] data = new byte[1024];
    chunk(out, "IDAT", Arrays.copyOf(data, deflater.deflate(data)));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(name);
    out.write(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
