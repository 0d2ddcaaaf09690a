package dev.appliance.env.build.qr;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rebuilds env.yml from scans or photos of its recovery sheet: any order, any rotation, pages in several files. */
public final class EnvReader {

  /** A full page of the sheet holds this many codes; a picture with some but fewer is read again, enlarged. */
  static final int CODES_PER_PAGE = 6;
  /** Enlarged pictures stay below this many pixels (a 100 dpi page three times is 26 million). */
  static final long MAX_PIXELS = 30_000_000L;

  private EnvReader() {}

  /**
   * The env in {@code images}.
   *
   * @throws FrameSetException if codes are missing, come from two envs, or do not add up to the env
   * @throws UnreadableImageException if an image cannot be read; every header is read before any image is decoded
   */
  public static byte[] read(List<Path> images, Consumer<String> progress) throws FrameSetException, UnreadableImageException {
    for (Path file : images) {
      ImageFile.check(file);
    }
    Map<Path, BufferedImage> pictures = new LinkedHashMap<>();
    Map<Path, Set<String>> found = new LinkedHashMap<>();
    for (Path file : images) {
      BufferedImage image = ImageFile.read(file);
      pictures.put(file, image);
      found.put(file, new LinkedHashSet<>(QrScanner.scan(image)));
    }
    // Harder readings (all four turns, then enlarged) cost seconds a picture: only when codes are missing, and only
    // for pictures that show less than a full page (the last page of a sheet is rightly short).
    for (int stage = 1; stage <= 3 && missing(found); stage++) {
      for (Map.Entry<Path, Set<String>> picture : found.entrySet()) {
        BufferedImage image = pictures.get(picture.getKey());
        if (incomplete(picture.getValue()) && fits(image, stage)) {
          Set<String> known = picture.getValue();
          known.addAll(QrScanner.scanHarder(image, stage, stage == 3, more -> {
            Set<String> all = new LinkedHashSet<>(known);
            all.addAll(more);
            return frames(all) >= CODES_PER_PAGE;
          }));
        }
      }
    }
    found.forEach((file, texts) -> progress.accept(file + ": " + frames(texts) + (frames(texts) == 1 ? " code" : " codes")));
    return QrFrames.decode(found.values().stream().flatMap(Set::stream).toList());
  }

  private static boolean missing(Map<Path, Set<String>> found) {
    try {
      QrFrames.decode(found.values().stream().flatMap(Set::stream).toList());
      return false;
    } catch (FrameSetException e) {
      return e instanceof FrameSetException.Missing;
    }
  }

  /**
   * Whether a picture may hold codes not read yet: fewer than a page holds. A picture where the quick reading found
   * none is read harder too: the last page may hold a single code, and at 100 dpi the quick reading can miss it (a
   * page of text costs one reading per stage: the harder one gives up on a picture without a code upright).
   */
  private static boolean incomplete(Set<String> found) {
    return frames(found) < CODES_PER_PAGE;
  }

  private static boolean fits(BufferedImage image, int scale) {
    return (long) image.getWidth() * image.getHeight() * scale * scale <= MAX_PIXELS;
  }

  private static long frames(Set<String> texts) {
    return texts.stream().filter(t -> t.startsWith(QrFrames.FORMAT + "/")).count();
  }
}
