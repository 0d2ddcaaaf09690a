package dev.appliance.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecStdinIT {
  @Test
  void stdinReachesTheProgramAndEnds() throws Exception {
    var docker = DockerClients.connect();
    String id = docker.createContainerCmd("debian:bookworm-slim").withCmd("sleep", "120").withName("execstdin-probe").exec().getId();
    docker.startContainerCmd(id).exec();
    try (var engine = DockerEngine.connect(line -> {})) {
      byte[] data = new byte[10_000_000];
      new java.util.Random(1).nextBytes(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder err = new StringBuilder();
      long t = System.nanoTime();
      long code = engine.exec("execstdin-probe", null, List.of("sh", "-c", "head -c 10000000 | wc -c"), new ByteArrayInputStream(data), out, err);
      System.out.println("took " + (System.nanoTime() - t) / 1_000_000 + " ms: " + out + " " + err);
      assertEquals(0, code);
      assertEquals("10000000", out.toString().strip());
      out.reset();
      code = engine.exec("execstdin-probe", null, List.of("sh", "-c", "echo hi"), out, err);
      assertEquals("hi", out.toString().strip());
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }
}
