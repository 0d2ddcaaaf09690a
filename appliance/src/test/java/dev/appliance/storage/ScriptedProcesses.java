package dev.appliance.storage;

import dev.appliance.env.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A process runner that runs nothing: it records each command line and answers as scripted by the program and its
 * first argument ({@code wipefs --no-act}, {@code cryptsetup open}): with output, or with an exit code. For a command
 * with {@code --key-file}, it notes what the key file held and its mode at the time of the call.
 */
final class ScriptedProcesses extends ProcessRunner {

  /** A key file as a command found it. */
  record KeyFileSeen(String content, String mode) {}

  private final List<List<String>> commands = new ArrayList<>();
  private final Map<String, String> outputs = new HashMap<>();
  private final Map<String, Integer> exits = new HashMap<>();
  private final Map<List<String>, KeyFileSeen> keyFiles = new HashMap<>();

  ScriptedProcesses prints(String program, String stdout) {
    outputs.put(program, stdout);
    return this;
  }

  ScriptedProcesses exits(String program, int code) {
    exits.put(program, code);
    return this;
  }

  @Override
  public Output run(List<String> command, Duration timeout) throws ProcessException {
    commands.add(List.copyOf(command));
    int at = command.indexOf("--key-file");
    if (at >= 0) {
      keyFiles.put(List.copyOf(command), seen(Path.of(command.get(at + 1))));
    }
    String program = String.join(" ", command.subList(0, 2));
    Integer code = exits.get(program);
    if (code != null) {
      throw new ProcessException("'" + program + "' failed (exit " + code + "): scripted", code, "scripted");
    }
    return new Output(outputs.getOrDefault(program, ""), "");
  }

  private static KeyFileSeen seen(Path file) {
    try {
      return new KeyFileSeen(Files.readString(file), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<List<String>> commands() {
    return List.copyOf(commands);
  }

  /** The programs run, each as its name and first argument. */
  List<String> programs() {
    return commands.stream().map(c -> String.join(" ", c.subList(0, 2))).toList();
  }

  Optional<KeyFileSeen> keyFileOf(List<String> command) {
    return Optional.ofNullable(keyFiles.get(command));
  }

  /** The key file the first command with one was given. */
  Path keyFile() {
    List<String> command = commands.stream().filter(c -> c.contains("--key-file")).findFirst().orElseThrow();
    return Path.of(command.get(command.indexOf("--key-file") + 1));
  }
}
