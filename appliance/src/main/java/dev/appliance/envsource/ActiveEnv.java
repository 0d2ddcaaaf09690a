package dev.appliance.envsource;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.env.model.InvalidEnvException;
import dev.appliance.host.HostRoot;
import dev.appliance.host.Ownership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * {@code /run/active-env.yml}: the env every later step uses, written by prepare-env only, atomically, mode 0600. It
 * is the env exactly as found, with one comment line after {@code #cloud-config} saying where it came from and when.
 *
 * @param config the validated env
 * @param source where prepare-env found it
 */
public record ActiveEnv(EnvConfig config, String source) {

  private static final String HEADER = "# appliance: active env from ";
  private static final String DIGEST = ", sha256 ";

  /** Records {@code content}, already validated, as the active env. */
  public static void write(HostRoot root, String source, byte[] content, Instant now) throws IOException {
    String header = HEADER + source.replace('\n', ' ') + ", read " + now.truncatedTo(ChronoUnit.SECONDS)
        + DIGEST + DigestUtils.sha256Hex(content) + "\n";
    byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
    // After the first line, which must stay '#cloud-config'.
    int split = 0;
    while (split < content.length && content[split++] != '\n') {
      // find the end of the first line
    }
    byte[] all = new byte[headerBytes.length + content.length];
    System.arraycopy(content, 0, all, 0, split);
    System.arraycopy(headerBytes, 0, all, split, headerBytes.length);
    System.arraycopy(content, split, all, split + headerBytes.length, content.length - split);
    root.files().write(root.activeEnv(), "rw-------", all);
  }

  /** Whether the active env is {@code content} from {@code source} already, byte for byte. */
  public static boolean holds(HostRoot root, String source, byte[] content) throws IOException {
    Path file = root.activeEnv();
    if (!Files.isRegularFile(file) || !Ownership.hasMode(file, "rw-------")) {
      return false;
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    Matcher header = Pattern.compile("(?m)^" + Pattern.quote(HEADER + source.replace('\n', ' ') + ", read ")
        + "[^\n]*" + DIGEST + "([0-9a-f]{64})\n").matcher(text);
    return header.find() && header.group(1).equals(DigestUtils.sha256Hex(content))
        && Arrays.equals((text.substring(0, header.start()) + text.substring(header.end())).getBytes(StandardCharsets.UTF_8),
            content);
  }

  /** Where the active env came from, without validating it (for status). */
  public static Optional<String> source(HostRoot root) throws IOException {
    Path file = root.activeEnv();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (var lines = Files.lines(file)) {
      return lines.limit(2).filter(l -> l.startsWith(HEADER)).findFirst()
          .map(l -> l.substring(HEADER.length()).replaceFirst(DIGEST + "[0-9a-f]+$", ""));
    }
  }

  /** The active env, which every step after prepare-env needs. */
  public static ActiveEnv require(HostRoot root) throws IOException {
    Path file = root.activeEnv();
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      throw new Cli.BadInputException("there is no active env (" + file + "); run: appliance prepare-env");
    }
    try {
      Optional<byte[]> original = unchanged(file);
      // Unchanged since prepare-env validated it (the digest matches): read without validating again.
      EnvConfig config = original.isPresent() ? EnvLoader.readValidated(file, original.get())
          : EnvLoader.load(file, Files.readAllBytes(file));
      return new ActiveEnv(config, source(root).orElse("unknown"));
    } catch (InvalidEnvException e) {
      throw new Cli.BadInputException(invalid(e));
    }
  }

  /**
   * The active env's problems, FILE:LINE:COLUMN each, for status: none when it is as prepare-env wrote it (the
   * digest matches, which is quick) or when it was changed but is still valid; empty also when there is none.
   */
  public static List<String> problems(HostRoot root) throws IOException {
    Path file = root.activeEnv();
    if (!Files.isRegularFile(file) || unchanged(file).isPresent()) {
      return List.of();
    }
    try {
      EnvLoader.load(file, Files.readAllBytes(file));
      return List.of();
    } catch (InvalidEnvException e) {
      return e.lines();
    }
  }

  /** The env as prepare-env found it, if the file still holds it unchanged (its header's digest matches). */
  private static Optional<byte[]> unchanged(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    Matcher header = Pattern.compile("(?m)^" + Pattern.quote(HEADER) + ".*" + DIGEST + "([0-9a-f]{64})\n").matcher(text);
    if (header.find()) {
      byte[] original = (text.substring(0, header.start()) + text.substring(header.end())).getBytes(StandardCharsets.UTF_8);
      if (DigestUtils.sha256Hex(original).equals(header.group(1))) {
        return Optional.of(original);
      }
    }
    return Optional.empty();
  }

  private static String invalid(InvalidEnvException e) {
    return e.getMessage() + ", changed since prepare-env checked it:\n  " + String.join("\n  ", e.lines())
        + "\nrun appliance prepare-env to make a valid env the active one again";
  }
}
