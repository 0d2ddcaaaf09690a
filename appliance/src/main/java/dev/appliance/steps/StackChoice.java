package dev.appliance.steps;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which stack file a command works with: the one given ({@code --stack} or {@code $APPLIANCE_STACK}), else the one
 * the root was last prepared with (kept in {@code /app/etc/stack-file}), else the installed one. Later commands on a
 * root (status, maintenance, stop) so need no {@code --stack}.
 */
public final class StackChoice {

  /** Where the image installs the stack. */
  public static final Path INSTALLED = Path.of("/opt/appliance/containers/stack.yml");

  private StackChoice() {}

  private static Path memory(HostRoot root) {
    return root.etc().resolve("stack-file");
  }

  public static Path of(HostRoot root, Optional<Path> given) throws IOException {
    if (given.isPresent()) {
      return given.get().toAbsolutePath();
    }
    Path memory = memory(root);
    if (Files.isRegularFile(memory)) {
      Path remembered = Path.of(Files.readString(memory).strip());
      if (Files.isRegularFile(remembered)) {
        return remembered;
      }
    }
    return INSTALLED;
  }

  /** Records {@code stackFile} as the root's stack. */
  static void remember(HostRoot root, Path stackFile) throws IOException {
    Path memory = memory(root);
    String text = stackFile.toAbsolutePath() + "\n";
    if (!Files.isRegularFile(memory) || !Files.readString(memory).equals(text)) {
      root.files().write(memory, "rw-r--r--", text);
    }
  }
}
