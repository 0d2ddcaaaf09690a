package dev.appliance.export.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.appliance.docker.DockerClients;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.export.ExportDirectory;
import dev.appliance.export.ExportSource;
import dev.appliance.host.HostRoot;
import dev.appliance.support.DerivedImages;
import dev.appliance.support.SteadyClient;
import dev.appliance.support.TestEnvs;
import dev.appliance.tls.ClientCa;
import dev.appliance.tls.ClientCaFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Swarm export deployed for real: a private engine in Swarm mode, the images loaded from archives as
 * {@code appliance images save} writes them, deploy.sh; then a web image that never gets healthy, deployed as an
 * update, which Swarm rolls back while the old version keeps answering through the front.
 */
class SwarmIT {

  static final String BROKEN = "appliance-test/reference-app:swarm-unhealthy";
  static final List<String> IMAGES = List.of("appliance/front:1", "appliance/postgres:15", "appliance/redis:7",
      "appliance/reference-app:2");

  @TempDir
  Path work;

  @Test
  void theExportDeploysAndSwarmRollsBackABrokenWebWhileTheOldOneServes() throws Exception {
    long began = System.nanoTime();
    String name = "swarm" + Long.toString(System.nanoTime() % 1_000_000, 36);
    DockerClient docker = DockerClients.connect();
    DerivedImages.build(docker, work, BROKEN, "ENV APP_VERSION=6\nCOPY unhealthy /app/healthcheck\n",
        Map.of("unhealthy", "#!/bin/sh\necho 'never healthy'\nexit 1\n"));
    Path images = save(work.resolve("images.tar"), IMAGES);
    Path broken = save(work.resolve("broken.tar"), List.of(BROKEN));
    EnvConfig env = EnvLoader.load(SwarmGoldenTest.ENV);
    Path nodeRoot = work.resolve("node");
    // The appliance's client CA and revocation list, as a machine moving to Swarm has them in /data/ca.
    new ClientCaFiles(new HostRoot(nodeRoot)).prepare(ClientCa.of(env.appliance().ssl().clientCa().orElseThrow()), Instant.now());
    int httpPort = TestEnvs.freePort();
    int httpsPort = TestEnvs.freePort();
    // Five retries instead of thirty: a broken task is unhealthy within seconds, not a minute.
    String[] faster = {"retries: 30", "retries: 5"};
    Path exported = work.resolve("export");

    try (PrivateSwarm swarm = PrivateSwarm.start(work.resolve("e"), name.substring(0, Math.min(name.length(), 10)))) {
      try {
        export(TestEnvs.stack(work.resolve("v2"), name, faster), env, nodeRoot, httpPort, httpsPort, exported);
        PrivateSwarm.Result first = deploy(swarm, exported, images);
        assertEquals(0, first.code(), first.out());
        assertTrue(first.out().contains("making a self-signed one for app.example.org"), first.out());
        assertTrue(first.out().contains("migration " + name + "_migrate-2 done"), first.out());
        System.out.println("SwarmIT: first deploy done after " + seconds(began) + " s");
        assertEquals("2", verifiedAnswer(nodeRoot, httpsPort), "the reference app answers through the front");

        Path brokenStack = TestEnvs.stack(work.resolve("broken"), name, "retries: 30", "retries: 5",
            "image: appliance/reference-app:2", "image: " + BROKEN);
        export(brokenStack, env, nodeRoot, httpPort, httpsPort, exported);
        long updating = System.nanoTime();
        PrivateSwarm.Result update;
        List<String> failures;
        List<String> answers;
        int requests;
        try (SteadyClient visitor = SteadyClient.start(httpsPort, "/version", 20 * 240)) {
          update = deploy(swarm, exported, broken);
          visitor.stop();
          failures = visitor.failures();
          answers = new ArrayList<>(visitor.answers());
          requests = visitor.requests();
        }
        System.out.println("SwarmIT: the broken update took " + seconds(updating) + " s, " + requests + " requests, "
            + failures.size() + " failed");
        assertEquals(1, update.code(), update.out());
        assertTrue(update.out().contains("Swarm rolled " + name + "_web back to appliance/reference-app:2"), update.out());
        assertEquals(List.of(), failures, "no failed request among " + requests);
        assertEquals(List.of("2"), answers, "only the old version answered");
        String web = PrivateSwarm.check(swarm.docker("service", "inspect", name + "_web", "--format",
            "{{.Spec.TaskTemplate.ContainerSpec.Image}} {{.UpdateStatus.State}}")).out().strip();
        assertEquals("appliance/reference-app:2 rollback_completed", web);
        assertEquals("2", verifiedAnswer(nodeRoot, httpsPort), "the old version still answers after the rollback");
      } catch (AssertionError | Exception e) {
        System.out.println("SwarmIT failed; the services:\n" + swarm.docker("service", "ls").out()
            + swarm.docker("service", "ps", "--no-trunc", name + "_web").out() + "\nthe engine's log:\n" + swarm.log());
        throw e;
      }
      PrivateSwarm.check(swarm.docker("stack", "rm", name));
      awaitNoContainers(swarm);
    } finally {
      docker.removeImageCmd(BROKEN).withForce(true).exec();
      docker.close();
      System.out.println("SwarmIT: took " + seconds(began) + " s");
    }
  }

