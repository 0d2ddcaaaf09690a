package dev.appliance.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.appliance.containers.ContainerSpec;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.host.HostRoot;
import dev.appliance.images.ImageLabels;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import dev.appliance.steps.StackVariables;
import dev.appliance.support.TestEnvs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the docker-java create command says for a specification, without a Docker engine. */
class CreateContainerMappingTest {

  @TempDir
  static Path dir;

  static Stack stack;

  @BeforeAll
  static void readTheProjectStack() throws Exception {
    var env = EnvLoader.load(TestEnvs.localhost(dir.resolve("env")));
    stack = StackFile.read(TestEnvs.STACK, Interpolation.of(StackVariables.of(env, 8080, 8443)));
  }

  private static CreateContainerCmdImpl created(ContainerSpec spec) {
    return (CreateContainerCmdImpl) CreateContainerMapping.applyTo(spec, "reference",
        new CreateContainerCmdImpl(command -> {
          throw new AssertionError("nothing is sent to an engine here");
        }, null, spec.image()));
  }

  @Test
  void theFrontPublishesItsPortsMountsItsDirectoriesUnderTheRootAndRestartsOnlyThroughTheSupervisor() {
    HostRoot root = new HostRoot(dir.resolve("root"));
    ContainerSpec spec = ContainerSpec.of(stack, stack.services().get("front"), root, Map.of("appliance/front:1", "sha256:f"));
    CreateContainerCmdImpl create = created(spec);

    assertEquals("reference-front", create.getName());
    assertEquals("true", create.getLabels().get(ImageLabels.MANAGED));
    assertEquals("front", create.getLabels().get(ImageLabels.SERVICE));
    assertEquals(spec.hash(), create.getLabels().get(ContainerSpec.CONFIG_LABEL));
    assertEquals(List.of("front"), create.getAliases());
    assertEquals(List.of(ExposedPort.tcp(8080), ExposedPort.tcp(8443)), Arrays.asList(create.getExposedPorts()));
    var host = create.getHostConfig();
    assertEquals("reference", host.getNetworkMode());
    assertEquals(com.github.dockerjava.api.model.RestartPolicy.noRestart(), host.getRestartPolicy());
    assertTrue(host.getReadonlyRootfs());
    assertTrue(Arrays.asList(host.getBinds()).contains(Bind.parse(root.resolve("/data/tls") + ":/etc/nginx/tls:ro")),
        Arrays.toString(host.getBinds()));
    assertEquals("8443", host.getPortBindings().getBindings().get(ExposedPort.tcp(8443))[0].getHostPortSpec());
    assertEquals(ContainerSpec.LOG_LIMITS, host.getLogConfig().getConfig());
  }

  @Test
  void aOneOffRunHasNeitherPortsNorTheServicesAliasAndRunsItsCommand() {
    ContainerSpec web = ContainerSpec.of(stack, stack.services().get("web"), new HostRoot(dir.resolve("root")), Map.of());
    CreateContainerCmdImpl create = created(web.oneOff("migrate", List.of("migrate")));

    assertEquals("reference-web-migrate", create.getName());
    assertEquals(List.of(), create.getAliases());
    assertEquals(List.of("migrate"), Arrays.asList(create.getCmd()));
    assertEquals("1000:1000", create.getUser());
    assertEquals(512L * 1024 * 1024, create.getHostConfig().getMemory());
    assertEquals(List.of("CMD", "/app/healthcheck", "http://127.0.0.1:8080/healthz"), create.getHealthcheck().getTest());
  }
}
