package dev.appliance.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.appliance.cli.ApplianceCommand;
import dev.appliance.docker.DockerClients;
import dev.appliance.docker.DockerEngine;
import dev.appliance.env.cli.Cli;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * appliance images build, save and load against the real engine, on the images of containers/ (built from the local
 * base image with nothing pulled). A unique stack name makes unique labels, so these images can really leave the
 * engine and come back.
 */
class StackImagesIT {

  private static final Path CONTAINERS = Path.of("../containers").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  private final String run = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private final DockerClient docker = DockerClients.connect();
  private final List<String> made = new ArrayList<>();

  @AfterEach
  void removeImages() throws Exception {
    for (String image : made) {
      try {
        docker.removeImageCmd(image).withForce(true).exec();
      } catch (NotFoundException e) {
        // already gone
      }
    }
    docker.close();
  }

  @Test
  void buildLabelsSaveAndLoadGiveTheSameImageIds() throws Exception {
    Path stackFile = Files.writeString(CONTAINERS.resolve(run + ".yml"), "name: " + run + "\nx-appliance:\n"
        + "  proxy: front\n  web: {service: front, port: 8080}\nservices:\n"
        + "  front: {build: {context: front}, image: " + run + "/front:1, ports: [\"80:8080\"]}\n"
        + "  postgres: {build: {context: postgres}, image: " + run + "/postgres:15}\n"
        + "  redis: {build: {context: redis}}\n");
    try {
      Stack stack = StackFile.read(stackFile, Interpolation.deferred());
      made.addAll(StackImages.names(stack).keySet());
      assertEquals(List.of(run + "/front:1", run + "/postgres:15", run + "/redis:latest"), made);

      CliResult built = appliance("images", "--stack", stackFile.toString(), "build");
      assertEquals(0, built.code(), built.err());
      Map<String, String> ids = new java.util.LinkedHashMap<>();
      for (String image : made) {
        var inspect = docker.inspectImageCmd(image).exec();
        ids.put(image, inspect.getId());
        Map<String, String> labels = inspect.getConfig().getLabels();
        assertEquals("true", labels.get(ImageLabels.MANAGED), image);
        assertEquals(run, labels.get(ImageLabels.STACK), image);
        assertEquals(image.equals(run + "/redis:latest") ? "redis" : image.split("/")[1].split(":")[0],
            labels.get(ImageLabels.SERVICE));
      }

      Path archive = dir.resolve("images.tar");
      CliResult saved = appliance("images", "--stack", stackFile.toString(), "save", archive.toString());
      assertEquals(0, saved.code(), saved.err());
      assertTrue(Files.size(archive) > 100_000_000L, "the archive holds the images' layers");

      for (String image : made) {
        docker.removeImageCmd(image).withForce(true).exec();
        assertThrows(NotFoundException.class, () -> docker.inspectImageCmd(image).exec(), image + " left the engine");
      }
      for (String id : ids.values()) {
        assertThrows(NotFoundException.class, () -> docker.inspectImageCmd(id).exec(), id + " left the engine");
      }

      CliResult loaded = appliance("images", "--stack", stackFile.toString(), "load", archive.toString());
      assertEquals(0, loaded.code(), loaded.err());
      for (Map.Entry<String, String> image : ids.entrySet()) {
        assertEquals(image.getValue(), docker.inspectImageCmd(image.getKey()).exec().getId(), image.getKey());
      }
      for (String image : made) {
        assertStopsQuickly(image);
      }
    } finally {
      Files.deleteIfExists(stackFile);
    }
  }

  @Test
  void aMissingImageIsLoadedFromTheBakedArchiveBeforeItIsBuilt() throws Exception {
    Path stackFile = Files.writeString(CONTAINERS.resolve(run + ".yml"), "name: " + run + "\nx-appliance:\n"
        + "  web: {service: redis, port: 6379}\nservices:\n  redis: {build: {context: redis}, image: " + run + "/redis:7}\n");
    try {
      Stack stack = StackFile.read(stackFile, Interpolation.deferred());
      String image = run + "/redis:7";
      made.add(image);
      assertEquals(0, appliance("images", "--stack", stackFile.toString(), "build").code());
      String id = docker.inspectImageCmd(image).exec().getId();
      Path archive = dir.resolve("baked.tar");
      assertEquals(0, appliance("images", "--stack", stackFile.toString(), "save", archive.toString()).code());
      docker.removeImageCmd(image).withForce(true).exec();

      List<String> progress = new ArrayList<>();
      Map<String, String> ids;
      try (var engine = DockerEngine.connect(progress::add)) {
        ids = new StackImages(engine, progress::add, archive).ensure(stack, CONTAINERS);
      }

      assertEquals(Map.of(image, id), ids, "the same image came back: " + progress);
      assertTrue(progress.stream().anyMatch(line -> line.startsWith("loading the images baked")), progress.toString());
      assertTrue(progress.stream().noneMatch(line -> line.contains("building from")), progress.toString());
    } finally {
      Files.deleteIfExists(stackFile);
    }
  }

  @Test
  void anImageThatIsNeitherPresentNorBuildableIsNamed() throws Exception {
    Path stackFile = Files.writeString(dir.resolve("stack.yml"), "x-appliance:\n  web: {service: web, port: 8080}\n"
        + "services:\n  web: {image: " + run + "/absent:1}\n");
    CliResult result = appliance("images", "--stack", stackFile.toString(), "build");
    assertEquals(2, result.code());
    assertTrue(result.err().contains("the image " + run + "/absent:1 of service web is not in the engine and has no build"
        + " section"), result.err());
  }

  /** Starts the image until healthy, then stops it: its service must handle the stop signal, not wait to be killed. */
  private void assertStopsQuickly(String image) throws InterruptedException {
    String id = docker.createContainerCmd(image).withName(run + "-" + image.replaceAll("[^a-z0-9]", "-"))
        .withEnv("POSTGRES_DB=app", "POSTGRES_PASSWORD=" + run).withLabels(ImageLabels.of(run, "stop-test")).exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      String health = "";
      for (int i = 0; i < 120 && !health.equals("healthy"); i++) {
        Thread.sleep(500);
        health = docker.inspectContainerCmd(id).exec().getState().getHealth().getStatus();
      }
      assertEquals("healthy", health, image + " became healthy");
      long start = System.nanoTime();
      docker.stopContainerCmd(id).withTimeout(10).exec();
      long millis = (System.nanoTime() - start) / 1_000_000;
      Long exit = docker.inspectContainerCmd(id).exec().getState().getExitCodeLong();
      assertTrue(millis < 5000, image + " took " + millis + " ms to stop");
      assertTrue(exit != null && exit != 137, image + " was killed instead of stopping (exit " + exit + ")");
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  private record CliResult(int code, String out, String err) {}

  private static CliResult appliance(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new ApplianceCommand(), new PrintWriter(out), new PrintWriter(err), args);
    return new CliResult(code, out.toString(), err.toString());
  }
}
