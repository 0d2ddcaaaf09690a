package dev.appliance.env.build.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Paragraph;
import dev.appliance.env.build.qr.QrFrames;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Page 1 of the recovery sheet: what it is, the fingerprint to check against, and how to recover the env. */
final class CoverPage {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private CoverPage() {}

  static void write(Document document, String domain, byte[] env, int codes, Instant created) throws DocumentException {
    document.add(RecoverySheet.paragraph("Recovery sheet: " + domain, RecoverySheet.title()));
    document.add(RecoverySheet.paragraph("Created " + TIME.format(created) + " by env-build. This sheet holds env.yml, the whole"
        + " configuration of the appliance with every secret. Keep it locked away like the keys it holds.", RecoverySheet.body()));
    document.add(RecoverySheet.paragraph("SHA-256 of env.yml (" + env.length + " bytes):", RecoverySheet.heading()));
    document.add(RecoverySheet.paragraph(grouped(QrFrames.sha256(env)), RecoverySheet.mono()));
    document.add(RecoverySheet.paragraph("Contents: this page; env.yml as text, with line numbers (a line too long for the page"
        + " goes on in the next line, marked \u00bb); then env.yml as " + codes + " QR codes, labelled '1 of " + codes
        + "' to '" + codes + " of " + codes + "'. The codes hold the exact file; the text is for reading.", RecoverySheet.body()));

    document.add(RecoverySheet.paragraph("Recover env.yml with this project's reader", RecoverySheet.heading()));
    document.add(RecoverySheet.paragraph("Scan or photograph the pages with the codes (150 dpi or more, any order, any rotation),"
        + " then run:", RecoverySheet.body()));
    document.add(RecoverySheet.paragraph("env-read --output env.yml scan-*.png", RecoverySheet.mono()));
    document.add(RecoverySheet.paragraph("It checks the checksum, and lists the codes that are missing, if any.", RecoverySheet.body()));

    document.add(RecoverySheet.paragraph("Recover env.yml with common tools (poppler-utils, zbar-tools, coreutils, gzip)",
        RecoverySheet.heading()));
    document.add(RecoverySheet.paragraph("Each code reads APL1/<index>/<count>/<checksum>:<part>. The parts in index order are"
        + " the gzipped env.yml in Base32. From this PDF (or from scans, skipping the first command):", RecoverySheet.body()));
    document.add(RecoverySheet.paragraph("pdftoppm -r 300 -gray -png env.yml.pdf page\n"
        + "for p in page-*.png; do zbarimg --raw -q -Sdisable -Sqrcode.enable \"$p\"; done | sort -u > codes.txt\n"
        + "cut -d: -f2 codes.txt | tr -d '\\n' | base32 -d | gunzip > env.yml\n"
        + "sha256sum env.yml", RecoverySheet.mono()));
    document.add(RecoverySheet.paragraph("codes.txt must have " + codes + " lines, and the sum must equal the SHA-256 above."
        + " Then check the file with 'env-check env.yml'. Run zbarimg once per page as shown: given many pictures at once,"
        + " zbar can skip a code.", RecoverySheet.body()));
  }

  private static String grouped(String hex) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 4) {
      out.append(hex, i, i + 4).append(i + 4 == hex.length() / 2 ? "\n" : i + 4 < hex.length() ? " " : "");
    }
    return out.toString();
  }
}
