package dev.appliance.support;

import dev.appliance.env.process.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A process runner that runs nothing: it records each command line and answers with empty output, or with what
 * {@link #answer} gave for that command line.
 */
public final class RecordingProcesses extends ProcessRunner {

  private final List<List<String>> commands = new CopyOnWriteArrayList<>();
  private final Map<List<String>, String> answers = new ConcurrentHashMap<>();

  @Override
  public Output run(List<String> command, Duration timeout) {
    commands.add(List.copyOf(command));
    return new Output(answers.getOrDefault(command, ""), "");
  }

  /** From now on, {@code command} prints {@code stdout}. */
  public void answer(List<String> command, String stdout) {
    answers.put(List.copyOf(command), stdout);
  }

  public List<List<String>> commands() {
    return List.copyOf(commands);
  }

  public void clear() {
    commands.clear();
  }
}
