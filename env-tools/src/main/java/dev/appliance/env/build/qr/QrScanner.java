package dev.appliance.env.build.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds every QR code in a scan or photo of recovery-sheet pages, in any position and rotation. ZXing's multi-code
 * reader misses codes on rotated or skewed pages, so each code found is painted over and the page is read again,
 * until nothing new turns up; the harder reading does so in each of the four quarter turns, some codes being found
 * in one orientation only. Blurred, skewed or coarse pictures read better enlarged, because ZXing samples each
 * module at its centre: {@link #scanHarder(BufferedImage, int, boolean)}.
 */
public final class QrScanner {

  private static final Map<DecodeHintType, Object> HINTS = new EnumMap<>(DecodeHintType.class);
  /** Enough passes for a page of six codes read one at a time, with room for false starts. */
  private static final int MAX_PASSES = 12;
  /** Modules of a recovery-sheet code (version 25), to find its edge from its finder patterns. */
  private static final int MODULES = 117;

  static {
    HINTS.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    HINTS.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
  }

  private QrScanner() {}

  /** The texts of the QR codes found in {@code image} upright, each once: the quick first reading. */
  public static Set<String> scan(BufferedImage image) {
    return scan(image, 1, false, 1, texts -> false);
  }

  /**
   * The texts of the QR codes found in {@code image} enlarged {@code scale} times (bicubic) and in each of the four
   * quarter turns, each once: seconds a picture, for when the quick reading missed codes. With
   * {@code threshold}, the enlarged picture is made black and white at mid-grey first: right for scans, whose
   * lighting is even; at 100 dpi it recovers codes whose 2.7-pixel modules ZXing otherwise misreads. The reading
   * stops as soon as {@code enough} holds for the codes found.
   */
  public static Set<String> scanHarder(BufferedImage image, int scale, boolean threshold, Predicate<Set<String>> enough) {
    return scan(image, scale, threshold, 4, enough);
  }

  private static Set<String> scan(BufferedImage image, int scale, boolean threshold, int turns,
      Predicate<Set<String>> enough) {
    Set<String> texts = new LinkedHashSet<>();
    BufferedImage view = copy(image, scale);
    if (threshold) {
      blackAndWhite(view);
    }
    for (int quarter = 0; quarter < turns; quarter++) {
      for (int pass = 0; pass < MAX_PASSES; pass++) {
        List<Result> found = decode(view);
        if (found.isEmpty()) {
          break;
        }
        for (Result result : found) {
          texts.add(result.getText());
          erase(view, result.getResultPoints());
        }
        if (enough.test(texts)) {
          return texts;
        }
      }
      if (texts.isEmpty()) {
        break; // no code in the upright picture: a page of text, not worth three more turns
      }
      view = rotateQuarter(view);
    }
    return texts;
  }

  private static List<Result> decode(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(width, height, image.getRGB(0, 0, width, height, null, 0, width))));
    try {
      return List.of(new QRCodeMultiReader().decodeMultiple(bitmap, HINTS));
    } catch (NotFoundException e) {
      try {
        return List.of(new QRCodeReader().decode(bitmap, HINTS));
      } catch (ReaderException again) {
        return List.of();
      }
    }
  }

  /** Paints the code white: its corners lie four modules beyond the centres of its three finder patterns. */
  private static void erase(BufferedImage image, ResultPoint[] points) {
    if (points.length < 3) {
      return;
    }
    ResultPoint bottomLeft = points[0];
    ResultPoint topLeft = points[1];
    ResultPoint topRight = points[2];
    float moduleX = (topRight.getX() - topLeft.getX()) / (MODULES - 7);
    float moduleY = (topRight.getY() - topLeft.getY()) / (MODULES - 7);
    float downX = (bottomLeft.getX() - topLeft.getX()) / (MODULES - 7);
    float downY = (bottomLeft.getY() - topLeft.getY()) / (MODULES - 7);
    List<float[]> corners = new ArrayList<>();
    corners.add(new float[] {topLeft.getX() - 4 * (moduleX + downX), topLeft.getY() - 4 * (moduleY + downY)});
    corners.add(new float[] {topRight.getX() + 4 * (moduleX - downX), topRight.getY() + 4 * (moduleY - downY)});
    float brX = topRight.getX() + bottomLeft.getX() - topLeft.getX();
    float brY = topRight.getY() + bottomLeft.getY() - topLeft.getY();
    corners.add(new float[] {brX + 4 * (moduleX + downX), brY + 4 * (moduleY + downY)});
    corners.add(new float[] {bottomLeft.getX() + 4 * (downX - moduleX), bottomLeft.getY() + 4 * (downY - moduleY)});
    Polygon polygon = new Polygon();
    corners.forEach(c -> polygon.addPoint(Math.round(c[0]), Math.round(c[1])));
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillPolygon(polygon);
    g.dispose();
  }

  private static BufferedImage copy(BufferedImage image, int scale) {
    BufferedImage copy = new BufferedImage(image.getWidth() * scale, image.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = copy.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(image, 0, 0, copy.getWidth(), copy.getHeight(), null);
    g.dispose();
    return copy;
  }

  private static void blackAndWhite(BufferedImage image) {
    int[] row = new int[image.getWidth()];
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRGB(0, y, row.length, 1, row, 0, row.length);
      for (int x = 0; x < row.length; x++) {
        int rgb = row[x];
        int luminance = (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
        row[x] = luminance < 128 ? 0xff000000 : 0xffffffff;
      }
      image.setRGB(0, y, row.length, 1, row, 0, row.length);
    }
  }

  private static BufferedImage rotateQuarter(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
    int[] turned = new int[pixels.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        turned[x * height + (height - 1 - y)] = pixels[y * width + x];
      }
    }
    BufferedImage rotated = new BufferedImage(height, width, BufferedImage.TYPE_INT_RGB);
    rotated.setRGB(0, 0, height, width, turned, 0, height);
    return rotated;
  }
}
