package dev.appliance.env.build.qr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a scan or photo (PNG or JPEG) for env-read. Its size is read from the header first, and a picture too large
 * to decode is refused before any pixel is: the decoder would exhaust the memory, or fail with a message that names
 * neither the file nor the reason.
 */
final class ImageFile {

  /** A 600 dpi scan of an A4 page has 35 million pixels, a 48-megapixel photo 48 million. */
  static final long MAX_PIXELS = 50_000_000L;

  private interface Decoding<T> {
    T apply(ImageReader reader) throws IOException;
  }

  private ImageFile() {}

  /** Checks that {@code file} is an image env-read can decode, reading only its header. */
  static void check(Path file) throws UnreadableImageException {
    withReader(file, reader -> null);
  }

  /** Decodes {@code file}. */
  static BufferedImage read(Path file) throws UnreadableImageException {
    return withReader(file, reader -> reader.read(0));
  }

  private static <T> T withReader(Path file, Decoding<T> decoding) throws UnreadableImageException {
    try (ImageInputStream in = open(file)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new UnreadableImageException(file, "is not a PNG or JPEG image", "scan or save the pages as PNG or JPEG");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        refuseIfTooLarge(file, reader.getWidth(0), reader.getHeight(0));
        return decoding.apply(reader);
      } catch (IOException | RuntimeException e) {
        // Decoders report a damaged file by IOException, and some by IllegalArgumentException and the like.
        throw new UnreadableImageException(file, "the image is damaged or cut short (" + reason(e) + ")",
            "copy the file again, or scan or photograph the page again");
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UnreadableImageException(file, "cannot be read (" + reason(e) + ")", "check the file and its permissions");
    }
  }

  private static ImageInputStream open(Path file) throws IOException, UnreadableImageException {
    if (Files.isDirectory(file)) {
      throw new UnreadableImageException(file, "is a directory", "give the image files in it, e.g. " + file + "/*.png");
    }
    if (!Files.exists(file)) {
      throw new UnreadableImageException(file, "no such file", "check the name and the directory");
    }
    if (!Files.isReadable(file)) {
      throw new UnreadableImageException(file, "permission denied", "make it readable: chmod u+r " + file);
    }
    return new FileImageInputStream(file.toFile());
  }

  private static void refuseIfTooLarge(Path file, int width, int height) throws UnreadableImageException {
    long pixels = (long) width * height;
    if (pixels > MAX_PIXELS) {
      throw new UnreadableImageException(file, "the image is " + width + "x" + height + " pixels (" + pixels / 1_000_000
          + " million), more than the limit of " + MAX_PIXELS / 1_000_000 + " million",
          "scan at 300 dpi, or scale the picture down");
    }
  }

  private static String reason(Exception e) {
    String reason = e.getMessage() == null ? "unreadable" : e.getMessage();
    Throwable cause = e.getCause();
    return cause == null || cause.getMessage() == null ? reason : reason + ": " + cause.getMessage();
  }
}
