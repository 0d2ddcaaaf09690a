package dev.appliance.env.build.qr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.util.encoders.Base32;

/**
 * Cuts an env into QR frames and joins scanned frames back into the env.
 *
 * <p>A frame reads {@code APL1/0003/0147/0123456789ABCDEF:BASE32...}: format, index and count (four digits, so a
 * plain {@code sort} orders them), the first 16 hex digits of the env's SHA-256, then a piece of the gzipped env
 * in Base32. Every piece but the last is a whole number of 5-byte groups, so the pieces joined in order are the
 * Base32 of the whole gzip, and {@code base32 -d | gunzip} rebuilds the file. Every character is in the QR
 * alphanumeric set, which packs 5.5 bits into each.
 */
public final class QrFrames {

  /** Bytes of gzip per frame: 1416 Base32 characters, which with the header fit a version 25 code at level M. */
  public static final int BYTES_PER_FRAME = 885;
  /** At most this many frames (and so {@value} codes): 141,600 bytes of gzipped env. */
  public static final int MAX_FRAMES = 160;
  static final String FORMAT = "APL1";

  private QrFrames() {}

  /**
   * The frames of {@code env}.
   *
   * @throws TooLargeException if the gzipped env needs more than {@link #MAX_FRAMES} frames
   */
  public static List<String> encode(byte[] env) throws TooLargeException {
    byte[] gzip = gzip(env);
    int count = Math.max(1, (gzip.length + BYTES_PER_FRAME - 1) / BYTES_PER_FRAME);
    if (count > MAX_FRAMES) {
      throw new TooLargeException(gzip.length, MAX_FRAMES * BYTES_PER_FRAME);
    }
    String checksum = checksum(env);
    List<String> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] piece = Arrays.copyOfRange(gzip, i * BYTES_PER_FRAME, Math.min(gzip.length, (i + 1) * BYTES_PER_FRAME));
      frames.add(String.format("%s/%04d/%04d/%s:%s", FORMAT, i + 1, count, checksum, Base32.toBase32String(piece)));
    }
    return frames;
  }

  /**
   * Joins scanned frames (any order, duplicates allowed) back into the env, checking its checksum.
   *
   * @throws FrameSetException if frames are missing, come from different envs, or do not make up the env
   */
  public static byte[] decode(List<String> scanned) throws FrameSetException {
    FrameSet set = FrameSet.of(scanned);
    String base32 = set.joinedPieces();
    byte[] env;
    try {
      env = gunzip(Base32.decode(base32));
    } catch (IOException | RuntimeException e) {
      throw new FrameSetException("the codes are complete but their content is damaged (" + e.getMessage() + ")");
    }
    if (!checksum(env).equals(set.checksum())) {
      throw new FrameSetException("the rebuilt env does not match the checksum " + set.checksum() + " in its codes");
    }
    return env;
  }

  /** The first 16 hex digits (upper case) of the SHA-256 of {@code env}. */
  public static String checksum(byte[] env) {
    return sha256(env).substring(0, 16);
  }

  /** The SHA-256 of {@code data} in upper-case hex. */
  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Gzip without a file name or time stamp, so the same env always gives the same codes. */
  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
      }
    }) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] data) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    }
  }

  /** Thrown when an env is too large for the recovery sheet. */
  public static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    public TooLargeException(int gzipBytes, int limit) {
      super("env.yml compresses to " + gzipBytes + " bytes, more than the " + limit + " bytes (" + MAX_FRAMES
          + " QR codes) a recovery sheet holds; move large values (files, long lists) out of the env");
    }
  }
}
