package dev.appliance.env.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.CliRun;
import dev.appliance.env.cli.EnvBuildCommand;
import dev.appliance.env.cli.EnvReadCommand;
import dev.appliance.env.testing.GnupgHome;
import dev.appliance.env.testing.Programs;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.junit.jupiter.api.io.TempDir;

/**
 * env-build's outputs, each proved by a round trip through the real tools: poppler, zbar, xorriso, isoinfo, GnuPG.
 * Over 300 lines because its round trips share helpers (rendering, scanning, the GnuPG homes) kept in one place.
 */
class EnvBuildIT {

  @TempDir
  Path dir;

  @Test
  void thePrintedCommandsAndEnvReadRebuildTheEnvAt300150And100Dpi() throws Exception {
    Path env = newEnv("site", null);
    assertEquals(0, build(env).code());
    Path pdf = env.resolveSibling(EnvBuild.PDF);
    List<String> cover = List.of(Programs.ok(dir, "pdftotext", "-f", "1", "-l", "1", pdf.toString(), "-").out().split("\n"));
    String render = line(cover, "pdftoppm ");
    String scan = line(cover, "for p in page-*.png; do zbarimg ");
    String decode = line(cover, "cut -d: -f2 codes.txt");
    assertTrue(String.join("", cover).replaceAll("\\s", "").contains(sha256(env)), "the cover shows the env's whole SHA-256");
    assertTrue(render.contains("-r 300"), render);
    String printed = Programs.ok(dir, "pdftotext", pdf.toString(), "-").out();
    Map<String, Object> values = cast(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(env)));
    for (String secret : List.of("vpn/private_key", "storage/data/passphrase", "storage/volatile/passphrase")) {
      String value = (String) value(values, "appliance/" + secret);
      assertTrue(value.length() >= 44 && printed.contains(value), "the listing shows appliance/" + secret);
    }
    for (String dpi : List.of("300", "150", "100")) {
      Path scans = Files.createDirectories(dir.resolve("scans-" + dpi));
      Files.copy(pdf, scans.resolve(EnvBuild.PDF));
      // Exactly the commands printed on the cover, as an operator would type them: from the PDF (300 dpi) and
      // from scans at the lowest resolution the cover asks for (150 dpi); below that, env-read only.
      if (dpi.equals("100")) {
        Programs.ok(scans, "bash", "-c", render.replace("-r 300", "-r " + dpi));
      } else {
        Programs.ok(scans, "bash", "-c", render.replace("-r 300", "-r " + dpi) + " && " + scan + " && " + decode);
        assertArrayEquals(Files.readAllBytes(env), Files.readAllBytes(scans.resolve("env.yml")), "common tools at " + dpi + " dpi");
      }
      CliRun read = envRead(scans.resolve("read.yml"), pngs(scans));
      assertEquals(0, read.code(), read.all());
      assertArrayEquals(Files.readAllBytes(env), Files.readAllBytes(scans.resolve("read.yml")), "env-read at " + dpi + " dpi");
    }
  }

  @Test
  void aLargeEnvWithManyCodesIsReadFromShuffledPages() throws Exception {
    Path env = newEnv("large", randomSetting(70_000));
    CliRun built = build(env);
    assertEquals(0, built.code(), built.all());
    int codes = Integer.parseInt(built.out().replaceAll("(?s).*recovery sheet: (\\d+) QR codes.*", "$1"));
    assertTrue(codes > 40, "many codes: " + codes);
    Path scans = render(env.resolveSibling(EnvBuild.PDF), "150");
    List<Path> pages = new ArrayList<>(pngs(scans));
    Collections.shuffle(pages, new Random(7));
    CliRun read = envRead(dir.resolve("large-read.yml"), pages);
    assertEquals(0, read.code(), read.all());
    assertArrayEquals(Files.readAllBytes(env), Files.readAllBytes(dir.resolve("large-read.yml")));

    // One zbarimg per page of the PDF rendered as the cover says (300 dpi): given many images at once, zbar 0.23
    // can skip a code, and at 150 dpi it misread about one code in a few thousand of random content.
    java.util.Set<String> zbarCodes = new java.util.HashSet<>();
    Path rendered = render(env.resolveSibling(EnvBuild.PDF), "300");
    for (Path page : pngs(rendered)) {
      Programs.Run zbar = Programs.run(scans, List.of("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", page.toString()));
      assertTrue(zbar.code() == 0 || zbar.code() == 4, "zbarimg exits 4 for a page of text only: " + zbar.stderr());
      zbar.out().lines().filter(l -> l.startsWith("APL1/")).forEach(zbarCodes::add);
    }
    assertEquals(codes, zbarCodes.size(), "zbarimg reads every code");
  }

  @Test
  void rotatedScansAndSkewedPhotosAreRead() throws Exception {
    Path env = newEnv("site", null);
    assertEquals(0, build(env).code());
    Path scans = render(env.resolveSibling(EnvBuild.PDF), "150");
    List<Path> pictures = new ArrayList<>();
    int turn = 0;
    for (Path page : pngs(scans)) {
      BufferedImage image = ImageIO.read(page.toFile());
      double degrees = List.of(90.0, 180.0, 270.0, 5.0, -3.0).get(turn++ % 5);
      Path picture = scans.resolve("photo-" + turn + ".jpg");
      ImageIO.write(rotate(image, degrees), "jpg", picture.toFile());
      pictures.add(picture);
    }
    CliRun read = envRead(dir.resolve("photos.yml"), pictures);
    assertEquals(0, read.code(), read.all());
    assertArrayEquals(Files.readAllBytes(env), Files.readAllBytes(dir.resolve("photos.yml")));
  }

  @Test
  void missingCodesAreListedAndMixedSheetsRefused() throws Exception {
    Path large = newEnv("large", randomSetting(12_000));
    assertEquals(0, build(large).code());
    List<Path> pages = pngs(render(large.resolveSibling(EnvBuild.PDF), "100"));
    Path lastPage = pages.get(pages.size() - 1);
    List<Path> withoutLast = pages.subList(0, pages.size() - 1);
    CliRun missing = envRead(dir.resolve("missing.yml"), withoutLast);
    assertEquals(2, missing.code());
    assertTrue(missing.err().matches("(?s)env-read: missing \\d+ of \\d+ codes: [0-9, ]+; scan the pages that hold them.*"),
        missing.err());
    assertFalse(Files.exists(dir.resolve("missing.yml")));

    Path other = newEnv("other", null);
    assertEquals(0, build(other).code());
    List<Path> mixed = new ArrayList<>(pngs(render(other.resolveSibling(EnvBuild.PDF), "100")));
    mixed.add(lastPage);
    CliRun refused = envRead(dir.resolve("mixed.yml"), mixed);
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("the codes come from 2 different envs"), refused.err());
    assertFalse(Files.exists(dir.resolve("mixed.yml")));
  }

  @Test
  void theSeedIsoHasVolumeIdCidataAndTheEnvAsUserData() throws Exception {
    Path env = newEnv("site", null);
    assertEquals(0, build(env).code());
    Path iso = env.resolveSibling(EnvBuild.ISO);
    assertTrue(Programs.ok(dir, "isoinfo", "-d", "-i", iso.toString()).out().contains("Volume id: cidata"));
    Map<String, byte[]> files = isoFiles(iso);
    assertArrayEquals(Files.readAllBytes(env), files.get("user-data"));
    String metaData = new String(files.get("meta-data"), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(metaData.matches("instance-id: iid-appliance-[0-9a-f]{16}\nlocal-hostname: example\\.org\n"), metaData);
    assertFalse(files.containsKey("network-config"));

    Files.writeString(env.resolveSibling("meta-data.custom"), "instance-id: pinned\nlocal-hostname: static\n");
    Files.writeString(env.resolveSibling("network-config"), "version: 2\nethernets:\n  eth0:\n    addresses: [192.0.2.10/24]\n");
    assertEquals(0, build(env).code());
    files = isoFiles(iso);
    assertEquals("instance-id: pinned\nlocal-hostname: static\n", new String(files.get("meta-data")));
    assertArrayEquals(Files.readAllBytes(env.resolveSibling("network-config")), files.get("network-config"));
  }

  @Test
  void thePackageOpensForEachRecipientOnlyAndHoldsTheThreeFiles() throws Exception {
    Path env = newEnv("site", null);
    GnupgHome alice = GnupgHome.in(dir.resolve("alice")).withKey("Alice <alice@example.org>", true);
    GnupgHome bob = GnupgHome.in(dir.resolve("bob")).withKey("Bob <bob@example.org>", false);
    GnupgHome mallory = GnupgHome.in(dir.resolve("mallory")).withKey("Mallory <mallory@example.org>", false);
    Path keys = Files.writeString(dir.resolve("keys.asc"), alice.exportPublic() + bob.exportPublic());
    Path out = dir.resolve("out");
    CliRun run = CliRun.of(new EnvBuildCommand(), env.toString(), "--recipients", keys.toString(), "--out", out.toString());
    assertEquals(0, run.code(), run.all());
    assertTrue(run.err().contains("hold every secret in the clear"), run.err());
    Path pkg = onlyFile(out, ".tar.gz.gpg");
    assertTrue(pkg.getFileName().toString().matches("example\\.org\\.env\\.\\d{4}-\\d\\d-\\d\\d_\\d\\d\\.\\d\\d\\.tar\\.gz\\.gpg"));
    for (Path file : List.of(pkg, out.resolve(EnvBuild.PDF), out.resolve(EnvBuild.ISO))) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
    }
    for (GnupgHome recipient : List.of(alice, bob)) {
      Programs.Run decrypted = recipient.gpg("--verbose", "--decrypt", pkg.toString());
      assertTrue(decrypted.stderr().contains("AES256 encrypted data"), decrypted.stderr());
      Map<String, byte[]> tar = untar(decrypted.stdout());
      assertEquals(List.of("env.yml", EnvBuild.PDF, EnvBuild.ISO), List.copyOf(tar.keySet()));
      assertArrayEquals(Files.readAllBytes(env), tar.get("env.yml"));
      assertArrayEquals(Files.readAllBytes(out.resolve(EnvBuild.PDF)), tar.get(EnvBuild.PDF));
      assertArrayEquals(Files.readAllBytes(out.resolve(EnvBuild.ISO)), tar.get(EnvBuild.ISO));
    }
    assertNotEquals(0, mallory.tryGpg("--decrypt", pkg.toString()).code(), "a non-recipient must not decrypt");
  }

  @Test
  void encryptedOnlyLeavesOnlyThePackage() throws Exception {
    Path env = newEnv("site", null);
    GnupgHome bob = GnupgHome.in(dir.resolve("bob")).withKey("Bob <bob@example.org>", false);
    Path keys = Files.writeString(dir.resolve("keys.asc"), bob.exportPublic());
    Path out = dir.resolve("sealed");
    CliRun run = CliRun.of(new EnvBuildCommand(), env.toString(), "--recipients", keys.toString(), "--out", out.toString(),
        "--encrypted-only");
    assertEquals(0, run.code(), run.all());
    Path pkg = onlyFile(out, ".tar.gz.gpg");
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(pkg), files.toList(), "nothing but the package is left");
    }
    Map<String, byte[]> tar = untar(bob.gpg("--decrypt", pkg.toString()).stdout());
    assertArrayEquals(Files.readAllBytes(env), tar.get("env.yml"));
    assertTrue(new String(tar.get(EnvBuild.PDF), 0, 5).startsWith("%PDF-"));
  }

  @Test
  void badInputBuildsNothing() throws Exception {
    Path out = dir.resolve("out");
    Path invalid = Files.copy(Path.of("src/test/resources/env/invalid/many-problems.yml"), dir.resolve("env.yml"));
    CliRun run = CliRun.of(new EnvBuildCommand(), invalid.toString(), "--out", out.toString());
    assertEquals(2, run.code());
    assertEquals(Files.readString(Path.of("src/test/resources/env/invalid/many-problems.expected"))
        .replace("FILE:", invalid + ":"), run.out());
    assertTrue(run.err().contains("is not a valid env; nothing was built"), run.err());

    Path env = newEnv("site", null);
    Path signOnly = Files.writeString(dir.resolve("sign-only.asc"),
        GnupgHome.in(dir.resolve("carol")).withSignOnlyKey("Carol <carol@example.org>").exportPublic());
    Path garbage = Files.writeString(dir.resolve("garbage.asc"), "not a key\n");
    for (Path recipients : List.of(dir.resolve("absent.asc"), garbage, signOnly)) {
      CliRun refused = CliRun.of(new EnvBuildCommand(), env.toString(), "--recipients", recipients.toString(), "--out",
          out.toString());
      assertEquals(2, refused.code(), refused.all());
      assertTrue(refused.err().contains(recipients.toString()) && refused.err().contains("nothing was built"), refused.err());
    }
    assertTrue(CliRun.of(new EnvBuildCommand(), env.toString(), "--recipients", signOnly.toString())
        .err().contains("(Carol <carol@example.org>) in " + signOnly + " cannot encrypt"));

    Path huge = newEnv("huge", randomSetting(240_000));
    CliRun tooLarge = CliRun.of(new EnvBuildCommand(), huge.toString(), "--out", out.toString());
    assertEquals(2, tooLarge.code());
    assertTrue(tooLarge.err().matches("(?s)env-build: env.yml compresses to \\d+ bytes, more than the 141600 bytes \\(160 QR"
        + " codes\\) a recovery sheet holds.*nothing was built\n"), tooLarge.err());
    assertFalse(Files.exists(out), "nothing may be written for bad input");
  }

  private Path newEnv(String name, String extra) throws IOException {
    // qa: env-build refuses a production env until it has a backup target off the machine and an alert channel.
    List<String> args = new ArrayList<>(List.of("example.org", dir.resolve(name).toString(), "--environment", "qa"));
    if (extra != null) {
      args.addAll(List.of("--extra", Files.writeString(dir.resolve(name + "-extra.yml"), extra).toString()));
    }
    CliRun run = CliRun.envNew(args.toArray(String[]::new));
    assertEquals(0, run.code(), run.all());
    return dir.resolve(name).resolve("env.yml");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object map) {
    return (Map<String, Object>) map;
  }

  private static Object value(Map<String, Object> values, String path) {
    Object current = values;
    for (String key : path.split("/")) {
      current = cast(current).get(key);
    }
    return current;
  }

  /** A setting of random text that hardly compresses, to make an env need many codes. */
  private static String randomSetting(int bytes) {
    byte[] random = new byte[bytes * 5 / 8];
    new SecureRandom().nextBytes(random);
    return "app:\n  settings:\n    BLOB: " + Base32.toBase32String(random).replace("=", "") + "\n";
  }

  private static CliRun build(Path env) {
    return CliRun.of(new EnvBuildCommand(), env.toString());
  }

  private static CliRun envRead(Path output, List<Path> images) {
    List<String> args = new ArrayList<>(List.of("--output", output.toString()));
    images.forEach(image -> args.add(image.toString()));
    return CliRun.of(new EnvReadCommand(), args.toArray(String[]::new));
  }

  private Path render(Path pdf, String dpi) throws Exception {
    Path scans = Files.createTempDirectory(dir, "scans-");
    Programs.ok(scans, "pdftoppm", "-r", dpi, "-gray", "-png", pdf.toString(), "page");
    return scans;
  }

  private static List<Path> pngs(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
  }

  private Map<String, byte[]> isoFiles(Path iso) throws Exception {
    Path extracted = Files.createTempDirectory(dir, "iso-");
    Programs.ok(dir, "xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", extracted.toString());
    Map<String, byte[]> files = new HashMap<>();
    try (Stream<Path> list = Files.list(extracted)) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  private static Map<String, byte[]> untar(byte[] tarGz) throws IOException {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarGz)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        files.put(entry.getName(), tar.readAllBytes());
      }
    }
    return files;
  }

  private static Path onlyFile(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> matching = files.filter(p -> p.toString().endsWith(suffix)).toList();
      assertEquals(1, matching.size(), matching.toString());
      return matching.get(0);
    }
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no " + prefix));
  }

  private static String sha256(Path file) throws IOException {
    return dev.appliance.env.build.qr.QrFrames.sha256(Files.readAllBytes(file));
  }

  /** The page as a photo: turned by {@code degrees}, resampled, and saved as JPEG by the caller. */
  private static BufferedImage rotate(BufferedImage source, double degrees) {
    double r = Math.toRadians(degrees);
    int w = source.getWidth();
    int h = source.getHeight();
    int width = (int) Math.ceil(Math.abs(w * Math.cos(r)) + Math.abs(h * Math.sin(r)));
    int height = (int) Math.ceil(Math.abs(h * Math.cos(r)) + Math.abs(w * Math.sin(r)));
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    AffineTransform transform = new AffineTransform();
    transform.translate(width / 2.0, height / 2.0);
    transform.rotate(r);
    transform.translate(-w / 2.0, -h / 2.0);
    g.drawImage(source, transform, null);
    g.dispose();
    return out;
  }
}