  private static void export(Path stack, EnvConfig env, Path nodeRoot, int httpPort, int httpsPort, Path dir) throws Exception {
    SwarmExport export = new SwarmExport(nodeRoot);
    ExportSource source = ExportSource.read(stack, env, httpPort, httpsPort);
    export.refuse(source);
    source.refusals().throwIfAny(export.target());
    new ExportDirectory(dir).write(export.files(source));
  }

  private static PrivateSwarm.Result deploy(PrivateSwarm swarm, Path dir, Path images) throws Exception {
    // deploy.sh bounds its own waits: the migration's and the convergence's.
    PrivateSwarm.Result result = PrivateSwarm.run(List.of("bash", dir.resolve("deploy.sh").toString(), "--images",
        images.toString()), Map.of("DOCKER_HOST", swarm.host()), Duration.ofSeconds(DeployScript.MIGRATION_SECONDS
        + DeployScript.CONVERGE_SECONDS + 60));
    System.out.println(result.out());
    return result;
  }

  /** Saved from the machine's engine, as {@code appliance images save} does. */
  private static Path save(Path archive, List<String> images) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker", "save", "-o", archive.toString()));
    command.addAll(images);
    PrivateSwarm.check(PrivateSwarm.run(command, Map.of()));
    return archive;
  }

  /**
   * /version through the front, checked against the certificate deploy.sh made for the env's domain (trusted here:
   * it is self-signed), on 127.0.0.1.
   */
  private static String verifiedAnswer(Path nodeRoot, int httpsPort) throws Exception {
    PrivateSwarm.Result curl = PrivateSwarm.check(PrivateSwarm.run(List.of("curl", "-fsS", "--max-time", "10",
        "--cacert", nodeRoot.resolve("data/tls/server.crt").toString(), "--resolve",
        "app.example.org:" + httpsPort + ":127.0.0.1", "https://app.example.org:" + httpsPort + "/version"), Map.of()));
    return curl.out().strip();
  }

  /**
   * Until no service and no container but the migrations' is left: Docker 20.10 keeps the exited containers of a
   * job's tasks when the job goes, and they are pruned.
   */
  private static void awaitNoContainers(PrivateSwarm swarm) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (swarm.docker("ps", "-a", "--format", "{{.Names}}").out().lines().anyMatch(n -> !n.contains("_migrate-"))
        || !swarm.docker("service", "ls", "-q").out().isBlank()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the stack was not gone 90 s after docker stack rm: "
            + swarm.docker("service", "ls").out() + swarm.docker("ps", "-a").out());
      }
      Thread.sleep(1000);
    }
    PrivateSwarm.check(swarm.docker("container", "prune", "-f"));
  }

  private static long seconds(long since) {
    return Duration.ofNanos(System.nanoTime() - since).toSeconds();
  }
}
