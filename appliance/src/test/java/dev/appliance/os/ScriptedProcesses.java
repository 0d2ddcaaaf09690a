package dev.appliance.os;

import dev.appliance.env.process.ProcessRunner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A process runner that runs nothing: each command line gets the output scripted for the longest matching prefix
 * (empty output if none), or fails as a missing program does. Records every invocation with its environment.
 */
final class ScriptedProcesses extends ProcessRunner {

  private final Map<List<String>, String> answers = new LinkedHashMap<>();
  private final List<String> missing = new CopyOnWriteArrayList<>();
  final List<Invocation> invocations = new CopyOnWriteArrayList<>();

  ScriptedProcesses answer(List<String> prefix, String stdout) {
    answers.put(List.copyOf(prefix), stdout);
    return this;
  }

  /** {@code program} cannot start, as on a machine without it. */
  ScriptedProcesses without(String program) {
    missing.add(program);
    return this;
  }

  @Override
  public Output run(Invocation invocation, Duration timeout) throws ProcessException {
    invocations.add(invocation);
    List<String> command = invocation.command();
    if (missing.contains(command.get(0))) {
      throw new ProcessException("cannot start '" + command.get(0) + "': No such file or directory", NO_EXIT, "");
    }
    return new Output(answers.entrySet().stream()
        .filter(a -> command.size() >= a.getKey().size() && command.subList(0, a.getKey().size()).equals(a.getKey()))
        .max((a, b) -> Integer.compare(a.getKey().size(), b.getKey().size()))
        .map(Map.Entry::getValue).orElse(""), "");
  }

  /** The command lines run, each joined by spaces. */
  List<String> commands() {
    return invocations.stream().map(i -> String.join(" ", i.command())).toList();
  }
}
