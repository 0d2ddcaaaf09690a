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

  /** Encodes {@code text}; compact mode lets the final Base32 padding ('=') take a short byte segment. */
  static QrSymbol encode(String text) throws WriterException {
    Map<EncodeHintType, Object> hints = Map.of(EncodeHintType.QR_VERSION, VERSION, EncodeHintType.QR_COMPACT, true,
        EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    return new QrSymbol(Encoder.encode(text, ErrorCorrectionLevel.M, hints).getMatrix());
  }

  /** Draws the code, modules of {@code module} points, with its quiet zone, its lower left corner at (x, y). */
  void draw(PdfContentByte canvas, float x, float y, float module) {
    float size = (matrix.getWidth() + 2 * QUIET_ZONE) * module;
    canvas.saveState();
    canvas.setRGBColorFill(0, 0, 0);
    for (int row = 0; row < matrix.getHeight(); row++) {
      for (int column = 0; column < matrix.getWidth(); column++) {
        if (matrix.get(column, row) == 1) {
          canvas.rectangle(x + (column + QUIET_ZONE) * module, y + size - (row + QUIET_ZONE + 1) * module, module, module);
        }
      }
    }
    canvas.fill();
    canvas.restoreState();
  }
}
