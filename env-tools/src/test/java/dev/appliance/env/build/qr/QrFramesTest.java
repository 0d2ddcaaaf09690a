package dev.appliance.env.build.qr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QrFramesTest {

  private static final byte[] ENV = "#cloud-config\nappliance:\n  domain: example.org\n".repeat(40)
      .getBytes(StandardCharsets.UTF_8);

  @Test
  void framesCarryIndexCountAndChecksumInQrAlphanumericCharacters() throws Exception {
    byte[] env = random(5_000);
    List<String> frames = QrFrames.encode(env);
    assertTrue(frames.size() > 1);
    String checksum = QrFrames.sha256(env).substring(0, 16);
    for (int i = 0; i < frames.size(); i++) {
      String prefix = String.format("APL1/%04d/%04d/%s:", i + 1, frames.size(), checksum);
      assertTrue(frames.get(i).startsWith(prefix), frames.get(i).substring(0, 40));
      String body = frames.get(i).substring(prefix.length());
      assertTrue(body.matches(i == frames.size() - 1 ? "[A-Z2-7]+=*" : "[A-Z2-7]{1416}"), "frame " + (i + 1));
    }
  }

  @Test
  void framesInAnyOrderWithDuplicatesGiveTheEnvBack() throws Exception {
    byte[] env = random(20_000);
    List<String> frames = new ArrayList<>(QrFrames.encode(env));
    frames.add(frames.get(3));
    frames.add("https://example.org/not-a-frame");
    Collections.shuffle(frames, new Random(1));
    assertArrayEquals(env, QrFrames.decode(frames));
  }

  @Test
  void theSameEnvAlwaysGivesTheSameFrames() throws Exception {
    assertEquals(QrFrames.encode(ENV), QrFrames.encode(ENV.clone()));
  }

  @Test
  void missingFramesAreNamed() throws Exception {
    List<String> frames = new ArrayList<>(QrFrames.encode(random(20_000)));
    int count = frames.size();
    frames.remove(4);
    frames.remove(1);
    FrameSetException.Missing e = assertThrows(FrameSetException.Missing.class, () -> QrFrames.decode(frames));
    assertEquals(List.of(2, 5), e.missing());
    assertEquals("missing 2 of " + count + " codes: 2, 5; scan the pages that hold them (each code is labelled 'i of "
        + count + "')", e.getMessage());
  }

  @Test
  void framesOfTwoEnvsAreRefused() throws Exception {
    List<String> frames = new ArrayList<>(QrFrames.encode(ENV));
    frames.addAll(QrFrames.encode(random(100)));
    FrameSetException e = assertThrows(FrameSetException.class, () -> QrFrames.decode(frames));
    assertTrue(e.getMessage().startsWith("the codes come from 2 different envs"), e.getMessage());
  }

  @Test
  void aDamagedFrameIsNoticed() throws Exception {
    List<String> frames = new ArrayList<>(QrFrames.encode(random(3_000)));
    String first = frames.get(0);
    int at = first.indexOf(':') + 100;
    frames.set(0, first.substring(0, at) + (first.charAt(at) == 'A' ? 'B' : 'A') + first.substring(at + 1));
    assertThrows(FrameSetException.class, () -> QrFrames.decode(frames));
  }

  @Test
  void noCodesAtAllIsSaidPlainly() {
    FrameSetException e = assertThrows(FrameSetException.class, () -> QrFrames.decode(List.of()));
    assertEquals("no QR code was found", e.getMessage());
  }

  @Test
  void capacityIsAtLeast130KilobytesAndBeyondItAClearError() throws Exception {
    assertTrue(QrFrames.MAX_FRAMES * QrFrames.BYTES_PER_FRAME >= 130 * 1024);
    byte[] fits = random(QrFrames.MAX_FRAMES * QrFrames.BYTES_PER_FRAME - 200);
    assertEquals(QrFrames.MAX_FRAMES, QrFrames.encode(fits).size());
    QrFrames.TooLargeException e = assertThrows(QrFrames.TooLargeException.class,
        () -> QrFrames.encode(random(QrFrames.MAX_FRAMES * QrFrames.BYTES_PER_FRAME + 1000)));
    assertTrue(e.getMessage().contains("more than the 141600 bytes (160 QR codes) a recovery sheet holds"), e.getMessage());
  }

  /** Random bytes barely compress, so their size is about their gzip size. */
  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
