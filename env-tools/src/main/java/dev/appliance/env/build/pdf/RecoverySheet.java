package dev.appliance.env.build.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import dev.appliance.env.build.qr.QrFrames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Renders env.yml.pdf: page 1 names the installation and says how to recover it; then the env's text with line
 * numbers; then the env as QR codes, six to an A4 page, each labelled "i of n".
 */
public final class RecoverySheet {

  /**
   * One pixel at 150 dpi, in points. Codes sit on this grid and each module is four of it (0.68 mm), so that at
   * 150 and 300 dpi every module is whole pixels: zbar misread about one code in 130 whose module edges fell
   * between pixels there.
   */
  static final float GRID = 72f / 150;
  static final float MODULE = 4 * GRID;
  /** A version 25 code (117 modules) with its quiet zone of 4 modules on each side: 85 mm. */
  static final float CODE_SIZE = (QrSymbol.MODULES + 8) * MODULE;
  static final int COLUMNS = 2;
  static final int ROWS = 3;

  private static final Font TITLE = new Font(Font.HELVETICA, 18, Font.BOLD);
  private static final Font HEADING = new Font(Font.HELVETICA, 11, Font.BOLD);
  private static final Font BODY = new Font(Font.HELVETICA, 10);
  private static final Font MONO = new Font(Font.COURIER, 7.5f);
  private static final Font LABEL = new Font(Font.HELVETICA, 8);

  private RecoverySheet() {}

  /** The PDF for {@code env} of {@code domain}, with the QR {@code frames} made from it. */
  public static byte[] render(String domain, byte[] env, List<String> frames, Instant created) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 36, 36, 36, 36);
    try {
      PdfWriter writer = PdfWriter.getInstance(document, out);
      document.addTitle("Recovery sheet of " + domain);
      document.addCreator("env-build");
      document.open();
      CoverPage.write(document, domain, env, frames.size(), created);
      document.newPage();
      EnvListing.write(document, new String(env, StandardCharsets.UTF_8));
      document.newPage();
      codes(document, writer.getDirectContent(), domain, QrFrames.checksum(env), frames);
      document.close();
    } catch (DocumentException e) {
      throw new IllegalStateException("cannot lay out the recovery sheet: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Draws the codes on the canvas; a page with drawings counts as not empty, so newPage() moves on. */
  private static void codes(Document document, PdfContentByte canvas, String domain, String checksum, List<String> frames) {
    float gap = snap((PageSize.A4.getWidth() - COLUMNS * CODE_SIZE) / (COLUMNS + 1));
    float rowHeight = snap(CODE_SIZE + 20);
    float pageHeight = PageSize.A4.getHeight();
    List<QrSymbol> symbols = encodeAll(frames);
    for (int i = 0; i < frames.size(); i++) {
      int slot = i % (COLUMNS * ROWS);
      if (slot == 0 && i > 0) {
        document.newPage();
      }
      QrSymbol symbol = symbols.get(i);
      float size = symbol.size(MODULE);
      float x = gap + (slot % COLUMNS) * (CODE_SIZE + gap);
      // Rendering counts pixel rows from the top of the page: keep the distance from there on the grid.
      float top = pageHeight - (snap(36) + (slot / COLUMNS) * rowHeight);
      symbol.draw(canvas, x, top - size, MODULE);
      String label = (i + 1) + " of " + frames.size() + "   " + domain + "   " + checksum;
      ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER, new Phrase(label, LABEL), x + size / 2, top + 3, 0);
    }
  }

  /** Encoding a code (choosing the best of eight masks) takes most of the sheet's time: use every core. */
  private static List<QrSymbol> encodeAll(List<String> frames) {
    return frames.parallelStream().map(QrSymbol::encode).toList();
  }

  private static float snap(float points) {
    return Math.round(points / GRID) * GRID;
  }

  static Paragraph paragraph(String text, Font font) {
    Paragraph paragraph = new Paragraph(text, font);
    paragraph.setSpacingAfter(6);
    return paragraph;
  }

  static Font heading() {
    return HEADING;
  }

  static Font title() {
    return TITLE;
  }

  static Font body() {
    return BODY;
  }

  static Font mono() {
    return MONO;
  }
}
