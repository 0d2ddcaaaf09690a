package dev.appliance.env.build.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.qrcode.decoder.Mode;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import dev.appliance.env.build.qr.QrFrames;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QrSymbolTest {

  @Test
  void aFullFrameFitsAVersion25CodeInAlphanumericMode() throws Exception {
    byte[] env = new byte[3 * QrFrames.BYTES_PER_FRAME];
    new Random(3).nextBytes(env);
    String full = QrFrames.encode(env).get(0);
    assertEquals(Mode.ALPHANUMERIC, Encoder.encode(full, ErrorCorrectionLevel.M).getMode());
    QrSymbol symbol = QrSymbol.encode(full);
    assertEquals(QrSymbol.MODULES + 8, Math.round(symbol.size(1f)), "version 25 plus the quiet zone");
  }

  @Test
  void modulesAreWholePixelsAt150Dpi() {
    float pixelsPerModule = RecoverySheet.MODULE * 150 / 72;
    assertEquals(4.0f, pixelsPerModule, 1e-4f);
  }
}
