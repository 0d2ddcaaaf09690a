package dev.appliance.steps;

/**
 * What a command does if SIGTERM (systemctl stop) ends it while it works: the JVM runs this before it exits, so that
 * what the command started does not outlive it. {@link #cancel} takes it back when the work is done.
 */
final class OnTermination {

  private final Thread hook;

  OnTermination(String name, Runnable action) {
    this.hook = new Thread(action, name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Takes the action back.
   *
   * @return false when the JVM is ending already: then the action runs, or has run
   */
  boolean cancel() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
