package dev.appliance.reference;

/** {@code web}, {@code worker} or {@code migrate}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "web" : args[0];
    Settings settings;
    try {
      settings = Settings.from(SecretFiles.resolve(System.getenv()));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      System.err.println("reference-app: " + e.getMessage());
      System.exit(2);
      return;
    }
    switch (command) {
      case "web" -> new WebServer(settings).start();
      case "worker" -> new Worker(settings).run();
      case "migrate" -> Migrations.apply(settings);
      default -> {
        System.err.println("reference-app: unknown command '" + command + "'; use web, worker or migrate");
        System.exit(2);
      }
    }
  }
}
