package dev.appliance.env.build.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Paragraph;

/** The env's text in a monospaced font with line numbers; long lines wrap visibly onto lines marked with ». */
final class EnvListing {

  /** Characters of text per printed line beside the line number, in 7.5 pt Courier on A4. */
  static final int WIDTH = 104;

  private EnvListing() {}

  static void write(Document document, String env) throws DocumentException {
    String[] lines = env.split("\n", -1);
    int count = env.endsWith("\n") ? lines.length - 1 : lines.length;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String line = printable(lines[i]);
      int start = 0;
      do {
        String piece = line.substring(start, Math.min(line.length(), start + WIDTH));
        text.append(start == 0 ? String.format("%5d  ", i + 1) : "     \u00bb ").append(piece).append('\n');
        start += WIDTH;
      } while (start < line.length());
    }
    Paragraph listing = new Paragraph(9, text.toString(), RecoverySheet.mono());
    document.add(listing);
  }

  /** The standard Courier font holds Latin-1 only: other characters are shown as '?' (the codes keep them exactly). */
  private static String printable(String line) {
    StringBuilder out = new StringBuilder(line.length());
    line.codePoints().forEach(c -> out.append(c == '\t' ? "    " : c < 0x20 || c > 0xff || c == 0x7f ? "?" : Character.toString(c)));
    return out.toString();
  }
}
