package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerDaemonConfigTest {

  @TempDir
  Path root;

  @Test
  void mergesDataRootAndLogLimitsKeepingOtherSettings() throws Exception {
    DockerDaemonConfig config = new DockerDaemonConfig(new HostRoot(root));
    Files.createDirectories(config.file().getParent());
    Files.writeString(config.file(), "{\"registry-mirrors\": [\"https://mirror.example\"], \"log-opts\": {\"tag\": \"{{.Name}}\"}}");
    assertTrue(config.apply());
    String json = Files.readString(config.file());
    assertTrue(json.contains("\"data-root\" : \"/volatile/docker\""), json);
    assertTrue(json.contains("\"max-size\" : \"10m\"") && json.contains("\"max-file\" : \"3\""), json);
    assertTrue(json.contains("registry-mirrors") && json.contains("\"tag\""), "other settings kept: " + json);
    assertFalse(config.apply(), "a second run changes nothing");
  }
}
