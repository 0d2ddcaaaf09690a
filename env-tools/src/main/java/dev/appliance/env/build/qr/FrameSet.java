package dev.appliance.env.build.qr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Scanned frames grouped and checked: one env, every index present once. */
final class FrameSet {

  private static final Pattern FRAME = Pattern.compile(QrFrames.FORMAT + "/(\\d{4})/(\\d{4})/([0-9A-F]{16}):([A-Z2-7=]*)");

  private final String checksum;
  private final Map<Integer, String> pieces;

  private FrameSet(String checksum, Map<Integer, String> pieces) {
    this.checksum = checksum;
    this.pieces = pieces;
  }

  static FrameSet of(List<String> scanned) throws FrameSetException {
    Map<String, Integer> counts = new TreeMap<>();
    Map<Integer, String> pieces = new TreeMap<>();
    for (String text : scanned) {
      Matcher m = FRAME.matcher(text.strip());
      if (!m.matches()) {
        continue; // another QR code on the same page or photo
      }
      counts.put(m.group(3), Integer.parseInt(m.group(2)));
      pieces.put(Integer.parseInt(m.group(1)), m.group(4));
    }
    if (counts.isEmpty()) {
      throw new FrameSetException(scanned.isEmpty() ? "no QR code was found"
          : "none of the " + scanned.size() + " QR codes found is a recovery-sheet code");
    }
    if (counts.size() > 1) {
      throw new FrameSetException("the codes come from " + counts.size() + " different envs (checksums "
          + String.join(", ", counts.keySet()) + "); scan the pages of one recovery sheet only");
    }
    String checksum = counts.keySet().iterator().next();
    int count = counts.get(checksum);
    List<Integer> missing = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      if (!pieces.containsKey(i)) {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      throw new FrameSetException.Missing(missing, count);
    }
    return new FrameSet(checksum, pieces);
  }

  String checksum() {
    return checksum;
  }

  String joinedPieces() {
    return pieces.values().stream().collect(Collectors.joining());
  }
}
