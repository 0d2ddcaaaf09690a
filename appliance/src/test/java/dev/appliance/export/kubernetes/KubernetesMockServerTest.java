package dev.appliance.export.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export applied to fabric8's in-process API server (CRUD mode, on 127.0.0.1) and read back: every object is
 * accepted in the namespace it names and comes back as written. The mock checks no schema; the typed model does.
 */
class KubernetesMockServerTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  // The mock logs every request; held here, since the logging framework keeps loggers only weakly.
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  @TempDir
  Path dir;

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of()), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    // The client's own timeouts (10 s a request) bound every call.
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void everyObjectIsAppliedAndReadBackAsWritten() throws Exception {
    Map<String, List<HasMetadata>> parsed = ExportedManifests.parse(ExportedManifests.write(dir.resolve("out")));
    List<HasMetadata> objects = parsed.values().stream().flatMap(List::stream).toList();
    for (HasMetadata object : objects) {
      client.resource(object).create();
    }
    for (HasMetadata object : objects) {
      HasMetadata stored = client.resource(object).get();
      assertNotNull(stored, object.getKind() + " " + object.getMetadata().getName());
      assertEquals(object.getMetadata().getLabels(), stored.getMetadata().getLabels());
      assertEquals(spec(object), spec(stored), object.getKind() + " " + object.getMetadata().getName());
    }
    assertEquals(3, client.apps().deployments().inNamespace("reference").list().getItems().size());
    assertEquals(List.of("migrate-2"), client.batch().v1().jobs().inNamespace("reference").list().getItems().stream()
        .map(j -> j.getMetadata().getName()).toList());
    assertEquals(List.of("vault", "database-dumps"), client.persistentVolumeClaims().inNamespace("reference").list()
        .getItems().stream().map(c -> c.getMetadata().getName()).sorted(java.util.Comparator.reverseOrder()).toList());
  }

  // What an object says besides the metadata the server fills in (uid, resourceVersion, timestamps).
  private static String spec(HasMetadata object) {
    HasMetadata copy = SERIALIZATION.clone(object);
    copy.setMetadata(null);
    return SERIALIZATION.asJson(copy);
  }
}
