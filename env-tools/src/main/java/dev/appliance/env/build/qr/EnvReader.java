package dev.appliance.env.build.qr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/** Rebuilds env.yml from scans or photos of its recovery sheet: any order, any rotation, pages in several files. */
public final class EnvReader {

  /** A full page of the sheet holds this many codes; a picture with some but fewer is read again, enlarged. */
  static final int CODES_PER_PAGE = 6;

  private EnvReader() {}

  /**
   * The env in {@code images}.
   *
   * @throws FrameSetException if codes are missing, come from two envs, or do not add up to the env
   * @throws IOException if an image cannot be read
   */
  public static byte[] read(List<Path> images, Consumer<String> progress) throws FrameSetException, IOException {
    List<String> texts = new ArrayList<>();
    for (Path file : images) {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null) {
        throw new IOException(file + " is not an image this reader knows (PNG or JPEG)");
      }
      Set<String> found = new LinkedHashSet<>(QrScanner.scan(image));
      if (frames(found) > 0 && frames(found) < CODES_PER_PAGE) {
        found.addAll(QrScanner.scan(image, 2));
      }
      progress.accept(file + ": " + frames(found) + (frames(found) == 1 ? " code" : " codes"));
      texts.addAll(found);
    }
    return QrFrames.decode(texts);
  }

  private static long frames(Set<String> texts) {
    return texts.stream().filter(t -> t.startsWith(QrFrames.FORMAT + "/")).count();
  }
}
