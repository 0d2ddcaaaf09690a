package dev.appliance.support;

import dev.appliance.env.process.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A process runner that runs nothing: it records each command line and answers with empty output. */
public final class RecordingProcesses extends ProcessRunner {

  private final List<List<String>> commands = new CopyOnWriteArrayList<>();

  @Override
  public Output run(List<String> command, Duration timeout) {
    commands.add(List.copyOf(command));
    return new Output("", "");
  }

  public List<List<String>> commands() {
    return List.copyOf(commands);
  }
}
