package dev.appliance.env.build.pdf;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.lowagie.text.pdf.PdfContentByte;
import java.util.Map;

/** One QR code of the recovery sheet, drawn as filled squares so that it stays sharp at any resolution. */
final class QrSymbol {

  /** Version 25 (117 modules) at level M: dense enough for 885 bytes, coarse enough for a 100 dpi scan. */
  static final int VERSION = 25;
  static final int MODULES = 17 + 4 * VERSION;
  private static final int QUIET_ZONE = 4;

  private final ByteMatrix matrix;

  private QrSymbol(ByteMatrix matrix) {
    this.matrix = matrix;
  }

  /**
   * Encodes {@code text} as a version 25 code in alphanumeric mode. Only a last frame ending in Base32 padding ('=',
   * not an alphanumeric character) needs compact mode, which gives the padding a short byte segment, searches every
   * mix of modes (slow); it keeps version 25 too.
   */
  static QrSymbol encode(String text) {
    // The version is fixed in compact mode too: the scanner finds a code's edge by version 25's module count, and a
    // smaller last code went unread at 100 and 150 dpi.
    Map<EncodeHintType, Object> hints = text.endsWith("=")
        ? Map.of(EncodeHintType.QR_COMPACT, true, EncodeHintType.QR_VERSION, VERSION,
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M)
        : Map.of(EncodeHintType.QR_VERSION, VERSION, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    try {
      return new QrSymbol(Encoder.encode(text, ErrorCorrectionLevel.M, hints).getMatrix());
    } catch (WriterException e) {
      throw new IllegalStateException("a frame does not fit its QR code (frames are sized to fit): " + e.getMessage(), e);
    }
  }

  /** The side of the drawn code with its quiet zone, for modules of {@code module} points. */
  float size(float module) {
    return (matrix.getWidth() + 2 * QUIET_ZONE) * module;
  }

  /**
   * Draws the code, modules of {@code module} points, with its quiet zone, its lower left corner at (x, y). Each run
   * of dark modules in a row is one rectangle: a third of the drawing operations of one square per module.
   */
  void draw(PdfContentByte canvas, float x, float y, float module) {
    float size = size(module);
    canvas.saveState();
    canvas.setRGBColorFill(0, 0, 0);
    int width = matrix.getWidth();
    for (int row = 0; row < matrix.getHeight(); row++) {
      float top = y + size - (row + QUIET_ZONE + 1) * module;
      for (int column = 0; column < width; column++) {
        if (matrix.get(column, row) != 1) {
          continue;
        }
        int end = column;
        while (end + 1 < width && matrix.get(end + 1, row) == 1) {
          end++;
        }
        canvas.rectangle(x + (column + QUIET_ZONE) * module, top, (end - column + 1) * module, module);
        column = end;
      }
    }
    canvas.fill();
    canvas.restoreState();
  }
}
