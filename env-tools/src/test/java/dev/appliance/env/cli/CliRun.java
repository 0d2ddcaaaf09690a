package dev.appliance.env.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The outcome of running a command in-process, as a user would see it.
 *
 * @param code the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
public record CliRun(int code, String out, String err) {

  /** Runs {@code command} with {@code args} through the same entry as the real programs. */
  public static CliRun of(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(command, new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  public static CliRun envCheck(String... args) {
    return of(new EnvCheckCommand(), args);
  }

  public static CliRun envNew(String... args) {
    return of(new EnvNewCommand(), args);
  }

  /** Everything the user saw. */
  public String all() {
    return out + err;
  }
}
